using Xunit;

namespace FedActors.Configuration.Tests.Spec;

/// <summary>HOCON.md, "Substitutions", "Self-referential substitutions" and "The += field separator".</summary>
public sealed class SubstitutionTests
{
    private static Config Parse(string text) => ConfigFactory.ParseString(text, "sub.conf");

    [Fact]
    public void Substitutions_copy_values_of_any_type_and_may_refer_forward()
    {
        var config = Parse("""
            a = ${b}
            b = ${c.d}
            c { d = { e = [1, 2] } }
            n = ${num}
            num = 5
            """);
        Assert.Equal([1, 2], config.GetIntList("a.e"));
        Assert.Equal(ConfigValueType.Number, config.GetValueType("n"));
    }

    [Fact]
    public void Substitutions_see_the_final_merged_value()
    {
        var config = Parse("""
            bar { foo = 42, baz = ${bar.foo} }
            bar { foo = 43 }
            """);
        Assert.Equal(43, config.GetInt("bar.baz"));
    }

    [Fact]
    public void Substitutions_inside_quotes_are_not_substitutions() =>
        Assert.Equal("${a}", Parse("a = 1\nb = \"${a}\"").GetString("b"));

    [Fact]
    public void An_unresolved_substitution_is_a_located_error_naming_the_key()
    {
        var error = Assert.Throws<ConfigException>(() => Parse("x = 1\na { b = ${nope.here} }"));
        Assert.StartsWith("sub.conf:2:9: a.b: cannot resolve ${nope.here}", error.Message);
    }

    [Fact]
    public void An_optional_substitution_that_is_missing_leaves_the_field_undefined_or_unchanged()
    {
        var config = Parse("a = ${?nope}\nb = 1\nb = ${?nope}\nc = [1, ${?nope}, 2]\nd = x ${?nope}");
        Assert.False(config.HasPath("a"));
        Assert.DoesNotContain("a", config.Keys);
        Assert.Equal(1, config.GetInt("b"));
        Assert.Equal([1, 2], config.GetIntList("c"));
        Assert.Equal("x", config.GetString("d"));
    }

    [Fact]
    public void A_cycle_is_a_located_error_naming_the_chain()
    {
        var error = Assert.Throws<ConfigException>(() => Parse("a = ${b}\nb = ${c}\nc = ${a}"));
        Assert.StartsWith("sub.conf:3:5: c: substitution ${a} is part of a cycle: a -> b -> c -> a", error.Message);
    }

    [Fact]
    public void An_object_containing_a_reference_to_itself_is_a_cycle() =>
        Assert.Throws<ConfigException>(() => Parse("a { b = ${a} }"));

    [Fact]
    public void A_self_reference_reads_the_previous_value()
    {
        var config = Parse("""
            path = "/bin"
            path = ${path}":/usr/bin"
            obj { x = 1 }
            obj = ${obj} { y = 2 }
            list = [1]
            list = ${list} [2]
            nested { a { v = 1 } }
            nested.a.v = ${nested.a.v}0
            """);
        Assert.Equal("/bin:/usr/bin", config.GetString("path"));
        Assert.Equal(1, config.GetInt("obj.x"));
        Assert.Equal(2, config.GetInt("obj.y"));
        Assert.Equal([1, 2], config.GetIntList("list"));
        Assert.Equal("10", config.GetString("nested.a.v"));
    }

    [Fact]
    public void A_self_reference_in_a_field_of_a_merged_object_reads_the_older_value()
    {
        var config = Parse("a { x = 1 }\na { x = ${a.x}2, y = ${a.x} }");
        Assert.Equal("12", config.GetString("a.x"));
        Assert.Equal("12", config.GetString("a.y"));
    }

    [Fact]
    public void A_self_reference_without_a_previous_value_falls_back_to_the_environment()
    {
        Environment.SetEnvironmentVariable("FEDACTORS_TEST_SELF", "/opt");
        try
        {
            Assert.Equal("/opt:/x", Parse("FEDACTORS_TEST_SELF = ${FEDACTORS_TEST_SELF}\":/x\"").GetString("FEDACTORS_TEST_SELF"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("FEDACTORS_TEST_SELF", null);
        }
    }

    [Fact]
    public void A_self_reference_without_a_previous_value_or_variable_is_an_error() =>
        Assert.Throws<ConfigException>(() => Parse("fedactors_nothing = ${fedactors_nothing}x"));

    [Fact]
    public void Missing_settings_fall_back_to_environment_variables_and_the_config_wins()
    {
        Environment.SetEnvironmentVariable("FEDACTORS_TEST_HOME", "/home/test");
        try
        {
            var config = Parse("home = ${FEDACTORS_TEST_HOME}\nopt = ${?FEDACTORS_TEST_HOME}\nFEDACTORS_TEST_SHADOW = mine\nshadow = ${FEDACTORS_TEST_SHADOW}");
            Assert.Equal("/home/test", config.GetString("home"));
            Assert.Equal("/home/test", config.GetString("opt"));
            Assert.Equal("mine", config.GetString("shadow"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("FEDACTORS_TEST_HOME", null);
        }
    }

    [Fact]
    public void Plus_equals_appends_to_a_list_or_starts_one()
    {
        var config = Parse("a = [1]\na += 2\na += 3\nb += x\nc { d += 1, d += 2 }\ne += [1]");
        Assert.Equal([1, 2, 3], config.GetIntList("a"));
        Assert.Equal(ConfigValueType.List, config.GetValueType("e"));
        Assert.Contains("e[0]: expected an integer, found a list", Assert.Throws<ConfigException>(() => config.GetIntList("e")).Message);
        Assert.Equal(["x"], config.GetStringList("b"));
        Assert.Equal([1, 2], config.GetIntList("c.d"));
    }

    [Fact]
    public void Chained_substitutions_that_double_strings_are_stopped_by_the_work_budget()
    {
        var lines = new List<string> { "a0 = xxxxxxxxxxxxxxxx" };
        for (var i = 1; i <= 40; i++)
        {
            lines.Add($"a{i} = ${{a{i - 1}}}${{a{i - 1}}}");
        }
        var error = Assert.Throws<ConfigException>(() => Parse(string.Join('\n', lines)));
        Assert.Matches(@"^sub\.conf:\d+:\d+: a\d+: ", error.Message);
    }

    [Fact]
    public void Chained_substitutions_that_double_objects_are_stopped_by_the_size_bound()
    {
        var lines = new List<string> { "a0 { x = 1 }" };
        for (var i = 1; i <= 40; i++)
        {
            lines.Add($"a{i} {{ l = ${{a{i - 1}}}, r = ${{a{i - 1}}} }}");
        }
        Assert.Throws<ConfigException>(() => Parse(string.Join('\n', lines)));
    }

    [Fact]
    public void A_long_chain_of_substitutions_is_an_error_not_a_stack_overflow()
    {
        var lines = Enumerable.Range(0, 5000).Select(i => $"k{i} = ${{k{i + 1}}}").Append("k5000 = end");
        var error = Assert.Throws<ConfigException>(() => Parse(string.Join('\n', lines)));
        Assert.Contains("deeper than", error.Message);
    }
}
