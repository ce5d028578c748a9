using Xunit;

namespace FedActors.Configuration.Tests.Spec;

/// <summary>HOCON.md, "Unquoted strings", "Multi-line strings" and JSON string escapes.</summary>
public sealed class StringsTests
{
    private static Config Parse(string text) => ConfigFactory.ParseString(text, "s.conf");

    [Fact]
    public void Unquoted_strings_keep_inner_whitespace_and_drop_outer_whitespace() =>
        Assert.Equal("foo bar  baz", Parse("a =   foo bar  baz   ").GetString("a"));

    [Fact]
    public void Quoted_strings_support_json_escapes() =>
        Assert.Equal("q\" b\\ s/ \b \f \n \r \t é", Parse(@"a = ""q\"" b\\ s\/ \b \f \n \r \t \u00e9""").GetString("a"));

    [Fact]
    public void An_invalid_escape_is_a_located_error()
    {
        var error = Assert.Throws<ConfigException>(() => Parse("a = \"x\\qy\""));
        Assert.StartsWith("s.conf:1:7: invalid escape '\\q'", error.Message);
    }

    [Fact]
    public void An_unterminated_quoted_string_is_a_located_error()
    {
        var error = Assert.Throws<ConfigException>(() => Parse("a = 1\nb = \"abc\nc = 2"));
        Assert.StartsWith("s.conf:2:5: unterminated quoted string", error.Message);
    }

    [Fact]
    public void Triple_quoted_strings_span_lines_and_keep_backslashes_and_quotes()
    {
        var config = Parse("a = \"\"\"line1\n  \"quoted\" \\n\nline3\"\"\"\nb = \"\"\"x\"\"\"\"");
        Assert.Equal("line1\n  \"quoted\" \\n\nline3", config.GetString("a"));
        Assert.Equal("x\"", config.GetString("b"));
    }

    [Fact]
    public void Literals_true_false_null_and_numbers_are_typed_only_when_unquoted()
    {
        var config = Parse("t = true\nq = \"true\"\nn = 10\nqn = \"10\"\nx = 10x\nneg = -1.5e-3");
        Assert.Equal(ConfigValueType.Boolean, config.GetValueType("t"));
        Assert.Equal(ConfigValueType.String, config.GetValueType("q"));
        Assert.Equal(ConfigValueType.Number, config.GetValueType("n"));
        Assert.Equal(ConfigValueType.String, config.GetValueType("qn"));
        Assert.Equal(ConfigValueType.String, config.GetValueType("x"));
        Assert.Equal(ConfigValueType.Number, config.GetValueType("neg"));
        Assert.Equal(-0.0015, config.GetDouble("neg"));
    }

    [Theory]
    [InlineData("a = b$c")]
    [InlineData("a = b=c")]
    [InlineData("a = http://x")]
    [InlineData("a = x?")]
    [InlineData("a = `x`")]
    public void Forbidden_characters_in_unquoted_strings_are_errors(string text) =>
        Assert.Throws<ConfigException>(() => Parse(text));

    [Fact]
    public void Quoting_allows_any_character() =>
        Assert.Equal("http://x?y=$z", Parse("a = \"http://x?y=$z\"").GetString("a"));
}
