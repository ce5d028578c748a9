using FedActors.Actors.Core;
using FedActors.Configuration;
using FedActors.Persistence.Journal;
using FedActors.Persistence.Memory;
using FedActors.Persistence.PostgreSql;
using FedActors.Persistence.Serialization;
using FedActors.Persistence.Snapshots;
using FedActors.Persistence.Sqlite;
using Microsoft.Extensions.Logging;

namespace FedActors.Persistence;

/// <summary>
/// The actor system's journal and snapshot store, shared by all its persistent actors (Akka's
/// <c>Persistence</c> extension). Registered once per system, before the first persistent actor
/// starts; disposed when the system terminates. Also binds <see cref="PersistenceMessageSerializer"/>
/// in the system's serializer registry.
/// </summary>
public sealed class PersistenceExtension
{
    private PersistenceExtension(ActorSystem system, IJournal journal, ISnapshotStore snapshotStore)
    {
        Journal = journal;
        SnapshotStore = snapshotStore;
        PersistenceMessageSerializer.Register(system.Serialization);
        _ = DisposeOnTerminationAsync(system, journal, snapshotStore);
    }

    /// <summary>The journal persistent actors write to.</summary>
    public IJournal Journal { get; }

    /// <summary>The snapshot store persistent actors save to.</summary>
    public ISnapshotStore SnapshotStore { get; }

    /// <summary>
    /// The system's extension; when none was registered, creates one from the documented defaults
    /// (<c>fedactors.persistence</c> of the embedded reference.conf: SQLite file <c>fedactors.db</c>).
    /// </summary>
    public static PersistenceExtension Get(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.GetOrAddExtension(s => Create(s, PersistenceSettings.FromConfig(ConfigFactory.Reference.GetConfig("fedactors.persistence"))));
    }

    /// <summary>Registers the plugins chosen by <paramref name="settings"/> for <paramref name="system"/>.</summary>
    /// <exception cref="InvalidOperationException">When the system already has a persistence extension.</exception>
    public static PersistenceExtension Register(ActorSystem system, PersistenceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(settings);
        return RegisterOnce(system, s => Create(s, settings));
    }

    /// <summary>Registers a ready journal and snapshot store (e.g. shared in-memory stores that outlive one system in tests).</summary>
    /// <exception cref="InvalidOperationException">When the system already has a persistence extension.</exception>
    public static PersistenceExtension Register(ActorSystem system, IJournal journal, ISnapshotStore snapshotStore)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(snapshotStore);
        return RegisterOnce(system, s => new PersistenceExtension(s, journal, snapshotStore));
    }

    private static PersistenceExtension RegisterOnce(ActorSystem system, Func<ActorSystem, PersistenceExtension> create)
    {
        var created = false;
        var extension = system.GetOrAddExtension(s =>
        {
            created = true;
            return create(s);
        });
        return created
            ? extension
            : throw new InvalidOperationException(
                $"Actor system '{system.Name}' has a persistence extension already; register persistence once, before the first persistent actor starts.");
    }

    private static async Task DisposeOnTerminationAsync(ActorSystem system, IJournal journal, ISnapshotStore snapshotStore)
    {
        await system.WhenTerminated.ConfigureAwait(false);
        try
        {
            await journal.DisposeAsync().ConfigureAwait(false);
            await snapshotStore.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            system.Log.LogError(e, "Closing the persistence stores of actor system '{System}' failed: {Reason}", system.Name, e.Message);
        }
    }

    private static PersistenceExtension Create(ActorSystem system, PersistenceSettings settings)
    {
        var time = system.TimeProvider;
        IJournal journal = settings.JournalPlugin switch
        {
            PersistencePlugin.Memory => new MemoryJournal(time),
            PersistencePlugin.Sqlite => SqlitePersistence.CreateJournal(settings.Sqlite!, time),
            _ => PostgreSqlPersistence.CreateJournal(settings.PostgreSql!, time),
        };
        ISnapshotStore snapshots = settings.SnapshotStorePlugin switch
        {
            PersistencePlugin.Memory => new MemorySnapshotStore(),
            PersistencePlugin.Sqlite => SqlitePersistence.CreateSnapshotStore(settings.Sqlite!, time),
            _ => PostgreSqlPersistence.CreateSnapshotStore(settings.PostgreSql!, time),
        };
        return new PersistenceExtension(system, journal, snapshots);
    }
}
