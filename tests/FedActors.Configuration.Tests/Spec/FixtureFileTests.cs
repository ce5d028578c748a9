using Xunit;

namespace FedActors.Configuration.Tests.Spec;

/// <summary>Whole files in the shapes real Akka configurations and FedActors scenarios use.</summary>
public sealed class FixtureFileTests
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures");

    [Fact]
    public void An_akka_style_reference_file_reads_as_expected()
    {
        var akka = ConfigFactory.ParseFile(Path.Combine(Fixtures, "akka-style.conf")).GetConfig("akka");
        Assert.Equal(["Akka.Event.DefaultLogger"], akka.GetStringList("loggers"));
        Assert.False(akka.GetBoolean("log-config-on-start"));
        Assert.Equal(Timeout.InfiniteTimeSpan, akka.GetTimeSpan("actor.ask-timeout"));
        Assert.Equal(TimeSpan.FromMilliseconds(5), akka.GetTimeSpan("actor.reaper-interval"));
        Assert.Equal(TimeSpan.FromSeconds(5), akka.GetTimeSpan("actor.deployment.default.within"));
        Assert.Equal(5, akka.GetInt("actor.deployment.\"/user/workers\".nr-of-instances"));
        Assert.Equal("akka.actor.pinned-dispatcher", akka.GetString("actor.deployment.\"/user/coordinator/*\".dispatcher"));

        var pinned = akka.GetConfig("actor.pinned-dispatcher");
        Assert.Equal("PinnedDispatcher", pinned.GetString("type"));
        Assert.Equal(30, pinned.GetInt("throughput"));
        Assert.Equal(8, pinned.GetInt("fork-join-executor.parallelism-min"));

        Assert.Equal("127.0.0.1", akka.GetString("remote.dot-netty.tcp.hostname"));
        Assert.Equal(128_000, akka.GetByteSize("remote.dot-netty.tcp.maximum-frame-size"));

        var cluster = akka.GetConfig("cluster");
        Assert.Equal(2, cluster.GetStringList("seed-nodes").Count);
        Assert.Equal(["coordinator"], cluster.GetStringList("roles"));
        Assert.Equal(10.0, cluster.GetDouble("failure-detector.threshold"));
        Assert.Equal(TimeSpan.FromMilliseconds(500), cluster.GetTimeSpan("failure-detector.heartbeat-interval"));
        Assert.Equal(TimeSpan.FromSeconds(1), akka.GetTimeSpan("remote.watch-failure-detector.heartbeat-interval"));
        Assert.Equal(1, cluster.GetInt("role.coordinator.min-nr-of-members"));

        Assert.Equal("Data Source=journal.db", akka.GetString("persistence.journal.sqlite.connection-string"));
        Assert.Equal(4 * 1024 * 1024, akka.GetByteSize("persistence.max-buffer-size"));
        Assert.Equal("bytes", akka.GetString("actor.serialization-bindings.\"System.Byte[]\""));
    }

    [Fact]
    public void An_optional_environment_override_applies_when_the_variable_is_set()
    {
        Environment.SetEnvironmentVariable("AKKA_STYLE_TEST_HOSTNAME", "10.0.0.7");
        try
        {
            var config = ConfigFactory.ParseFile(Path.Combine(Fixtures, "akka-style.conf"));
            Assert.Equal("10.0.0.7", config.GetString("akka.remote.dot-netty.tcp.hostname"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("AKKA_STYLE_TEST_HOSTNAME", null);
        }
    }

    [Fact]
    public void A_scenario_file_exposes_its_lists_of_objects()
    {
        var scenario = ConfigFactory.ParseFile(Path.Combine(Fixtures, "scenario-style.conf")).GetConfig("scenario");
        Assert.Equal("Label-flipping attackers\nagainst a coordinate-wise median.", scenario.GetString("description"));
        Assert.Equal("2nn", scenario.GetString("model.kind"));
        var attacks = scenario.GetConfigList("attacks");
        Assert.Equal(["label-flip", "free-rider", "replay"], attacks.Select(a => a.GetString("kind")));
        Assert.Equal(["kind", "fraction", "from-round"], attacks[0].Keys);
        Assert.Equal("scenario.attacks[2]", attacks[2].Path);
        Assert.Equal(65_536, scenario.GetByteSize("max-update"));
        Assert.False(scenario.GetBoolean("secure"));
    }

    [Fact]
    public void Fixture_files_survive_a_hocon_and_a_json_round_trip()
    {
        foreach (var file in Directory.GetFiles(Fixtures, "*.conf"))
        {
            var config = ConfigFactory.ParseFile(file);
            Assert.True(ConfigFactory.ParseString(config.ToHocon(), "again.conf").Root.StructurallyEquals(config.Root), file);
            Assert.True(ConfigFactory.ParseString(config.ToJson(), "again.json").Root.StructurallyEquals(config.Root), file);
        }
    }
}
