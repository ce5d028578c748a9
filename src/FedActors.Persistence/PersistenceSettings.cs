using FedActors.Configuration;
using FedActors.Persistence.Resilience;
using FedActors.Persistence.Sql;

namespace FedActors.Persistence;

/// <summary>
/// The <c>fedactors.persistence</c> section: which plugin backs the journal and the snapshot store,
/// and the settings of the SQL plugins in use. Immutable; validated on construction (a SQL plugin's
/// settings are read and checked only when that plugin is chosen).
/// </summary>
public sealed class PersistenceSettings
{
    /// <summary>Creates settings; <paramref name="sqlite"/> or <paramref name="postgreSql"/> must be given when that plugin is chosen.</summary>
    /// <exception cref="ArgumentException">When a chosen SQL plugin has no settings.</exception>
    public PersistenceSettings(PersistencePlugin journalPlugin, PersistencePlugin snapshotStorePlugin, SqlStoreSettings? sqlite = null, SqlStoreSettings? postgreSql = null)
    {
        foreach (var plugin in new[] { journalPlugin, snapshotStorePlugin })
        {
            if (plugin == PersistencePlugin.Sqlite && sqlite is null)
            {
                throw new ArgumentException("fedactors.persistence.sqlite settings are required when a plugin is sqlite.", nameof(sqlite));
            }

            if (plugin == PersistencePlugin.PostgreSql && postgreSql is null)
            {
                throw new ArgumentException("fedactors.persistence.postgresql settings are required when a plugin is postgresql.", nameof(postgreSql));
            }
        }

        JournalPlugin = journalPlugin;
        SnapshotStorePlugin = snapshotStorePlugin;
        Sqlite = sqlite;
        PostgreSql = postgreSql;
    }

    /// <summary>In-memory journal and snapshot store (tests).</summary>
    public static PersistenceSettings InMemory { get; } = new(PersistencePlugin.Memory, PersistencePlugin.Memory);

    /// <summary>The journal plugin.</summary>
    public PersistencePlugin JournalPlugin { get; }

    /// <summary>The snapshot-store plugin.</summary>
    public PersistencePlugin SnapshotStorePlugin { get; }

    /// <summary>SQLite settings, present when a plugin is <see cref="PersistencePlugin.Sqlite"/>.</summary>
    public SqlStoreSettings? Sqlite { get; }

    /// <summary>PostgreSQL settings, present when a plugin is <see cref="PersistencePlugin.PostgreSql"/>.</summary>
    public SqlStoreSettings? PostgreSql { get; }

    /// <summary>Reads the <c>fedactors.persistence</c> section (pass that section, e.g. <c>config.GetConfig("fedactors.persistence")</c>).</summary>
    /// <exception cref="ConfigException">When a key is missing, of the wrong type, or out of range; the message names file, line and key.</exception>
    public static PersistenceSettings FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var journal = ReadPlugin(config, "journal.plugin");
        var snapshots = ReadPlugin(config, "snapshot-store.plugin");
        var uses = new[] { journal, snapshots };
        var resilience = Checked(config, "retry.max-retries", () => new ResilienceSettings(
            config.GetInt("retry.max-retries"),
            config.GetTimeSpan("retry.min-backoff"),
            config.GetTimeSpan("retry.max-backoff"),
            config.GetInt("circuit-breaker.max-failures"),
            config.GetTimeSpan("circuit-breaker.reset-timeout")));
        var sqlite = uses.Contains(PersistencePlugin.Sqlite) ? ReadSql(config, "sqlite", null, resilience) : null;
        var postgreSql = uses.Contains(PersistencePlugin.PostgreSql) ? ReadSql(config, "postgresql", config.GetString("postgresql.schema"), resilience) : null;
        return new PersistenceSettings(journal, snapshots, sqlite, postgreSql);
    }

    private static PersistencePlugin ReadPlugin(Config config, string path) => config.GetString(path) switch
    {
        "memory" => PersistencePlugin.Memory,
        "sqlite" => PersistencePlugin.Sqlite,
        "postgresql" => PersistencePlugin.PostgreSql,
        _ => throw config.Invalid(path, "must be memory, sqlite or postgresql"),
    };

    private static SqlStoreSettings ReadSql(Config config, string section, string? schema, ResilienceSettings resilience) =>
        Checked(config, $"{section}.connection-string", () => new SqlStoreSettings(
            $"{(config.Path.Length == 0 ? "" : config.Path + ".")}{section}",
            config.GetString($"{section}.connection-string"),
            schema,
            config.GetString($"{section}.journal-table"),
            config.GetString($"{section}.snapshot-table"),
            config.GetBoolean($"{section}.auto-initialize"),
            config.GetInt("journal.batch-size"),
            config.GetInt("journal.replay-page-size"),
            resilience));

    // The settings constructors name the key and value; this adds the file and line of the section.
    private static T Checked<T>(Config config, string anchor, Func<T> create)
    {
        try
        {
            return create();
        }
        catch (ArgumentException e)
        {
            throw new ConfigException(config.GetOrigin(anchor), null, e.Message.Split(" (Parameter", 2)[0], e);
        }
    }
}
