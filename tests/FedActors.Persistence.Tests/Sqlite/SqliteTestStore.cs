using FedActors.Persistence.Resilience;
using FedActors.Persistence.Sql;
using FedActors.Persistence.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace FedActors.Persistence.Tests.Sqlite;

/// <summary>A fresh SQLite database file per test; a busy file fails after one second (0 would wait forever) and retries are immediate.</summary>
public sealed class SqliteTestStore : IDisposable
{
    private readonly TempDirectory _directory = new();

    public SqliteTestStore() => ConnectionString = $"Data Source={_directory.File("journal.db")};Default Timeout=1";

    public string ConnectionString { get; }

    public SqlStoreSettings Settings(ResilienceSettings? resilience = null, int batchSize = 1000, int replayPageSize = 2) =>
        new("fedactors.persistence.sqlite", ConnectionString, batchSize: batchSize, replayPageSize: replayPageSize,
            resilience: resilience ?? new ResilienceSettings(2, TimeSpan.Zero, TimeSpan.Zero, 100, TimeSpan.FromSeconds(30)));

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public void Dispose() => _directory.Dispose();
}
