using Xunit;

namespace FedActors.Configuration.Tests.Spec;

/// <summary>HOCON.md, "Self-referential substitutions" and "The += field separator".</summary>
public sealed class SelfReferentialSubstitutionTests
{
    private static Config Parse(string text) => ConfigFactory.ParseString(text, "self.conf");

    [Theory]
    [InlineData("a { b = \"x:y\" }\na.b = ${a.b}\":z\"")]
    [InlineData("a { b = \"x:y\" }\na { b = ${a.b}\":z\" }")]
    [InlineData("a.b = \"x:y\"\na.b = ${a.b}\":z\"")]
    [InlineData("a.b = \"x:y\"\na { b = ${a.b}\":z\" }")]
    public void A_nested_field_extends_its_previous_value_however_the_key_is_written(string text) =>
        Assert.Equal("x:y:z", Parse(text).GetString("a.b"));

    [Theory]
    [InlineData("a { b = [1, 2] }\na { b = ${a.b} [3, 4] }")]
    [InlineData("a.b = [1, 2]\na.b = ${a.b} [3, 4]")]
    public void A_nested_list_extends_its_previous_value(string text) =>
        Assert.Equal([1, 2, 3, 4], Parse(text).GetIntList("a.b"));

    [Fact]
    public void A_field_may_be_set_to_its_own_previous_object() =>
        Assert.Equal(1, Parse("foo { a = 1 }\nfoo = ${foo}").GetInt("foo.a"));

    [Fact]
    public void A_substitution_hidden_by_a_later_non_object_is_never_evaluated()
    {
        var config = Parse("foo = ${does-not-exist}\nfoo = 42\nbar = ${nor-this}\nbar = [42]");
        Assert.Equal(42, config.GetInt("foo"));
        Assert.Equal([42], config.GetIntList("bar"));
    }

    [Fact]
    public void A_self_reference_through_a_path_reads_the_older_value()
    {
        var config = Parse("foo { a { c = 1 } }\nfoo = ${foo.a}\nfoo { a = 2 }");
        Assert.Equal(2, config.GetInt("foo.a"));
        Assert.Equal(1, config.GetInt("foo.c"));
    }

    [Fact]
    public void Objects_referring_to_each_other_are_not_self_references()
    {
        var config = Parse("bar { a = ${foo.d}, b = 1 }\nbar.b = 3\nfoo { c = ${bar.b}, d = 2 }\nfoo.d = 4");
        Assert.Equal(4, config.GetInt("bar.a"));
        Assert.Equal(3, config.GetInt("foo.c"));
    }

    [Fact]
    public void An_optional_self_reference_with_no_previous_value_leaves_the_field_undefined()
    {
        var config = Parse("fedactors-nothing = ${?fedactors-nothing}\nb = ${?b}foo");
        Assert.False(config.HasPath("fedactors-nothing"));
        Assert.Equal("foo", config.GetString("b"));
    }

    [Theory]
    [InlineData("fedactors-nothing = ${fedactors-nothing}")]
    [InlineData("fedactors-nothing = ${fedactors-nothing}\nfedactors-nothing { a = 1 }")]
    public void A_required_self_reference_with_no_previous_value_is_an_error(string text)
    {
        var error = Assert.Throws<ConfigException>(() => Parse(text));
        Assert.StartsWith("self.conf:1:21: fedactors-nothing: cannot resolve ${fedactors-nothing}", error.Message);
    }

    [Theory]
    [InlineData("bar = ${foo}\nfoo = ${bar}")]
    [InlineData("a = 1\nb = 2\na = ${b}\nb = ${a}")]
    public void Mutual_references_through_overrides_are_cycles(string text) =>
        Assert.Contains("cycle", Assert.Throws<ConfigException>(() => Parse(text)).Message);

    [Fact]
    public void Plus_equals_appends_values_and_substitutions()
    {
        var config = Parse("a = [1, 2]\na += 3\na += ${b}\nb = [4, 5]");
        var json = string.Concat(config.ToJson().Where(c => !char.IsWhiteSpace(c)));
        Assert.StartsWith("{\"a\":[1,2,3,[4,5]],", json);
    }

    [Fact]
    public void A_field_of_an_object_concatenation_may_refer_to_a_sibling()
    {
        var config = Parse("base { timeout = 5s, name = b }\nservice = ${base} { retry = ${service.timeout}, name = s, label = ${service.name} }");
        Assert.Equal("5s", config.GetString("service.retry"));
        Assert.Equal("s", config.GetString("service.label"));
        Assert.Equal("b", config.GetString("base.name"));
    }

    [Fact]
    public void A_reference_into_an_object_concatenation_that_cannot_be_known_early_is_a_cycle()
    {
        var error = Assert.Throws<ConfigException>(() => Parse("b { }\na = ${b} { x = ${a.y} }"));
        Assert.Contains("cycle", error.Message);
    }

    [Fact]
    public void Objects_built_from_each_other_while_probing_for_siblings_end_in_a_cycle_error()
    {
        var text = "p = ${q.r} { x = ${p.y} }\nq = { r = ${p.z} }";
        Assert.Contains("cycle", Assert.Throws<ConfigException>(() => Parse(text)).Message);
        var deeper = "a = ${b.c.d} { x = ${a.y} }\nb.c = ${a} { d = 1 }";
        Assert.Throws<ConfigException>(() => Parse(deeper));
    }
}
