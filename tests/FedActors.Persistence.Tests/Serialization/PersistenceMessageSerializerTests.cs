using FedActors.Actors.Serialization;
using FedActors.Persistence.Journal;
using FedActors.Persistence.Serialization;
using SerializationException = FedActors.Actors.Serialization.SerializationException;
using FedActors.Persistence.Snapshots;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static FedActors.Persistence.Tests.Infrastructure.Events;

namespace FedActors.Persistence.Tests.Serialization;

public sealed class PersistenceMessageSerializerTests
{
    private static readonly PersistenceMessageSerializer Serializer = new();
    private static readonly DateTimeOffset When = new(2026, 2, 3, 4, 5, 6, 7, TimeSpan.Zero);

    private static T RoundTrip<T>(T value)
        where T : notnull =>
        (T)Serializer.FromBinary(Serializer.ToBinary(value), Serializer.Manifest(value));

    private static void AssertSame(PersistentRepr expected, PersistentRepr actual)
    {
        Assert.Equal((expected.PersistenceId, expected.SequenceNr, expected.Manifest, expected.SerializerId, expected.Timestamp, expected.WriterUuid),
            (actual.PersistenceId, actual.SequenceNr, actual.Manifest, actual.SerializerId, actual.Timestamp, actual.WriterUuid));
        Assert.Equal(expected.Payload.ToArray(), actual.Payload.ToArray());
        Assert.Equal(expected.Tags, actual.Tags);
        Assert.Equal(expected.PrevHash.ToArray(), actual.PrevHash.ToArray());
        Assert.Equal(expected.Hash.ToArray(), actual.Hash.ToArray());
    }

    [Fact]
    public void Round_trips_a_sealed_event_with_its_hash_chain_fields()
    {
        var repr = HashChain.Seal(Event("p", 1, "a", "b"), When, HashChain.Genesis);
        var back = RoundTrip(repr);
        AssertSame(repr, back);
        Assert.Equal(HashChain.ComputeHash(back, back.PrevHash.Span), back.Hash.ToArray());
    }

    [Fact]
    public void Round_trips_an_atomic_write()
    {
        var write = Write("p", 4, 6, "t");
        var back = RoundTrip(write);
        Assert.Equal(3, back.Events.Count);
        for (var i = 0; i < 3; i++)
        {
            AssertSame(write.Events[i], back.Events[i]);
        }
    }

    [Fact]
    public void Round_trips_snapshot_metadata_and_snapshots()
    {
        var metadata = new SnapshotMetadata("p", 9, When);
        Assert.Equal(metadata, RoundTrip(metadata));
        var snapshot = new StoredSnapshot(metadata, 3, "State", new byte[] { 1, 2, 3 });
        var back = RoundTrip(snapshot);
        Assert.Equal((snapshot.Metadata, snapshot.SerializerId, snapshot.Manifest), (back.Metadata, back.SerializerId, back.Manifest));
        Assert.Equal(snapshot.Payload.ToArray(), back.Payload.ToArray());
    }

    [Fact]
    public void Registering_binds_the_layer_types_in_the_actor_serializer_registry()
    {
        var registry = new SerializerRegistry();
        PersistenceMessageSerializer.Register(registry);
        var serialized = registry.Serialize(new SnapshotMetadata("p", 2, When));
        Assert.Equal((PersistenceMessageSerializer.SerializerId, "M"), (serialized.SerializerId, serialized.Manifest));
        Assert.Equal(new SnapshotMetadata("p", 2, When), registry.Deserialize(serialized));
    }

    [Fact]
    public void Unsupported_types_and_unknown_manifests_are_refused_with_what_is_valid()
    {
        var type = Assert.Throws<ArgumentException>(() => Serializer.ToBinary("text"));
        Assert.Contains("not System.String", type.Message, StringComparison.Ordinal);
        var manifest = Assert.Throws<SerializationException>(() => Serializer.FromBinary([], "X"));
        Assert.Contains("valid manifests are P, A, M and S", manifest.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_contents_are_refused_cleanly()
    {
        var badHash = new Protos.PersistentMessage { PersistenceId = "p", SequenceNr = 1, Hash = Google.Protobuf.ByteString.CopyFrom(new byte[5]) };
        var error = Assert.Throws<SerializationException>(() => Serializer.FromBinary(Google.Protobuf.MessageExtensions.ToByteArray(badHash), "P"));
        Assert.Contains("manifest 'P'", error.Message, StringComparison.Ordinal);
        Assert.Throws<SerializationException>(() => Serializer.FromBinary([], "A"));
        Assert.Throws<SerializationException>(() => Serializer.FromBinary([], "S"));
    }

    [Property(MaxTest = 500)]
    public Property Random_bytes_decode_or_fail_with_a_serialization_exception(byte[] bytes, PositiveInt pick)
    {
        var manifest = new[] { "P", "A", "M", "S" }[pick.Get % 4];
        return DecodesOrFailsCleanly(bytes, manifest).ToProperty();
    }

    [Property(MaxTest = 500)]
    public Property Mutated_atomic_writes_decode_or_fail_with_a_serialization_exception(PositiveInt position, byte value)
    {
        var bytes = Serializer.ToBinary(Write("p", 1, 3, "t"));
        bytes[position.Get % bytes.Length] = value;
        return DecodesOrFailsCleanly(bytes, "A").ToProperty();
    }

    private static bool DecodesOrFailsCleanly(byte[] bytes, string manifest)
    {
        try
        {
            return Serializer.FromBinary(bytes, manifest) is not null;
        }
        catch (SerializationException)
        {
            return true;
        }
    }
}
