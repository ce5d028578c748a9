using FedActors.Configuration;
using FedActors.Persistence.Resilience;

namespace FedActors.Persistence.Tests.Actors;

public sealed class PersistenceSettingsTests
{
    private static PersistenceSettings Read(string overrides) =>
        PersistenceSettings.FromConfig(ConfigFactory.ParseString(overrides).WithFallback(ConfigFactory.Reference).GetConfig("fedactors.persistence"));

    [Fact]
    public void Reference_defaults_choose_sqlite_with_the_documented_values()
    {
        var settings = Read("");
        Assert.Equal((PersistencePlugin.Sqlite, PersistencePlugin.Sqlite), (settings.JournalPlugin, settings.SnapshotStorePlugin));
        var sqlite = settings.Sqlite!;
        Assert.Equal(("Data Source=fedactors.db", "journal", "snapshot", true, 1000, 1000),
            (sqlite.ConnectionString, sqlite.JournalTable, sqlite.SnapshotTable, sqlite.AutoInitialize, sqlite.BatchSize, sqlite.ReplayPageSize));
        var resilience = sqlite.Resilience;
        var defaults = ResilienceSettings.Default;
        Assert.Equal((defaults.MaxRetries, defaults.MinBackoff, defaults.MaxBackoff, defaults.MaxFailures, defaults.ResetTimeout),
            (resilience.MaxRetries, resilience.MinBackoff, resilience.MaxBackoff, resilience.MaxFailures, resilience.ResetTimeout));
        Assert.Null(settings.PostgreSql);
    }

    [Fact]
    public void PostgreSql_settings_are_read_when_chosen()
    {
        var settings = Read("""
            fedactors.persistence.journal.plugin = postgresql
            fedactors.persistence.snapshot-store.plugin = memory
            fedactors.persistence.postgresql { connection-string = "Host=db;Database=fed", schema = runs }
            fedactors.persistence.journal.batch-size = 250
            """);
        Assert.Equal((PersistencePlugin.PostgreSql, PersistencePlugin.Memory), (settings.JournalPlugin, settings.SnapshotStorePlugin));
        Assert.Equal(("Host=db;Database=fed", "runs", 250), (settings.PostgreSql!.ConnectionString, settings.PostgreSql.Schema, settings.PostgreSql.BatchSize));
        Assert.Null(settings.Sqlite);
    }

    [Fact]
    public void An_unknown_plugin_is_rejected_naming_the_key_and_what_is_valid()
    {
        var error = Assert.Throws<ConfigException>(() => Read("fedactors.persistence.journal.plugin = mongo"));
        Assert.Contains("fedactors.persistence.journal.plugin must be memory, sqlite or postgresql, was", error.Message, StringComparison.Ordinal);
        Assert.Contains("mongo", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chosen_postgresql_without_connection_string_is_rejected_naming_the_key()
    {
        var error = Assert.Throws<ConfigException>(() => Read("fedactors.persistence.journal.plugin = postgresql"));
        Assert.Contains("fedactors.persistence.postgresql.connection-string must not be empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_of_range_resilience_values_are_rejected_naming_the_key_and_value()
    {
        var retries = Assert.Throws<ConfigException>(() => Read("fedactors.persistence.retry.max-retries = -1"));
        Assert.Contains("fedactors.persistence.retry.max-retries must be >= 0, was -1", retries.Message, StringComparison.Ordinal);
        var breaker = Assert.Throws<ConfigException>(() => Read("fedactors.persistence.circuit-breaker.reset-timeout = 0s"));
        Assert.Contains("fedactors.persistence.circuit-breaker.reset-timeout must be > 0", breaker.Message, StringComparison.Ordinal);
    }
}
