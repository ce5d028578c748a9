using System.Text;
using FedActors.Federation.Metrics;

namespace FedActors.Federation.Tests.Metrics;

public sealed class MetricsFileTests
{
    [Fact]
    public void Metrics_written_to_a_file_read_back_to_the_same_json()
    {
        var metrics = SampleMetrics.Create();
        var path = Path.Combine(Path.GetTempPath(), $"fedactors-metrics-{Guid.NewGuid():N}", MetricsFile.FileName);
        try
        {
            MetricsFile.Write(metrics, path);
            var back = MetricsFile.Read(path);

            Assert.Equal(MetricsFile.Serialize(metrics), MetricsFile.Serialize(back));
            Assert.Equal(metrics.Rounds[2].PerClassRecall, back.Rounds[2].PerClassRecall);
            Assert.Equal(RoundStatus.Failed, back.Rounds[4].Status);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void The_file_uses_snake_case_keys_string_statuses_and_carries_derived_totals()
    {
        var json = MetricsFile.Serialize(SampleMetrics.Create());

        Assert.Contains("\"test_accuracy\":", json, StringComparison.Ordinal);
        Assert.Contains("\"status\": \"failed\"", json, StringComparison.Ordinal);
        Assert.Contains("\"encoding_encryption\":", json, StringComparison.Ordinal);
        Assert.Contains("\"totals\":", json, StringComparison.Ordinal);
        Assert.Contains("\"undetected_replays\": 1", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Totals_sum_the_rounds()
    {
        var totals = SampleMetrics.Create(rounds: 12).Totals;

        Assert.Equal(11, totals.RoundsCompleted);
        Assert.Equal(1, totals.RoundsFailed);
        Assert.Equal(4, totals.Rejected["duplicate"]);
        Assert.Equal(6, totals.Rejected["stale-round"]);
        Assert.Equal(1, totals.UndetectedReplays);
        Assert.Equal(12 * 20_000, totals.Bytes.KeyManager.Sent);
    }

    [Theory]
    [InlineData("\"test_accuracy\": 0.", "\"test_accuracy\": 1.5", "$.rounds[0].test_accuracy: must be in [0, 1], was 1.5")]
    [InlineData("\"round\": 2,", "\"round\": 3,", "$.rounds[1].round: rounds must be numbered")]
    [InlineData("\"mode\": \"secure-sum\"", "\"mode\": \"homomorphic\"", "$.run.mode: must be secure-sum or plaintext")]
    [InlineData("\"schema_version\": 1", "\"schema_version\": 7", "$.schema_version: must be 1")]
    [InlineData("\"seed\": 42", "\"seed\": \"forty-two\"", "$.run.seed")]
    [InlineData("\"seed\": 42", "\"seed\": 42, \"colour\": 1", "colour")]
    [InlineData("\"scenario\": \"mnist-cnn-label-flip\",", "", "scenario")]
    [InlineData("\"training\": ", "\"training\": -", "$.rounds[0].time.training: must be a finite number")]
    [InlineData("\"status\": \"completed\"", "\"status\": \"done\"", "$.rounds[0].status")]
    public void Malformed_files_are_rejected_naming_the_file_and_the_field(string find, string replace, string expected)
    {
        var json = MetricsFile.Serialize(SampleMetrics.Create());
        var index = json.IndexOf(find, StringComparison.Ordinal);
        Assert.True(index >= 0, $"fixture lacks {find}");
        var mutated = json[..index] + replace + json[(index + find.Length)..];

        var error = Assert.Throws<MetricsFormatException>(() => MetricsFile.Parse(Encoding.UTF8.GetBytes(mutated), "runs/x/metrics.json"));

        Assert.StartsWith("runs/x/metrics.json: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Metrics_that_fail_validation_are_never_written()
    {
        var bad = SampleMetrics.Create() with { Rounds = [] };
        bad = bad with { Run = bad.Run with { ClientsPerRound = 1000 } };

        var error = Assert.Throws<MetricsFormatException>(() => MetricsFile.Serialize(bad));
        Assert.Contains("$.run.clients_per_round", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_mutations_of_a_valid_file_either_parse_or_fail_with_a_metrics_format_exception()
    {
        var valid = Encoding.UTF8.GetBytes(MetricsFile.Serialize(SampleMetrics.Create(rounds: 4)));
        var random = new Random(2026);
        for (var trial = 0; trial < 3000; trial++)
        {
            var bytes = (byte[])valid.Clone();
            var edits = 1 + random.Next(4);
            for (var e = 0; e < edits; e++)
            {
                switch (random.Next(4))
                {
                    case 0:
                        bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                        break;
                    case 1:
                        bytes[random.Next(bytes.Length)] = (byte)"{}[]\",:0-9.e"[random.Next(12)];
                        break;
                    case 2:
                        bytes = bytes[..random.Next(bytes.Length)];
                        break;
                    default:
                        var at = random.Next(bytes.Length);
                        bytes = [.. bytes[..at], .. bytes[Math.Min(bytes.Length, at + 1 + random.Next(20))..]];
                        break;
                }

                if (bytes.Length == 0)
                {
                    break;
                }
            }

            try
            {
                MetricsFile.Parse(bytes, "fuzz.json");
            }
            catch (MetricsFormatException e)
            {
                Assert.StartsWith("fuzz.json: ", e.Message, StringComparison.Ordinal);
            }
        }
    }
}
