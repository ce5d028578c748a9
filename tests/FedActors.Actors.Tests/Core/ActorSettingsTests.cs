using FedActors.Actors.Core;
using FedActors.Actors.Dispatch;
using FedActors.Configuration;
using Microsoft.Extensions.Logging;

namespace FedActors.Actors.Tests.Core;

public sealed class ActorSettingsTests
{
    private static ActorSettings Read(string hocon) =>
        ActorSettings.FromConfig(ConfigFactory.ParseString(hocon).WithFallback(ConfigFactory.Reference).GetConfig("fedactors.actor"));

    [Fact]
    public void The_reference_configuration_gives_the_documented_defaults()
    {
        var settings = Read("");
        Assert.Equal(30, settings.DefaultMailbox.Throughput);
        Assert.False(settings.DefaultMailbox.IsBounded);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.AskTimeout);
        Assert.False(settings.SerializeMessages);
        Assert.Equal(LogLevel.Information, settings.LogLevel);
        Assert.Equal(10, settings.LogDeadLetters);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.ShutdownPhaseTimeout);
    }

    [Fact]
    public void Settings_are_read_from_HOCON()
    {
        var settings = Read("""
            fedactors.actor {
              default-mailbox { throughput = 5, capacity = 100, overflow-strategy = fail }
              ask-timeout = 2s
              serialize-messages = on
              log-level = debug
            }
            """);
        Assert.Equal(new MailboxSettings(5, 100, OverflowStrategy.Fail), settings.DefaultMailbox);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.AskTimeout);
        Assert.True(settings.SerializeMessages);
        Assert.Equal(LogLevel.Debug, settings.LogLevel);
    }

    [Theory]
    [InlineData("fedactors.actor.default-mailbox.throughput = 0", "fedactors.actor.default-mailbox.throughput must be > 0, was 0")]
    [InlineData("fedactors.actor.default-mailbox.overflow-strategy = drop-oldest", "fedactors.actor.default-mailbox.overflow-strategy must be drop-newest or fail")]
    [InlineData("fedactors.actor.ask-timeout = 0s", "fedactors.actor.ask-timeout must be > 0")]
    [InlineData("fedactors.actor.log-level = loud", "fedactors.actor.log-level must be")]
    [InlineData("fedactors.actor.log-dead-letters = -1", "fedactors.actor.log-dead-letters must be >= 0, was -1")]
    public void Invalid_values_are_reported_with_their_key(string hocon, string expected)
    {
        var e = Assert.Throws<ConfigException>(() => Read(hocon));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_value_construction_validates_with_key_names()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ActorSettings(askTimeout: TimeSpan.FromSeconds(-1)));
        Assert.Contains("fedactors.actor.ask-timeout must be > 0", e.Message, StringComparison.Ordinal);
    }
}
