using Xunit;

namespace FedActors.Configuration.Tests;

public sealed class ConfigTests
{
    private static Config Parse(string text) => ConfigFactory.ParseString(text, "test.conf");

    [Fact]
    public void Scalar_getters_read_typed_values()
    {
        var config = Parse("""
            s = hello
            i = 42
            l = 9000000000
            d = 2.5
            b = on
            """);
        Assert.Equal("hello", config.GetString("s"));
        Assert.Equal(42, config.GetInt("i"));
        Assert.Equal(9_000_000_000L, config.GetLong("l"));
        Assert.Equal(2.5, config.GetDouble("d"));
        Assert.True(config.GetBoolean("b"));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("on", true)]
    [InlineData("off", false)]
    [InlineData("yes", true)]
    [InlineData("no", false)]
    [InlineData("\"true\"", true)]
    public void GetBoolean_accepts_true_false_on_off_yes_no(string written, bool expected) =>
        Assert.Equal(expected, Parse($"b = {written}").GetBoolean("b"));

    [Fact]
    public void Numbers_and_strings_convert_into_each_other()
    {
        var config = Parse("""
            n = 10
            s = "12"
            f = 1.0
            """);
        Assert.Equal("10", config.GetString("n"));
        Assert.Equal(12, config.GetInt("s"));
        Assert.Equal("1.0", config.GetString("f"));
        Assert.Equal(1, config.GetInt("f"));
    }

    [Fact]
    public void GetInt_rejects_fractions_and_out_of_range_values_naming_the_key()
    {
        var config = Parse("a {\n  half = 1.5\n  big = 3000000000\n}");
        var half = Assert.Throws<ConfigException>(() => config.GetInt("a.half"));
        Assert.StartsWith("test.conf:2:10: a.half: expected an integer", half.Message);
        var big = Assert.Throws<ConfigException>(() => config.GetInt("a.big"));
        Assert.StartsWith("test.conf:3:9: a.big: 3000000000 is outside the range", big.Message);
    }

    [Fact]
    public void A_missing_key_is_an_error_located_at_the_nearest_object_and_naming_the_full_path()
    {
        var config = Parse("x = 1\nfedactors {\n  actor { }\n}");
        var error = Assert.Throws<ConfigException>(() => config.GetConfig("fedactors").GetInt("actor.threshold"));
        Assert.StartsWith("test.conf:3:9: fedactors.actor.threshold: setting is missing", error.Message);
        Assert.Equal("fedactors.actor.threshold", error.Path);
    }

    [Fact]
    public void A_wrong_type_is_an_error_located_at_the_value()
    {
        var config = Parse("a {\n  b = [1, 2]\n}");
        var error = Assert.Throws<ConfigException>(() => config.GetString("a.b"));
        Assert.Equal("test.conf:2:7: a.b: expected a string, found a list", error.Message);
    }

    [Fact]
    public void A_null_value_is_not_a_path_and_cannot_be_read()
    {
        var config = Parse("a = null");
        Assert.False(config.HasPath("a"));
        Assert.Equal(ConfigValueType.Null, config.GetValueType("a"));
        var error = Assert.Throws<ConfigException>(() => config.GetString("a"));
        Assert.Contains("a: is null", error.Message);
    }

    [Fact]
    public void HasPath_is_true_only_for_present_non_null_settings()
    {
        var config = Parse("a.b.c = 1");
        Assert.True(config.HasPath("a"));
        Assert.True(config.HasPath("a.b.c"));
        Assert.False(config.HasPath("a.b.d"));
        Assert.False(config.HasPath("a.b.c.d"));
        Assert.False(config.HasPath("z"));
    }

    [Fact]
    public void GetConfig_returns_the_section_with_relative_paths()
    {
        var config = Parse("fedactors.cluster { seed-nodes = [a, b], port = 2552 }");
        var cluster = config.GetConfig("fedactors.cluster");
        Assert.Equal("fedactors.cluster", cluster.Path);
        Assert.Equal(2552, cluster.GetInt("port"));
        Assert.Equal(["a", "b"], cluster.GetStringList("seed-nodes"));
        Assert.Equal(["seed-nodes", "port"], cluster.Keys);
    }

    [Fact]
    public void GetConfig_on_a_scalar_is_an_error()
    {
        var error = Assert.Throws<ConfigException>(() => Parse("a = 1").GetConfig("a"));
        Assert.Equal("test.conf:1:5: a: expected an object, found 1", error.Message);
    }

    [Fact]
    public void List_getters_convert_each_element_and_name_the_bad_one()
    {
        var config = Parse("ints = [1, 2, 3]\ndoubles = [0.5, 1]\nbools = [on, false]\ntimes = [1s, 2ms]\nlongs = [1, x]");
        Assert.Equal([1, 2, 3], config.GetIntList("ints"));
        Assert.Equal([0.5, 1.0], config.GetDoubleList("doubles"));
        Assert.Equal([true, false], config.GetBooleanList("bools"));
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(2)], config.GetTimeSpanList("times"));
        var error = Assert.Throws<ConfigException>(() => config.GetLongList("longs"));
        Assert.StartsWith("test.conf:5:13: longs[1]: expected an integer", error.Message);
    }

    [Fact]
    public void GetConfigList_reads_lists_of_objects_and_names_elements_in_errors()
    {
        var config = Parse("""
            attacks = [
              { kind = poisoning, fraction = 0.1 }
              { kind = replay }
            ]
            """);
        var attacks = config.GetConfigList("attacks");
        Assert.Equal(2, attacks.Count);
        Assert.Equal("poisoning", attacks[0].GetString("kind"));
        Assert.Equal(0.1, attacks[0].GetDouble("fraction"));
        var error = Assert.Throws<ConfigException>(() => attacks[1].GetDouble("fraction"));
        Assert.Contains("attacks[1].fraction: setting is missing", error.Message);
    }

    [Fact]
    public void Keys_are_enumerated_in_the_order_first_written()
    {
        var config = Parse("b = 1\na = 2\nc = null\nb = 3");
        Assert.Equal(["b", "a", "c"], config.Keys);
    }

    [Fact]
    public void Every_value_knows_its_origin()
    {
        var config = Parse("a {\n  b = 1\n  c = [x]\n}");
        Assert.Equal(new ConfigOrigin("test.conf", 2, 7), config.GetOrigin("a.b"));
        Assert.Equal(new ConfigOrigin("test.conf", 3, 7), config.GetOrigin("a.c"));
        Assert.Equal("test.conf:2:7", config.GetOrigin("a.b").ToString());
    }

    [Fact]
    public void WithFallback_merges_objects_and_lets_values_override()
    {
        var app = Parse("a { x = 1 }\nb = 2\nn = null");
        var defaults = ConfigFactory.ParseString("a { x = 0, y = 5 }\nb = 3\nc = 4\nn = 7", "defaults.conf");
        var merged = app.WithFallback(defaults);
        Assert.Equal(1, merged.GetInt("a.x"));
        Assert.Equal(5, merged.GetInt("a.y"));
        Assert.Equal(2, merged.GetInt("b"));
        Assert.Equal(4, merged.GetInt("c"));
        Assert.False(merged.HasPath("n"));
        Assert.Equal("defaults.conf", merged.GetOrigin("a.y").File);
    }

    [Fact]
    public void Invalid_builds_a_located_message_with_the_key_and_the_bad_value()
    {
        var config = Parse("fedactors.cluster.failure-detector.threshold = -1").GetConfig("fedactors.cluster.failure-detector");
        var error = config.Invalid("threshold", "must be > 0");
        Assert.Equal("test.conf:1:48: fedactors.cluster.failure-detector.threshold must be > 0, was -1", error.Message);
    }

    [Fact]
    public void Quoted_path_elements_may_contain_dots()
    {
        var config = Parse("\"a.b\" { c = 1 }");
        Assert.Equal(1, config.GetInt("\"a.b\".c"));
        Assert.False(config.HasPath("a.b.c"));
    }

    [Fact]
    public void Empty_is_empty()
    {
        Assert.True(Config.Empty.IsEmpty);
        Assert.Empty(Config.Empty.Keys);
        Assert.Throws<ConfigException>(() => Config.Empty.GetString("a"));
    }

    [Fact]
    public void List_getters_read_numerically_indexed_objects_as_lists()
    {
        var config = Parse("a.1 = y\na.0 = x\na.10 = z\na.name = ignored\nb { name = 1 }");
        Assert.Equal(["x", "y", "z"], config.GetStringList("a"));
        Assert.Throws<ConfigException>(() => config.GetStringList("b"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a..b")]
    [InlineData("a.")]
    [InlineData("\"open")]
    public void Malformed_paths_in_code_are_argument_errors(string path) =>
        Assert.Throws<ArgumentException>(() => Parse("a = 1").HasPath(path));

    [Theory]
    [InlineData("a = ${\"\"}")]
    [InlineData("a = ${\"\u0000\"}")]
    [InlineData("a = ${\"x=y\"}")]
    public void Substitutions_with_odd_names_are_unresolved_errors_not_crashes(string text) =>
        Assert.Contains("cannot resolve", Assert.Throws<ConfigException>(() => Parse(text)).Message);
}
