using FedActors.Configuration;
using FedActors.Federation.Deployment;

namespace FedActors.Federation.Tests.Deployment;

public sealed class DeploymentSettingsTests
{
    private static DeploymentSettings Read(string overrides) =>
        DeploymentSettings.FromConfig(ConfigFactory.ParseString(overrides).WithFallback(ConfigFactory.Reference).GetConfig("fedactors.deployment"));

    [Fact]
    public void The_reference_defaults_wait_two_minutes_for_members_and_for_each_node()
    {
        var settings = Read(string.Empty);

        Assert.Equal(TimeSpan.FromMinutes(2), settings.JoinTimeout);
        Assert.Equal(TimeSpan.FromMinutes(2), settings.HostTimeout);
    }

    [Theory]
    [InlineData("fedactors.deployment.join-timeout = 0s", "fedactors.deployment.join-timeout must be a finite duration > 0")]
    [InlineData("fedactors.deployment.host-timeout = -5s", "fedactors.deployment.host-timeout must be a finite duration > 0")]
    public void A_timeout_that_is_not_positive_is_refused_naming_the_key(string overrides, string message)
    {
        var error = Assert.Throws<ConfigException>(() => Read(overrides));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void The_command_line_join_timeout_replaces_the_configured_one_and_must_be_positive()
    {
        var settings = Read(string.Empty).WithJoinTimeout(TimeSpan.FromSeconds(300));

        Assert.Equal(TimeSpan.FromSeconds(300), settings.JoinTimeout);
        Assert.Equal(TimeSpan.FromMinutes(2), settings.HostTimeout);
        Assert.Throws<ArgumentOutOfRangeException>(() => settings.WithJoinTimeout(TimeSpan.Zero));
    }
}
