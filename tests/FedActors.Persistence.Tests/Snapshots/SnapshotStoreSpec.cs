using System.Text;
using FedActors.Persistence.Snapshots;
using FedActors.Persistence.Tests.Infrastructure;

namespace FedActors.Persistence.Tests.Snapshots;

/// <summary>
/// The snapshot-store contract every plugin must meet (Akka.Persistence TCK's SnapshotStoreSpec is
/// the model). Each test starts with snapshots of "p-1" at sequence numbers 1..5, taken one minute apart.
/// </summary>
public abstract class SnapshotStoreSpec : IAsyncLifetime
{
    protected const string Pid = "p-1";

    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private ISnapshotStore? _store;

    protected ISnapshotStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    protected IReadOnlyList<SnapshotMetadata> Saved { get; private set; } = [];

    public async Task InitializeAsync()
    {
        _store = await CreateStoreAsync();
        var saved = new List<SnapshotMetadata>();
        for (var i = 1; i <= 5; i++)
        {
            var metadata = new SnapshotMetadata(Pid, i, Start.AddMinutes(i));
            await Store.SaveAsync(Snapshot(metadata, $"s-{i}"));
            saved.Add(metadata);
        }

        Saved = saved;
    }

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        await CleanupAsync();
    }

    protected abstract Task<ISnapshotStore> CreateStoreAsync();

    protected virtual Task CleanupAsync() => Task.CompletedTask;

    /// <summary>Changes a stored snapshot's payload behind the store's back (hash untouched).</summary>
    protected abstract Task TamperPayloadAsync(string persistenceId, long sequenceNr);

    private static StoredSnapshot Snapshot(SnapshotMetadata metadata, string text) =>
        new(metadata, 11, "State", Encoding.UTF8.GetBytes(text));

    private static string Text(StoredSnapshot? snapshot) => snapshot is null ? "none" : Encoding.UTF8.GetString(snapshot.Payload.Span);

    [SpecFact]
    public async Task Loads_nothing_for_an_unknown_persistence_id()
    {
        Assert.Null(await Store.LoadAsync("unknown", SnapshotSelectionCriteria.Latest));
    }

    [SpecFact]
    public async Task Loads_nothing_when_the_criteria_match_nothing()
    {
        Assert.Null(await Store.LoadAsync(Pid, SnapshotSelectionCriteria.None));
        Assert.Null(await Store.LoadAsync(Pid, new SnapshotSelectionCriteria(long.MaxValue, Start)));
    }

    [SpecFact]
    public async Task Loads_the_most_recent_snapshot_with_all_its_fields()
    {
        var loaded = await Store.LoadAsync(Pid, SnapshotSelectionCriteria.Latest);
        Assert.NotNull(loaded);
        Assert.Equal(Saved[4], loaded.Metadata);
        Assert.Equal(11, loaded.SerializerId);
        Assert.Equal("State", loaded.Manifest);
        Assert.Equal("s-5", Text(loaded));
    }

    [SpecFact]
    public async Task Loads_the_most_recent_snapshot_matching_an_upper_sequence_number_bound()
    {
        Assert.Equal("s-3", Text(await Store.LoadAsync(Pid, new SnapshotSelectionCriteria(3))));
    }

    [SpecFact]
    public async Task Loads_the_most_recent_snapshot_matching_an_upper_timestamp_bound()
    {
        Assert.Equal("s-2", Text(await Store.LoadAsync(Pid, new SnapshotSelectionCriteria(long.MaxValue, Saved[1].Timestamp))));
        Assert.Equal("s-2", Text(await Store.LoadAsync(Pid, new SnapshotSelectionCriteria(4, Saved[1].Timestamp))));
    }

    [SpecFact]
    public async Task Loads_the_most_recent_snapshot_matching_lower_bounds()
    {
        Assert.Equal("none", Text(await Store.LoadAsync(Pid, new SnapshotSelectionCriteria(2, DateTimeOffset.MaxValue, 3, DateTimeOffset.MinValue))));
        Assert.Equal("s-4", Text(await Store.LoadAsync(Pid, new SnapshotSelectionCriteria(4, DateTimeOffset.MaxValue, 3, Saved[2].Timestamp))));
    }

    [SpecFact]
    public async Task Deletes_a_single_snapshot_identified_by_its_metadata()
    {
        await Store.DeleteAsync(Saved[2]);
        Assert.Equal("s-2", Text(await Store.LoadAsync(Pid, new SnapshotSelectionCriteria(3))));
        Assert.Equal("s-5", Text(await Store.LoadAsync(Pid, SnapshotSelectionCriteria.Latest)));
    }

    [SpecFact]
    public async Task Deletes_the_snapshots_matching_criteria()
    {
        await Store.DeleteAsync(Pid, new SnapshotSelectionCriteria(4));
        Assert.Null(await Store.LoadAsync(Pid, new SnapshotSelectionCriteria(4)));
        Assert.Equal("s-5", Text(await Store.LoadAsync(Pid, SnapshotSelectionCriteria.Latest)));
    }

    [SpecFact]
    public async Task Deleting_leaves_other_persistence_ids_alone()
    {
        var other = new SnapshotMetadata("p-2", 1, Start);
        await Store.SaveAsync(Snapshot(other, "other"));
        await Store.DeleteAsync(Pid, SnapshotSelectionCriteria.Latest);
        Assert.Null(await Store.LoadAsync(Pid, SnapshotSelectionCriteria.Latest));
        Assert.Equal("other", Text(await Store.LoadAsync("p-2", SnapshotSelectionCriteria.Latest)));
    }

    [SpecFact]
    public async Task Saving_at_an_existing_sequence_number_replaces_the_snapshot()
    {
        var metadata = new SnapshotMetadata(Pid, 5, Start.AddHours(1));
        await Store.SaveAsync(Snapshot(metadata, "replaced"));
        var loaded = await Store.LoadAsync(Pid, SnapshotSelectionCriteria.Latest);
        Assert.Equal("replaced", Text(loaded));
        Assert.Equal(metadata, loaded!.Metadata);
    }

    [SpecFact]
    public async Task Stores_timestamps_at_millisecond_precision()
    {
        var precise = new SnapshotMetadata(Pid, 9, Start.AddTicks(12_345_678));
        await Store.SaveAsync(Snapshot(precise, "precise"));
        var loaded = await Store.LoadAsync(Pid, SnapshotSelectionCriteria.Latest);
        Assert.Equal(Start.AddMilliseconds(1234), loaded!.Metadata.Timestamp);
    }

    [SpecFact]
    public async Task Refuses_a_damaged_snapshot_naming_persistence_id_and_sequence_number()
    {
        await TamperPayloadAsync(Pid, 5);
        var error = await Assert.ThrowsAsync<SnapshotIntegrityException>(() => Store.LoadAsync(Pid, SnapshotSelectionCriteria.Latest));
        Assert.Equal((Pid, 5L), (error.PersistenceId, error.SequenceNr));
        Assert.Equal("s-4", Text(await Store.LoadAsync(Pid, new SnapshotSelectionCriteria(4))));
    }
}
