using FedActors.Federation.Metrics;

namespace FedActors.Federation.Tests.Metrics;

/// <summary>Synthetic but plausible run metrics for metrics, report and console tests.</summary>
internal static class SampleMetrics
{
    public static RunMetrics Create(int rounds = 12, string scenario = "mnist-cnn-label-flip", string? variant = null, int seed = 42, bool secure = true, double attackStrength = 0.2)
    {
        var random = new Random(seed);
        var list = new List<RoundMetrics>();
        for (var r = 1; r <= rounds; r++)
        {
            var failed = r == 5;
            var accuracy = Math.Min(0.99, 0.1 + (0.85 * (1 - Math.Exp(-r / 3.0))) - (attackStrength * 0.1) + (random.NextDouble() * 0.01));
            var rejected = new Dictionary<string, int>();
            if (r % 3 == 0)
            {
                rejected["duplicate"] = 1;
            }

            if (r % 4 == 0)
            {
                rejected["stale-round"] = 2;
            }

            list.Add(new RoundMetrics
            {
                Round = r,
                Status = failed ? RoundStatus.Failed : RoundStatus.Completed,
                FailureReason = failed ? "only 6 contributions arrived before the deadline; min-contributions = 8" : null,
                TestAccuracy = failed ? null : accuracy,
                TestLoss = failed ? null : 2.3 * (1 - accuracy),
                PerClassRecall = failed ? null : Enumerable.Range(0, 10).Select(c => Math.Clamp(accuracy - (c == 5 ? attackStrength : 0) + (c * 0.001), 0, 1)).ToArray(),
                BackdoorSuccess = failed ? null : Math.Clamp(attackStrength * r / rounds, 0, 1),
                Contributions = new ContributionCounts(10, failed ? 6 : 10, failed ? 6 : 10 - rejected.Values.Sum(), rejected),
                UndetectedReplays = r == 7 ? 1 : 0,
                Bytes = new RoleBytes(
                    new ByteCounts(1_200_000 + r, 9_800_000),
                    new ByteCounts(20_000, 4_000),
                    new ByteCounts(9_800_000, 1_200_000)),
                Time = new PhaseTimes(3.5 + random.NextDouble(), secure ? 0.8 : 0.01, 0.2, secure ? 0.6 : 0, 0.3),
                DecryptionError = secure && !failed ? new DecryptionError(1e-6 * (1 + random.NextDouble()), 2e-7) : null,
                ModelHash = failed ? null : $"{r:x8}deadbeef",
            });
        }

        return new RunMetrics
        {
            Run = new RunInfo
            {
                Scenario = scenario,
                Variant = variant,
                Seed = seed,
                Mode = secure ? "secure-sum" : "plaintext",
                Aggregation = secure ? "secure-sum" : "median",
                Clients = 100,
                ClientsPerRound = 10,
                RoundsPlanned = rounds,
                Classes = 10,
                Attacks = ["label-flip: 20% of clients, 5 → 3", "replay <own-previous> & \"quoted\""],
                Notes = ["rerandomized-copy replays pass the protocol and are counted as undetected replays"],
                StartedAt = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero),
                DurationSeconds = 61.5,
                FinalModelHash = "0123abcd",
            },
            Rounds = list,
        };
    }
}
