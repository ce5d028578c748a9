using FedActors.Persistence.Resilience;
using FedActors.Persistence.Sql;
using FedActors.Persistence.Sqlite;

namespace FedActors.Persistence.Tests.Sql;

public sealed class SqlStoreSettingsTests
{
    private const string Section = "fedactors.persistence.sqlite";

    [Fact]
    public void Defaults_follow_reference_conf()
    {
        var settings = new SqlStoreSettings(Section, "Data Source=j.db");
        Assert.Equal(("journal", "snapshot", true, 1000, 1000), (settings.JournalTable, settings.SnapshotTable, settings.AutoInitialize, settings.BatchSize, settings.ReplayPageSize));
        Assert.Same(ResilienceSettings.Default, settings.Resilience);
    }

    [Theory]
    [InlineData("", null, "journal", 1, 1, "fedactors.persistence.sqlite.connection-string must not be empty, was ''")]
    [InlineData("Data Source=j.db", "bad-schema", "journal", 1, 1, "fedactors.persistence.sqlite.schema must be a plain SQL identifier ([A-Za-z_][A-Za-z0-9_]*), was 'bad-schema'")]
    [InlineData("Data Source=j.db", null, "j; DROP TABLE x", 1, 1, "fedactors.persistence.sqlite.journal-table must be a plain SQL identifier ([A-Za-z_][A-Za-z0-9_]*), was 'j; DROP TABLE x'")]
    [InlineData("Data Source=j.db", null, "journal", 0, 1, "fedactors.persistence.journal.batch-size must be >= 1, was 0")]
    [InlineData("Data Source=j.db", null, "journal", 1, -5, "fedactors.persistence.journal.replay-page-size must be >= 1, was -5")]
    public void Invalid_values_are_rejected_naming_key_and_value(string connectionString, string? schema, string table, int batchSize, int pageSize, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => new SqlStoreSettings(Section, connectionString, schema, table, batchSize: batchSize, replayPageSize: pageSize));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resilience_values_are_validated_naming_key_and_value()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ResilienceSettings(3, TimeSpan.Zero, TimeSpan.Zero, 0, TimeSpan.FromSeconds(1)));
        Assert.StartsWith("fedactors.persistence.circuit-breaker.max-failures must be >= 1, was 0", error.Message, StringComparison.Ordinal);
        var backoff = Assert.Throws<ArgumentOutOfRangeException>(() => new ResilienceSettings(3, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), 1, TimeSpan.FromSeconds(1)));
        Assert.Contains("fedactors.persistence.retry.max-backoff must be >= min-backoff", backoff.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sqlite_refuses_a_schema_and_an_in_memory_database()
    {
        var schema = Assert.Throws<ArgumentException>(() => new SqliteDialect(new SqlStoreSettings(Section, "Data Source=j.db", schema: "s")));
        Assert.StartsWith("fedactors.persistence.sqlite.schema is not supported by SQLite", schema.Message, StringComparison.Ordinal);
        var memory = Assert.Throws<ArgumentException>(() => new SqliteDialect(new SqlStoreSettings(Section, "Data Source=:memory:")));
        Assert.StartsWith("fedactors.persistence.sqlite.connection-string must name a database file", memory.Message, StringComparison.Ordinal);
    }
}
