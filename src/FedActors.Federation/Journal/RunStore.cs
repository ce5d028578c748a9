using System.Data.Common;
using System.Text.Json;
using FedActors.Configuration;
using FedActors.Federation.Scenarios;
using FedActors.Federation.Simulation;
using FedActors.Persistence;
using FedActors.Persistence.PostgreSql;
using FedActors.Persistence.Sql;
using FedActors.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace FedActors.Federation.Journal;

/// <summary>
/// Where a run keeps what outlives its process: the journal (<c>scenario.persistence</c>: SQLite
/// <see cref="JournalFile"/> in the run directory by default, or PostgreSQL), the scenario as run
/// (<see cref="ScenarioFile"/>), the run id (<see cref="RunIdFile"/>) and the model checkpoints.
/// </summary>
public static class RunStore
{
    /// <summary>The default SQLite journal's file name in the run directory.</summary>
    public const string JournalFile = "journal.db";

    /// <summary>The scenario text a run was started with, in the run directory (what <c>--resume</c> reloads).</summary>
    public const string ScenarioFile = "scenario.conf";

    /// <summary>The run id, one line, in the run directory.</summary>
    public const string RunIdFile = "run-id";

    /// <summary>The store settings of a run: the scenario's plugin, with the run directory's journal file when SQLite names none.</summary>
    /// <param name="journal">The scenario's persistence settings.</param>
    /// <param name="runDirectory">The run directory.</param>
    /// <param name="persistence">The <c>fedactors.persistence</c> section the remaining store settings come from (tables, retries).</param>
    /// <exception cref="ConfigException">The connection string is not valid for the plugin.</exception>
    public static SqlStoreSettings StoreSettings(JournalSettings journal, string runDirectory, Config persistence)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(runDirectory);
        ArgumentNullException.ThrowIfNull(persistence);
        var connection = journal.Plugin == "sqlite" && journal.ConnectionString.Length == 0
            ? $"Data Source={Path.GetFullPath(Path.Combine(runDirectory, JournalFile))}"
            : journal.ConnectionString;
        var config = ConfigFactory.ParseString(
            $"journal.plugin = {journal.Plugin}\nsnapshot-store.plugin = {journal.Plugin}\n{journal.Plugin}.connection-string = {JsonSerializer.Serialize(connection)}",
            "scenario.persistence").WithFallback(persistence);
        var settings = PersistenceSettings.FromConfig(config);
        return (journal.Plugin == "sqlite" ? settings.Sqlite : settings.PostgreSql)!;
    }

    /// <summary>Opens the journal of a run with the store settings of <see cref="StoreSettings"/>.</summary>
    public static SqlJournal OpenJournal(JournalSettings journal, SqlStoreSettings settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(journal);
        return journal.Plugin == "sqlite" ? SqlitePersistence.CreateJournal(settings, time) : PostgreSqlPersistence.CreateJournal(settings, time);
    }

    /// <summary>Opens the snapshot store of a run with the store settings of <see cref="StoreSettings"/>.</summary>
    public static SqlSnapshotStore OpenSnapshotStore(JournalSettings journal, SqlStoreSettings settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(journal);
        return journal.Plugin == "sqlite" ? SqlitePersistence.CreateSnapshotStore(settings, time) : PostgreSqlPersistence.CreateSnapshotStore(settings, time);
    }

    /// <summary>
    /// Prepares <paramref name="runDirectory"/> for a fresh run: removes the previous run's journal file, checkpoints
    /// and blobs (a fresh run replaces a run directory's outputs), then records the scenario text and run id.
    /// </summary>
    public static void StartFresh(string runDirectory, string scenarioText, string runId)
    {
        ArgumentNullException.ThrowIfNull(runDirectory);
        Directory.CreateDirectory(runDirectory);
        foreach (var file in new[] { JournalFile, JournalFile + "-wal", JournalFile + "-shm" })
        {
            File.Delete(Path.Combine(runDirectory, file));
        }
        foreach (var folder in new[] { ModelCheckpoints.FolderName, BlobStore.FolderName })
        {
            var path = Path.Combine(runDirectory, folder);
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        File.WriteAllText(Path.Combine(runDirectory, ScenarioFile), scenarioText);
        File.WriteAllText(Path.Combine(runDirectory, RunIdFile), runId + "\n");
    }

    /// <summary>
    /// The stored manifest (event type) of one journal row, read without verifying it: what names an event whose hash
    /// chain is broken. Null when the row does not exist.
    /// </summary>
    public static async Task<string?> ManifestAtAsync(JournalSettings journal, SqlStoreSettings settings, string persistenceId, long sequenceNr)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(settings);
        await using DbConnection connection = journal.Plugin == "sqlite" ? new SqliteConnection(settings.ConnectionString) : new NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        // Table and schema names are plain identifiers, validated by SqlStoreSettings.
        var table = settings.Schema is null ? settings.JournalTable : $"{settings.Schema}.{settings.JournalTable}";
        command.CommandText = $"SELECT manifest FROM {table} WHERE persistence_id = @id AND sequence_number = @seq";
        var id = command.CreateParameter();
        (id.ParameterName, id.Value) = ("id", persistenceId);
        var seq = command.CreateParameter();
        (seq.ParameterName, seq.Value) = ("seq", sequenceNr);
        command.Parameters.Add(id);
        command.Parameters.Add(seq);
        return await command.ExecuteScalarAsync().ConfigureAwait(false) as string;
    }

    /// <summary>The run id recorded in <paramref name="runDirectory"/>.</summary>
    /// <exception cref="ResumeException">The directory holds no run id: it is not a run directory, or the run never started.</exception>
    public static string ReadRunId(string runDirectory)
    {
        ArgumentNullException.ThrowIfNull(runDirectory);
        var path = Path.Combine(runDirectory, RunIdFile);
        if (!File.Exists(path))
        {
            throw new ResumeException($"{runDirectory} is not a run directory: it has no {RunIdFile} file (a run writes it when it starts).");
        }
        var id = File.ReadAllText(path).Trim();
        return id.Length > 0 ? id : throw new ResumeException($"{path} is empty; it should hold the run id.");
    }
}
