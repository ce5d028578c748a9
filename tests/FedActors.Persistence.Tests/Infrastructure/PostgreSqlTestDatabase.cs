using FedActors.TestKit;
using Npgsql;

namespace FedActors.Persistence.Tests.Infrastructure;

/// <summary>Gives each test its own PostgreSQL schema (created by the plugin, dropped afterwards), so tests run in parallel.</summary>
public static class PostgreSqlTestDatabase
{
    public static string RequireConnectionString() =>
        TestDatabase.ConnectionString ?? throw new InvalidOperationException(
            $"{TestDatabase.Variable} is not set but CI is: the PostgreSQL specs must run in CI. Run tests/run-all.sh, which starts a throwaway PostgreSQL and sets {TestDatabase.Variable}.");

    public static string NewSchemaName() => "t_" + Guid.NewGuid().ToString("N")[..20];

    public static async Task DropSchemaAsync(string schema)
    {
        if (TestDatabase.ConnectionString is not { } connectionString)
        {
            return;
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(RequireConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
