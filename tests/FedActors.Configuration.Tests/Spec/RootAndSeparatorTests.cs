using Xunit;

namespace FedActors.Configuration.Tests.Spec;

/// <summary>HOCON.md, "Omit root braces", "Key-value separator", "Commas" and "Whitespace".</summary>
public sealed class RootAndSeparatorTests
{
    private static Config Parse(string text) => ConfigFactory.ParseString(text, "t.conf");

    [Fact]
    public void Root_braces_may_be_written_or_omitted()
    {
        Assert.Equal(1, Parse("{ a = 1 }").GetInt("a"));
        Assert.Equal(1, Parse("a = 1").GetInt("a"));
        Assert.True(Parse("").IsEmpty);
        Assert.True(Parse("  \n# only a comment\n").IsEmpty);
        Assert.True(Parse("{}").IsEmpty);
    }

    [Fact]
    public void Equals_colon_and_no_separator_before_a_brace_are_equivalent()
    {
        var config = Parse("a = 1\nb : 2\nc { d = 3 }\ne: { f: 4 }\ng={h=5}");
        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal(2, config.GetInt("b"));
        Assert.Equal(3, config.GetInt("c.d"));
        Assert.Equal(4, config.GetInt("e.f"));
        Assert.Equal(5, config.GetInt("g.h"));
    }

    [Fact]
    public void Json_is_valid_hocon()
    {
        var config = Parse("""{ "a": 1, "b": [true, false, null, "x", 1.5e3], "c": { "d": {} } }""");
        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal(ConfigValueType.List, config.GetValueType("b"));
        Assert.Equal(1500.0, Parse("""{ "x": 1.5e3 }""").GetDouble("x"));
        Assert.True(config.GetConfig("c.d").IsEmpty);
    }

    [Fact]
    public void Newlines_separate_fields_and_elements_like_commas_and_a_trailing_comma_is_allowed()
    {
        var config = Parse("a = 1\nb = 2,\nc = [\n 1\n 2,\n 3,\n]\nd = [1,2,],");
        Assert.Equal(2, config.GetInt("b"));
        Assert.Equal([1, 2, 3], config.GetIntList("c"));
        Assert.Equal([1, 2], config.GetIntList("d"));
    }

    [Theory]
    [InlineData("a = 1,,b = 2", "t.conf:1:7: unexpected ','")]
    [InlineData("a = [1,,2]", "t.conf:1:8: a: unexpected ','")]
    [InlineData(",a = 1", "t.conf:1:1: unexpected ','")]
    [InlineData("a = [,1]", "t.conf:1:6: a: unexpected ','")]
    public void Two_commas_in_a_row_or_a_leading_comma_are_errors(string text, string prefix)
    {
        var error = Assert.Throws<ConfigException>(() => Parse(text));
        Assert.StartsWith(prefix, error.Message);
    }

    [Fact]
    public void Whitespace_includes_unicode_spaces_and_carriage_returns()
    {
        var config = Parse("a\u00a0=\u2003 1\r\nb = 2\r\n");
        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal(2, config.GetInt("b"));
    }

    [Fact]
    public void A_value_may_start_on_the_line_after_the_separator() =>
        Assert.Equal(1, Parse("a =\n  1").GetInt("a"));

    [Fact]
    public void A_byte_order_mark_is_ignored() => Assert.Equal(1, Parse("\uFEFFa = 1").GetInt("a"));

    [Theory]
    [InlineData("a = 1 }", "t.conf:1:7: unexpected '}' without a matching '{'")]
    [InlineData("{ a = 1", "t.conf:1:8: unclosed '{' opened at line 1, column 1")]
    [InlineData("{ a = 1 } b", "t.conf:1:11: unexpected 'b' after the closing '}' of the root object")]
    [InlineData("[1, 2]", "t.conf:1:1: the root of a configuration must be an object")]
    [InlineData("a", "t.conf:1:2: a: expected ':', '=', '+=' or '{' after the key, found end of input")]
    [InlineData("a = ", "t.conf:1:5: a: expected a value, found end of input")]
    [InlineData("a = 1 2 ]", "t.conf:1:9: a: unexpected ']' after the value")]
    [InlineData("a { b = 1 ", "t.conf:1:11: a: unclosed '{' opened at line 1, column 3")]
    public void Structural_errors_are_located_and_name_the_key(string text, string prefix)
    {
        var error = Assert.Throws<ConfigException>(() => Parse(text));
        Assert.StartsWith(prefix, error.Message);
    }
}
