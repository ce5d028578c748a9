using System.Text.Json.Nodes;
using FedActors.Configuration;
using Xunit;

namespace FedActors.Cli.Tests;

public sealed class ConfigCommandsTests : IDisposable
{
    private const string Features = """
        # Every HOCON feature, for `fedactors config show`
        // a double-slash comment
        include "common.conf"
        include required("parts/more.conf")

        name = "fed" actors            // concatenation keeps the space
        title : \"\"\"multi
        line "quoted" \n\"\"\"
        escapes = "tab\there \u00e9"
        "quoted.key" = 1
        a.b.c = 2
        a { b { d = 3 } }
        n1 = 10, n2 = -2.5e3,
        flags { on = on, t = true }
        list = [1, 2,
          3,]
        list2 = ${list} [4]
        obj = { x = 1 } { y = 2 }
        merged { p = 1 }
        merged { q = 2 }
        stopped { p = 1 }
        stopped = null
        stopped { r = 3 }
        forward = ${later}
        later = 5
        path = "/bin"
        path = ${path}":/usr/bin"
        base { u = 1 }
        base = ${base} { v = 2 }
        opt = ${?does-not-exist}
        home = ${FEDACTORS_CLI_TEST_HOME}
        items += a
        items += b
        greeting = hello ${name}
        """;

    private const string ExpectedJson = """
        {
          "shared": "fed actors", "included": "yes", "more": 5, "deep": true,
          "name": "fed actors", "title": "multi\nline \"quoted\" \\n", "escapes": "tab\there \u00e9",
          "quoted.key": 1, "a": { "b": { "c": 2, "d": 3 } }, "n1": 10, "n2": -2.5e3,
          "flags": { "on": "on", "t": true }, "list": [1, 2, 3], "list2": [1, 2, 3, 4],
          "obj": { "x": 1, "y": 2 }, "merged": { "p": 1, "q": 2 }, "stopped": { "r": 3 },
          "forward": 5, "later": 5, "path": "/bin:/usr/bin", "base": { "u": 1, "v": 2 },
          "home": "/home/cli", "items": ["a", "b"], "greeting": "hello fed actors"
        }
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("fedactors-cli-config-").FullName;

    public ConfigCommandsTests()
    {
        Write("features.conf", Features.Replace("\\\"\\\"\\\"", "\"\"\"", StringComparison.Ordinal));
        Write("common.conf", "shared = ${name}\nincluded = yes\n");
        Write("parts/more.conf", "more = ${later}\ninclude \"deeper.conf\"\n");
        Write("parts/deeper.conf", "deep = true\n");
        Environment.SetEnvironmentVariable("FEDACTORS_CLI_TEST_HOME", "/home/cli");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Version_prints_the_version()
    {
        var result = CliRunner.Run("--version");
        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", result.StandardOutput);
    }

    [Fact]
    public void Show_json_resolves_every_feature_into_the_expected_object()
    {
        var result = CliRunner.RunIn(_dir, "config", "show", "features.conf", "--json");
        Assert.Equal("", result.StandardError);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(JsonNode.Parse(ExpectedJson)!.ToJsonString(), JsonNode.Parse(result.StandardOutput)!.ToJsonString());
    }

    [Fact]
    public void Show_prints_hocon_that_parses_back_to_the_same_configuration()
    {
        var result = CliRunner.RunIn(_dir, "config", "show", "features.conf");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("path = \"/bin:/usr/bin\"", result.StandardOutput);
        var reparsed = ConfigFactory.ParseString(result.StandardOutput, "shown.conf");
        Assert.Equal(JsonNode.Parse(ExpectedJson)!.ToJsonString(), JsonNode.Parse(reparsed.ToJson())!.ToJsonString());
    }

    [Fact]
    public void Show_with_defaults_merges_the_file_over_reference_conf()
    {
        Write("app.conf", "fedactors.extra = 1\nmine = ${fedactors.extra}");
        var result = CliRunner.RunIn(_dir, "config", "show", "app.conf", "--json", "--with-defaults");
        Assert.Equal(0, result.ExitCode);
        var json = JsonNode.Parse(result.StandardOutput)!.AsObject();
        Assert.Equal(1, (int)json["mine"]!);
        foreach (var section in ConfigFactory.Reference.GetConfig("fedactors").Keys)
        {
            Assert.NotNull(json["fedactors"]![section]);
        }
        var without = JsonNode.Parse(CliRunner.RunIn(_dir, "config", "show", "features.conf", "--json").StandardOutput)!.AsObject();
        Assert.False(without.ContainsKey("fedactors"));
    }

    [Fact]
    public void Check_prints_nothing_for_a_valid_file()
    {
        var result = CliRunner.RunIn(_dir, "config", "check", "features.conf");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.StandardOutput);
        Assert.Equal("", result.StandardError);
    }

    [Theory]
    [InlineData("a { b = 1\n", "bad.conf:2:1:")]
    [InlineData("a = [1, 2\n", "bad.conf:2:1:")]
    [InlineData("a = \"x\\q\"", "bad.conf:1:7:")]
    [InlineData("a = 1\nb = \"open\n", "bad.conf:2:5:")]
    [InlineData("a = ${missing.key}", "bad.conf:1:5:")]
    [InlineData("a = ${b}\nb = ${a}", "bad.conf:2:5:")]
    [InlineData("include required(\"absent.conf\")", "bad.conf:1:1:")]
    [InlineData("a..b = 1", "bad.conf:1:3:")]
    [InlineData("a = 1,,", "bad.conf:1:7:")]
    [InlineData("a = [1] x", "bad.conf:1:9:")]
    [InlineData("{ a = 1 } x", "bad.conf:1:11:")]
    [InlineData("include \"bad.conf\"", "bad.conf:1:1:")]
    public void A_malformed_file_gives_one_located_error_line_and_a_non_zero_exit(string text, string location)
    {
        Write("bad.conf", text);
        foreach (var args in (string[][])[["config", "check", "bad.conf"], ["config", "show", "bad.conf", "--json"]])
        {
            var result = CliRunner.RunIn(_dir, args);
            Assert.NotEqual(0, result.ExitCode);
            Assert.Equal("", result.StandardOutput);
            var lines = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var line = Assert.Single(lines);
            Assert.StartsWith(location + " ", line);
            Assert.DoesNotContain("   at ", result.StandardError);
        }
    }

    [Fact]
    public void A_missing_file_gives_one_located_error_line()
    {
        var result = CliRunner.RunIn(_dir, "config", "show", "absent.conf");
        Assert.NotEqual(0, result.ExitCode);
        Assert.StartsWith("absent.conf:1:1: file not found", Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
