using FedActors.Federation.Metrics;

namespace FedActors.Federation.Tests.Adversaries;

/// <summary>Assertions shared by the attack tests.</summary>
internal static class AttackOutcome
{
    /// <summary>The attacked run's final accuracy is below the honest run's.</summary>
    public static void AccuracyDrops(RunMetrics honest, RunMetrics attacked, double by = 0)
    {
        var (h, a) = (honest.Rounds[^1].TestAccuracy!.Value, attacked.Rounds[^1].TestAccuracy!.Value);
        Assert.True(a < h - by, $"attacked accuracy {a:P1} is not below honest {h:P1} by more than {by:P1}");
    }

    /// <summary>How many contributions were rejected for <paramref name="reason"/> in each round.</summary>
    public static int[] Rejected(RunMetrics run, string reason) =>
        run.Rounds.Select(r => r.Contributions.Rejected.GetValueOrDefault(reason)).ToArray();

    /// <summary>Accepted contributions per round.</summary>
    public static int[] Accepted(RunMetrics run) => run.Rounds.Select(r => r.Contributions.Accepted).ToArray();
}
