using FedActors.Configuration;
using FedActors.Remote.Settings;

namespace FedActors.Remote.Tests;

public sealed class RemoteSettingsTests
{
    [Fact]
    public void The_reference_configuration_gives_valid_defaults()
    {
        var settings = RemoteSettings.FromConfig(ConfigFactory.Reference.GetConfig("fedactors.remote"));

        Assert.Equal("127.0.0.1", settings.Hostname);
        Assert.Equal("127.0.0.1", settings.PublicHostname);
        Assert.Equal(0, settings.Port);
        Assert.Equal(1024 * 1024, settings.MaximumFrameSize);
        Assert.Equal(SendQueueOverflow.DropNewest, settings.SendQueueOverflow);
        Assert.Equal(256L * 1024 * 1024, settings.SendQueueBytes);
        Assert.True(settings.AcceptableHeartbeatPause > settings.HeartbeatInterval);
    }

    [Theory]
    [InlineData("port = 70000", "fedactors.remote.port must be in 0..65535, was 70000")]
    [InlineData("maximum-frame-size = 1KiB", "fedactors.remote.maximum-frame-size must be in 32KiB..64MiB")]
    [InlineData("heartbeat-interval = 0s", "fedactors.remote.heartbeat-interval must be > 0")]
    [InlineData("acceptable-heartbeat-pause = 500ms", "fedactors.remote.acceptable-heartbeat-pause must be > heartbeat-interval")]
    [InlineData("reconnect-backoff-max = 10ms", "fedactors.remote.reconnect-backoff-max must be >= reconnect-backoff-min")]
    [InlineData("send-queue-overflow = block", "fedactors.remote.send-queue-overflow must be drop-newest or fail")]
    [InlineData("send-queue-size = 0", "fedactors.remote.send-queue-size must be >= 1")]
    [InlineData("send-queue-bytes = 0", "fedactors.remote.send-queue-bytes must be >= 1")]
    public void An_invalid_value_is_refused_with_its_key(string setting, string expected)
    {
        var config = ConfigFactory.ParseString($"fedactors.remote {{ {setting} }}").WithFallback(ConfigFactory.Reference);

        var error = Assert.Throws<ConfigException>(() => RemoteSettings.FromConfig(config.GetConfig("fedactors.remote")));
        Assert.Contains(expected, error.Message);
    }
}
