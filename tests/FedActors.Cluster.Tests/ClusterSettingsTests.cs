using FedActors.Cluster.Settings;
using FedActors.Configuration;
using FedActors.Crypto.Identity;

namespace FedActors.Cluster.Tests;

public sealed class ClusterSettingsTests
{
    private static ClusterSettings Read(string hocon) =>
        ClusterSettings.FromConfig(ConfigFactory.ParseString(hocon).WithFallback(ConfigFactory.Reference).GetConfig("fedactors.cluster"));

    [Fact]
    public void The_reference_failure_detector_has_Akka_defaults()
    {
        var detector = Read("").FailureDetector;
        Assert.Equal(8.0, detector.Threshold);
        Assert.Equal(1000, detector.MaxSampleSize);
        Assert.Equal(TimeSpan.FromMilliseconds(100), detector.MinStdDeviation);
        Assert.Equal(TimeSpan.FromSeconds(3), detector.AcceptableHeartbeatPause);
        Assert.Equal(TimeSpan.FromSeconds(1), detector.HeartbeatInterval);
        Assert.Equal(TimeSpan.FromSeconds(1), detector.ExpectedResponseAfter);
        Assert.Equal(TimeSpan.FromSeconds(10), Read("").DownUnreachableAfter);
    }

    [Fact]
    public void Seed_nodes_and_roles_are_parsed()
    {
        var settings = Read("""fedactors.cluster { seed-nodes = ["fedactors://fed@10.0.0.1:2552", "fedactors://fed@site-b:2553"], roles = [client] }""");
        Assert.Equal(["fedactors://fed@10.0.0.1:2552", "fedactors://fed@site-b:2553"], settings.SeedNodes.Select(a => a.ToString()));
        Assert.Equal([NodeRole.Client], settings.Roles);
    }

    [Theory]
    [InlineData("failure-detector.threshold = -1", "fedactors.cluster.failure-detector.threshold must be > 0, was -1")]
    [InlineData("failure-detector.max-sample-size = 0", "fedactors.cluster.failure-detector.max-sample-size must be >= 1, was 0")]
    [InlineData("failure-detector.heartbeat-interval = 0s", "fedactors.cluster.failure-detector.heartbeat-interval must be a finite duration > 0")]
    [InlineData("down-unreachable-after = infinite", "fedactors.cluster.down-unreachable-after must be a finite duration > 0")]
    [InlineData("roles = [emperor]", "fedactors.cluster.roles must list roles among coordinator, key-manager, client")]
    [InlineData("seed-nodes = [\"fed@host:2552\"]", "fedactors.cluster.seed-nodes must list addresses like")]
    [InlineData("seed-nodes = [\"fedactors://fed\"]", "has no host and port")]
    [InlineData("seed-nodes = [\"fedactors://fed@a:1\", \"fedactors://fed@a:1\"]", "must not list fedactors://fed@a:1 twice")]
    public void Invalid_values_are_refused_naming_the_key_and_the_value(string setting, string message)
    {
        var error = Assert.Throws<ConfigException>(() => Read($"fedactors.cluster {{ {setting} }}"));
        Assert.Contains(message, error.Message);
    }
}
