namespace FedActors.Federation.Metrics;

/// <summary>
/// The semantic checks a <see cref="RunMetrics"/> must pass before it is written or after it is
/// read: ranges, round numbering and consistency between status and failure reason.
/// </summary>
internal static class MetricsValidator
{
    public static void Validate(RunMetrics metrics, string file)
    {
        void Fail(string path, string problem) => throw new MetricsFormatException(file, path, problem);

        void Fraction(string path, double? value)
        {
            if (value is { } v && !(v >= 0 && v <= 1))
            {
                Fail(path, $"must be in [0, 1], was {v}");
            }
        }

        void NonNegative(string path, double value)
        {
            if (!(value >= 0) || double.IsPositiveInfinity(value))
            {
                Fail(path, $"must be a finite number ≥ 0, was {value}");
            }
        }

        if (metrics.SchemaVersion != RunMetrics.CurrentSchemaVersion)
        {
            Fail("$.schema_version", $"must be {RunMetrics.CurrentSchemaVersion} (this version of fedactors reads only that format), was {metrics.SchemaVersion}");
        }

        var run = metrics.Run;
        if (string.IsNullOrWhiteSpace(run.Scenario))
        {
            Fail("$.run.scenario", "must be a non-empty scenario name");
        }

        if (run.Mode is not ("secure-sum" or "plaintext"))
        {
            Fail("$.run.mode", $"must be secure-sum or plaintext, was '{run.Mode}'");
        }

        if (run.Clients < 1)
        {
            Fail("$.run.clients", $"must be ≥ 1, was {run.Clients}");
        }

        if (run.ClientsPerRound < 1 || run.ClientsPerRound > run.Clients)
        {
            Fail("$.run.clients_per_round", $"must be in [1, clients = {run.Clients}], was {run.ClientsPerRound}");
        }

        if (run.RoundsPlanned < 0)
        {
            Fail("$.run.rounds_planned", $"must be ≥ 0, was {run.RoundsPlanned}");
        }

        if (run.Classes < 0)
        {
            Fail("$.run.classes", $"must be ≥ 0, was {run.Classes}");
        }

        NonNegative("$.run.duration_seconds", run.DurationSeconds);

        for (var i = 0; i < metrics.Rounds.Count; i++)
        {
            var r = metrics.Rounds[i];
            var at = $"$.rounds[{i}]";
            if (r.Round != i + 1)
            {
                Fail($"{at}.round", $"rounds must be numbered 1, 2, 3… in order; expected {i + 1}, was {r.Round}");
            }

            if ((r.Status == RoundStatus.Failed) != !string.IsNullOrWhiteSpace(r.FailureReason))
            {
                Fail($"{at}.failure_reason", r.Status == RoundStatus.Failed
                    ? "a failed round must say why"
                    : "must be absent for a completed round");
            }

            Fraction($"{at}.test_accuracy", r.TestAccuracy);
            Fraction($"{at}.backdoor_success", r.BackdoorSuccess);
            if (r.TestLoss is { } loss)
            {
                NonNegative($"{at}.test_loss", loss);
            }

            if (r.PerClassRecall is { } recall)
            {
                for (var c = 0; c < recall.Count; c++)
                {
                    Fraction($"{at}.per_class_recall[{c}]", recall[c]);
                }
            }

            var c0 = r.Contributions;
            if (c0.Selected < 0 || c0.Received < 0 || c0.Accepted < 0)
            {
                Fail($"{at}.contributions", $"counts must be ≥ 0, were selected {c0.Selected}, received {c0.Received}, accepted {c0.Accepted}");
            }

            if (c0.Accepted > c0.Received)
            {
                Fail($"{at}.contributions.accepted", $"must be ≤ received = {c0.Received}, was {c0.Accepted}");
            }

            foreach (var (reason, count) in c0.Rejected)
            {
                if (string.IsNullOrWhiteSpace(reason) || count < 1)
                {
                    Fail($"{at}.contributions.rejected['{reason}']", $"must be a non-empty reason with a count ≥ 1, was {count}");
                }
            }

            if (r.UndetectedReplays < 0 || r.UndetectedReplays > c0.Accepted)
            {
                Fail($"{at}.undetected_replays", $"must be in [0, accepted = {c0.Accepted}], was {r.UndetectedReplays}");
            }

            if (r.IsolationAttempts is { } attempts && (attempts < 0 || r.IsolationSucceeded is < 0 || r.IsolationSucceeded > attempts || r.IsolationShares is < 0))
            {
                Fail($"{at}.isolation_attempts", $"attempts, shares and successes must be ≥ 0 with successes ≤ attempts, were {attempts}, {r.IsolationShares} and {r.IsolationSucceeded}");
            }

            foreach (var (reason, count) in r.IsolationRefusals ?? new Dictionary<string, int>())
            {
                if (string.IsNullOrWhiteSpace(reason) || count < 1)
                {
                    Fail($"{at}.isolation_refusals['{reason}']", $"must be a non-empty reason with a count ≥ 1, was {count}");
                }
            }

            foreach (var (role, counts) in new[] { ("coordinator", r.Bytes.Coordinator), ("key_manager", r.Bytes.KeyManager), ("clients", r.Bytes.Clients) })
            {
                if (counts.Sent < 0 || counts.Received < 0)
                {
                    Fail($"{at}.bytes.{role}", $"byte counts must be ≥ 0, were sent {counts.Sent}, received {counts.Received}");
                }
            }

            var phases = r.Time.ToArray();
            string[] keys = ["training", "encoding_encryption", "aggregation", "decryption", "network"];
            for (var p = 0; p < phases.Length; p++)
            {
                NonNegative($"{at}.time.{keys[p]}", phases[p]);
            }

            if (r.DecryptionError is { } error)
            {
                NonNegative($"{at}.decryption_error.max_absolute", error.MaxAbsolute);
                NonNegative($"{at}.decryption_error.root_mean_square", error.RootMeanSquare);
            }
        }
    }
}
