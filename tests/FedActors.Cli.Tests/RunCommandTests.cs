using Xunit;

namespace FedActors.Cli.Tests;

public sealed class RunCommandTests
{
    [Fact]
    public void Run_with_a_missing_scenario_file_names_the_file_and_exits_non_zero()
    {
        var result = CliRunner.Run("run", "no-such-scenario.conf");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("no-such-scenario.conf", result.StandardError);
        Assert.DoesNotContain("   at ", result.StandardError);
    }
}
