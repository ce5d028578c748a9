using Xunit;

namespace FedActors.Configuration.Tests.Spec;

/// <summary>HOCON.md, "Path expressions" and "Paths as keys".</summary>
public sealed class PathExpressionTests
{
    private static Config Parse(string text) => ConfigFactory.ParseString(text, "p.conf");

    [Fact]
    public void A_dotted_key_creates_nested_objects_that_merge_with_others()
    {
        var config = Parse("a.b.c = 1\na.b.d = 2\na { b { e = 3 } }");
        Assert.Equal(1, config.GetInt("a.b.c"));
        Assert.Equal(2, config.GetInt("a.b.d"));
        Assert.Equal(3, config.GetInt("a.b.e"));
    }

    [Fact]
    public void Quoted_keys_keep_dots_and_may_be_empty()
    {
        var config = Parse("\"a.b\" = 1\n\"\" = 2\nx.\"y.z\".w = 3");
        Assert.Equal(["a.b", "", "x"], config.Keys);
        Assert.Equal(3, config.GetInt("x.\"y.z\".w"));
    }

    [Fact]
    public void Keys_may_contain_spaces_and_concatenate_quoted_and_unquoted_parts()
    {
        var config = Parse("foo bar = 1\n\"a\"b.c = 2");
        Assert.Equal(1, config.GetInt("\"foo bar\""));
        Assert.Equal(2, config.GetInt("ab.c"));
    }

    [Fact]
    public void Unquoted_keys_may_contain_single_slashes_and_spaces_before_them() =>
        Assert.Equal(1, Parse("a /b = 1").GetInt("\"a /b\""));

    [Fact]
    public void Numeric_looking_keys_split_at_dots()
    {
        var config = Parse("10.5 = x");
        Assert.Equal("x", config.GetString("10.5"));
        Assert.Equal(["5"], config.GetConfig("10").Keys);
        Assert.Equal(["10"], config.Keys);
    }

    [Theory]
    [InlineData("a..b = 1", "p.conf:1:3: a: the path has an empty element")]
    [InlineData(".a = 1", "p.conf:1:1: the path has an empty element")]
    [InlineData("a. = 1", "p.conf:1:1: a: the path ends with '.'")]
    [InlineData("[a] = 1", "p.conf:1:1: the root of a configuration must be an object")]
    [InlineData("x = 1\n$a = 1", "p.conf:2:1: expected a key, found '$'")]
    public void Malformed_keys_are_located_errors(string text, string prefix)
    {
        var error = Assert.Throws<ConfigException>(() => Parse(text));
        Assert.StartsWith(prefix, error.Message);
    }

    [Fact]
    public void Include_is_an_ordinary_key_when_not_followed_by_a_file_name() =>
        Assert.Equal(1, Parse("include = 1").GetInt("\"include\""));
}
