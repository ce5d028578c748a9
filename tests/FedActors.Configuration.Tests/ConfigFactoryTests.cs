using Xunit;

namespace FedActors.Configuration.Tests;

public sealed class ConfigFactoryTests
{
    [Fact]
    public void ParseString_locates_errors_at_the_origin_name()
    {
        var error = Assert.Throws<ConfigException>(() => ConfigFactory.ParseString("a = 1\nb = [", "inline.conf"));
        Assert.StartsWith("inline.conf:2:6: b: unclosed '['", error.Message);
    }

    [Fact]
    public void ParseFile_reads_a_file_and_names_it_in_origins()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("app.conf", "fedactors {\n  name = demo\n}\n");
        var config = ConfigFactory.ParseFile(path);
        Assert.Equal("demo", config.GetString("fedactors.name"));
        Assert.Equal(new ConfigOrigin(path, 2, 10), config.GetOrigin("fedactors.name"));
    }

    [Fact]
    public void ParseFile_on_a_missing_file_is_a_located_error()
    {
        var error = Assert.Throws<ConfigException>(() => ConfigFactory.ParseFile("no-such-file.conf"));
        Assert.StartsWith("no-such-file.conf:1:1: file not found", error.Message);
    }

    [Fact]
    public void Reference_is_the_embedded_reference_conf()
    {
        var reference = ConfigFactory.Reference;
        Assert.True(reference.HasPath("fedactors"));
        Assert.Equal("reference.conf", reference.Origin.File);
    }

    [Fact]
    public void Load_overlays_the_file_on_the_reference_and_resolves_them_together()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("app.conf", "fedactors.test-only { copy = ${fedactors.test-only.base}, base = 7 }\n");
        var config = ConfigFactory.Load(path);
        Assert.Equal(7, config.GetInt("fedactors.test-only.copy"));
        foreach (var key in ConfigFactory.Reference.GetConfig("fedactors").Keys)
        {
            Assert.Contains(key, config.GetConfig("fedactors").Keys);
        }
    }

    [Fact]
    public void Load_lets_the_file_refer_to_defaults()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("app.conf", "copy = ${fedactors}\n");
        var config = ConfigFactory.Load(path);
        Assert.Equal(ConfigFactory.Reference.GetConfig("fedactors").Keys, config.GetConfig("copy").Keys);
    }

    [Theory]
    [InlineData("")]
    [InlineData("bad\u0000name.conf")]
    public void ParseFile_on_an_impossible_path_is_a_located_error(string path) =>
        Assert.Contains("file not found", Assert.Throws<ConfigException>(() => ConfigFactory.ParseFile(path)).Message);
}
