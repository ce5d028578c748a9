using Xunit;

namespace FedActors.Configuration.Tests.Spec;

/// <summary>HOCON.md, "Includes": syntax, merging, substitutions, missing files, extensions.</summary>
public sealed class IncludeTests
{
    [Fact]
    public void An_include_merges_the_file_where_it_is_written_and_later_keys_override()
    {
        using var dir = new TempDirectory();
        dir.Write("base.conf", "a = 1\nb { x = 1 }\nc = base");
        var main = dir.Write("main.conf", "c = before\ninclude \"base.conf\"\nb { y = 2 }\na = 3");
        var config = ConfigFactory.ParseFile(main);
        Assert.Equal(3, config.GetInt("a"));
        Assert.Equal(1, config.GetInt("b.x"));
        Assert.Equal(2, config.GetInt("b.y"));
        Assert.Equal("base", config.GetString("c"));
        Assert.Equal(Path.Combine(dir.Path, "base.conf"), config.GetOrigin("b.x").File);
    }

    [Fact]
    public void Includes_are_relative_to_the_including_file_and_may_omit_the_extension()
    {
        using var dir = new TempDirectory();
        dir.Write("sub/inner.conf", "v = inner");
        dir.Write("sub/middle.conf", "include \"inner\"\nm = 1");
        var main = dir.Write("main.conf", "include file(\"sub/middle.conf\")");
        var config = ConfigFactory.ParseFile(main);
        Assert.Equal("inner", config.GetString("v"));
        Assert.Equal(1, config.GetInt("m"));
    }

    [Fact]
    public void An_include_inside_an_object_nests_the_file_and_its_substitutions()
    {
        using var dir = new TempDirectory();
        dir.Write("part.conf", "x = 1\ny = ${x}\nz = ${top}");
        var main = dir.Write("main.conf", "top = t\nsection { include \"part.conf\" }");
        var config = ConfigFactory.ParseFile(main);
        Assert.Equal(1, config.GetInt("section.y"));
        Assert.Equal("t", config.GetString("section.z"));
    }

    [Fact]
    public void Substitutions_in_included_files_resolve_against_the_root()
    {
        using var dir = new TempDirectory();
        dir.Write("defaults.conf", "timeout = ${base-timeout}\nport = 1");
        var main = dir.Write("main.conf", "include \"defaults.conf\"\nbase-timeout = 5s\nport = ${port}0");
        var config = ConfigFactory.ParseFile(main);
        Assert.Equal(TimeSpan.FromSeconds(5), config.GetTimeSpan("timeout"));
        Assert.Equal("10", config.GetString("port"));
    }

    [Fact]
    public void A_missing_optional_include_is_ignored()
    {
        using var dir = new TempDirectory();
        var main = dir.Write("main.conf", "include \"nothing-here.conf\"\na = 1");
        Assert.Equal(1, ConfigFactory.ParseFile(main).GetInt("a"));
    }

    [Fact]
    public void A_missing_required_include_is_a_located_error()
    {
        using var dir = new TempDirectory();
        var main = dir.Write("main.conf", "a = 1\n  include required(\"nothing-here.conf\")");
        var error = Assert.Throws<ConfigException>(() => ConfigFactory.ParseFile(main));
        Assert.StartsWith($"{main}:2:3: required include \"nothing-here.conf\" not found", error.Message);
    }

    [Fact]
    public void Errors_inside_an_included_file_are_located_in_that_file()
    {
        using var dir = new TempDirectory();
        var bad = dir.Write("bad.conf", "ok = 1\nbroken = [");
        var main = dir.Write("main.conf", "include required(file(\"bad.conf\"))");
        var error = Assert.Throws<ConfigException>(() => ConfigFactory.ParseFile(main));
        Assert.StartsWith($"{bad}:2:11: broken: unclosed '['", error.Message);
    }

    [Fact]
    public void An_include_cycle_is_a_located_error()
    {
        using var dir = new TempDirectory();
        dir.Write("a.conf", "include \"b.conf\"");
        dir.Write("b.conf", "include \"a.conf\"");
        var error = Assert.Throws<ConfigException>(() => ConfigFactory.ParseFile(Path.Combine(dir.Path, "a.conf")));
        Assert.Contains("include cycle", error.Message);
    }

    [Theory]
    [InlineData("include url(\"http://example.org/x.conf\")")]
    [InlineData("include classpath(\"x.conf\")")]
    [InlineData("include required(\"x.conf\"")]
    [InlineData("include required(42)")]
    public void Unsupported_or_malformed_includes_are_errors(string text) =>
        Assert.Throws<ConfigException>(() => ConfigFactory.ParseString(text, "i.conf"));
}
