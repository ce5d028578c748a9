using FedActors.Configuration;
using FedActors.Federation.Journal;
using FedActors.Federation.Metrics;
using FedActors.Federation.Scenarios;
using FedActors.Federation.Simulation;
using FedActors.Learning;
using FedActors.Persistence.Sql;
using Google.Protobuf;
using Microsoft.Data.Sqlite;

namespace FedActors.Federation.Tests.Journal;

/// <summary>One tiny recorded run (contributions stored) shared by the replay tests; each test works on its own copy.</summary>
public sealed class RecordedRun : IAsyncLifetime
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), $"fedactors-replay-{Guid.NewGuid():N}");

    public string Directory => Path.Combine(Root, "run");

    public RunMetrics Metrics { get; private set; } = null!;

    public static Config Persistence => ConfigFactory.Reference.GetConfig("fedactors.persistence");

    public static Scenario Tiny(string directory, string extra = "") => ScenarioLoader.FromConfig(
        ConfigFactory.ParseString(
            $$"""
            scenario {
              name = tiny
              seed = 5
              rounds = 3
              data { set = synthetic }
              model { type = logreg }
              federation { clients = 5, clients-per-round = 3, min-contributions = 2, aggregation = mean, round-timeout = 60s }
              persistence.store-ciphertexts = on
              output { dir = "{{directory.Replace("\\", "/", StringComparison.Ordinal)}}", report = none }
              {{extra}}
            }
            """,
            "tiny.conf").WithFallback(ConfigFactory.Reference)).Base;

    /// <summary>A runner; <paramref name="afterEvent"/> sees every journaled Coordinator event and may crash the Coordinator by throwing.</summary>
    public static ScenarioRunner Runner(Action<IMessage>? afterEvent = null) => new(
        ConfigFactory.ParseString("fedactors.actor.serialize-messages = on").WithFallback(ConfigFactory.Reference),
        new LearningSettings(trainerWorkers: 2),
        TimeProvider.System)
    {
        AfterCoordinatorEvent = afterEvent,
    };

    public async Task InitializeAsync() => Metrics = await Runner().RunAsync(Tiny(Directory), variant: null);

    /// <summary>A copy of the recorded run directory that a test may alter.</summary>
    public string Copy(string name)
    {
        var target = Path.Combine(Root, name);
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(Directory, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        return target;
    }

    public static SqlStoreSettings StoreSettings(string directory) =>
        RunStore.StoreSettings(JournalSettings.Default, directory, Persistence);

    public static async Task<JournaledRun> ReadAsync(string directory)
    {
        await using var journal = RunStore.OpenJournal(JournalSettings.Default, StoreSettings(directory), TimeProvider.System);
        return await JournaledRun.ReadAsync(journal, RunStore.ReadRunId(directory));
    }

    /// <summary>Flips one bit of the payload of event <paramref name="sequenceNr"/> directly in the SQLite file, as an attacker with file access would.</summary>
    public static void FlipPayloadBit(string directory, long sequenceNr)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(directory, RunStore.JournalFile)};Pooling=False");
        connection.Open();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT payload FROM journal WHERE sequence_number = $n";
        read.Parameters.AddWithValue("$n", sequenceNr);
        var payload = (byte[])read.ExecuteScalar()!;
        payload[payload.Length / 2] ^= 0x01;
        using var write = connection.CreateCommand();
        write.CommandText = "UPDATE journal SET payload = $p WHERE sequence_number = $n";
        write.Parameters.AddWithValue("$p", payload);
        write.Parameters.AddWithValue("$n", sequenceNr);
        Assert.Equal(1, write.ExecuteNonQuery());
    }

    public Task DisposeAsync()
    {
        if (System.IO.Directory.Exists(Root))
        {
            System.IO.Directory.Delete(Root, recursive: true);
        }
        return Task.CompletedTask;
    }
}
