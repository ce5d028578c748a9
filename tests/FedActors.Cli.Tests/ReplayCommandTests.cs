using FedActors.Federation.Journal;
using Microsoft.Data.Sqlite;
using Xunit;

namespace FedActors.Cli.Tests;

/// <summary>One tiny run made with <c>fedactors run</c>, shared by the replay tests; tests that alter it work on a copy.</summary>
public sealed class CliRecordedRun : IDisposable
{
    public CliRecordedRun()
    {
        File.WriteAllText(ScenarioFile, $$"""
            scenario {
              name = replay-cli
              seed = 3
              rounds = 2
              data.set = synthetic
              model.type = logreg
              federation { clients = 4, clients-per-round = 3, min-contributions = 2, aggregation = mean }
              persistence.store-ciphertexts = on
              output { dir = "{{Run.Replace("\\", "/", StringComparison.Ordinal)}}", report = none }
            }
            """);
        var result = CliRunner.Run("run", ScenarioFile);
        Assert.True(result.ExitCode == 0, result.StandardError + result.StandardOutput);
    }

    public string Root { get; } = Directory.CreateTempSubdirectory("fedactors-replay-cli-").FullName;

    public string ScenarioFile => Path.Combine(Root, "replay.conf");

    public string Run => Path.Combine(Root, "run");

    public string Copy(string name)
    {
        var target = Path.Combine(Root, name);
        foreach (var file in Directory.EnumerateFiles(Run, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(Run, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        return target;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

public sealed class ReplayCommandTests(CliRecordedRun recorded) : IClassFixture<CliRecordedRun>
{
    [Fact]
    public void Replay_prints_the_run_round_by_round_and_one_round_in_detail()
    {
        var all = CliRunner.Run("replay", recorded.Run);
        Assert.True(all.ExitCode == 0, all.StandardError);
        Assert.Contains("rejected", all.StandardOutput);
        Assert.Contains("completed", all.StandardOutput);
        Assert.Contains("accuracy", all.StandardOutput);
        Assert.Contains("Run completed after 2 rounds.", all.StandardOutput);

        var round = CliRunner.Run("replay", recorded.Run, "--round", "2");
        Assert.True(round.ExitCode == 0, round.StandardError);
        Assert.Contains("selected", round.StandardOutput);
        Assert.Contains("accepted", round.StandardOutput);
        Assert.Contains("client-", round.StandardOutput);
    }

    [Fact]
    public void Replay_verify_passes_on_a_fresh_run_and_fails_naming_the_event_after_one_byte_of_the_journal_changed()
    {
        var fresh = CliRunner.Run("replay", recorded.Run, "--verify");
        Assert.True(fresh.ExitCode == 0, fresh.StandardError);
        Assert.StartsWith("OK:", fresh.StandardOutput);

        var copy = recorded.Copy("tampered");
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(copy, RunStore.JournalFile)};Pooling=False"))
        {
            connection.Open();
            using var read = connection.CreateCommand();
            read.CommandText = "SELECT payload FROM journal WHERE sequence_number = 2";
            var payload = (byte[])read.ExecuteScalar()!;
            payload[payload.Length / 2] ^= 0x01;
            using var write = connection.CreateCommand();
            write.CommandText = "UPDATE journal SET payload = $p WHERE sequence_number = 2";
            write.Parameters.AddWithValue("$p", payload);
            Assert.Equal(1, write.ExecuteNonQuery());
        }

        var tampered = CliRunner.Run("replay", copy, "--verify");

        Assert.Equal(1, tampered.ExitCode);
        Assert.Contains($"coordinator-{RunStore.ReadRunId(copy)} #2 (RoundOpened)", tampered.StandardError);
        Assert.DoesNotContain("   at ", tampered.StandardError);
    }

    [Fact]
    public void Replay_reexecute_finds_no_divergence_and_a_fork_prints_both_runs_side_by_side()
    {
        var again = CliRunner.Run("replay", recorded.Run, "--reexecute");
        Assert.True(again.ExitCode == 0, again.StandardError + again.StandardOutput);
        Assert.Contains("No divergence: 2 rounds", again.StandardOutput);

        var original = recorded.Copy("fork-source");
        var fork = CliRunner.Run("replay", original, "--fork-at", "2", "--set", "federation.aggregation=median");
        Assert.True(fork.ExitCode == 0, fork.StandardError + fork.StandardOutput);
        Assert.Contains("fork acc.", fork.StandardOutput);
        Assert.Contains("1 (recorded)", fork.StandardOutput);
        Assert.True(File.Exists(Path.Combine(original + "-fork-2-federation.aggregation=median", "metrics.json")));
    }

    [Fact]
    public void Run_resume_continues_a_run_from_its_directory_and_refuses_a_scenario_file_with_it()
    {
        var copy = recorded.Copy("resumed");
        var resumed = CliRunner.Run("run", "--resume", copy);
        Assert.True(resumed.ExitCode == 0, resumed.StandardError + resumed.StandardOutput);
        Assert.Contains("Run summary", resumed.StandardOutput);

        var both = CliRunner.Run("run", recorded.ScenarioFile, "--resume", copy);
        Assert.Equal(1, both.ExitCode);
        Assert.Contains("--resume", both.StandardError);

        var none = CliRunner.Run("run", "--resume", Path.GetTempPath());
        Assert.Equal(1, none.ExitCode);
        Assert.Contains("not a run directory", none.StandardError);
    }

    [Fact]
    public void Replay_with_two_modes_or_set_without_fork_is_refused_with_what_to_do()
    {
        var two = CliRunner.Run("replay", recorded.Run, "--verify", "--reexecute");
        Assert.Equal(1, two.ExitCode);
        Assert.Contains("Choose one of", two.StandardError);

        var set = CliRunner.Run("replay", recorded.Run, "--set", "rounds=3");
        Assert.Equal(1, set.ExitCode);
        Assert.Contains("--fork-at", set.StandardError);
    }
}
