using Xunit;

namespace FedActors.Configuration.Tests.Spec;

/// <summary>HOCON.md, "Value concatenation": strings, arrays and objects.</summary>
public sealed class ValueConcatenationTests
{
    private static Config Parse(string text) => ConfigFactory.ParseString(text, "c.conf");

    [Fact]
    public void Strings_concatenate_keeping_whitespace_between_them()
    {
        var config = Parse("a = foo \"bar\"  baz\nb = 1 2\nc = true \" \" false\nd = \"x\"\"y\"");
        Assert.Equal("foo bar  baz", config.GetString("a"));
        Assert.Equal("1 2", config.GetString("b"));
        Assert.Equal(ConfigValueType.String, config.GetValueType("b"));
        Assert.Equal("true   false", config.GetString("c"));
        Assert.Equal("xy", config.GetString("d"));
    }

    [Fact]
    public void Arrays_concatenate()
    {
        var config = Parse("a = [1, 2] [3]\nb = [] [x] []");
        Assert.Equal([1, 2, 3], config.GetIntList("a"));
        Assert.Equal(["x"], config.GetStringList("b"));
    }

    [Fact]
    public void Objects_concatenate_by_merging()
    {
        var config = Parse("a = { x = 1, y = 1 } { y = 2 }\nb { p = 1 } { q = 2 }");
        Assert.Equal(1, config.GetInt("a.x"));
        Assert.Equal(2, config.GetInt("a.y"));
        Assert.Equal(2, config.GetInt("b.q"));
    }

    [Fact]
    public void Substitutions_concatenate_with_strings_lists_and_objects()
    {
        var config = Parse("""
            host = example.org
            port = 80
            url = "http://"${host}":"${port}/index
            sentence = ${host} is up
            base = [1, 2]
            more = ${base} [3]
            defaults { a = 1 }
            custom = ${defaults} { b = 2 }
            """);
        Assert.Equal("http://example.org:80/index", config.GetString("url"));
        Assert.Equal("example.org is up", config.GetString("sentence"));
        Assert.Equal([1, 2, 3], config.GetIntList("more"));
        Assert.Equal(1, config.GetInt("custom.a"));
        Assert.Equal(2, config.GetInt("custom.b"));
    }

    [Theory]
    [InlineData("a = [1] x", "c.conf:1:9: a: cannot concatenate a string with a list")]
    [InlineData("a = { b = 1 } [1]", "c.conf:1:15: a: cannot concatenate a list with an object")]
    public void Mixing_kinds_is_a_located_error(string text, string prefix)
    {
        var error = Assert.Throws<ConfigException>(() => Parse(text));
        Assert.StartsWith(prefix, error.Message);
    }

    [Fact]
    public void Mixing_kinds_through_substitutions_is_a_located_error()
    {
        var error = Assert.Throws<ConfigException>(() => Parse("l = [1]\na = x ${l}"));
        Assert.StartsWith("c.conf:2:5: a: cannot concatenate", error.Message);
    }
}
