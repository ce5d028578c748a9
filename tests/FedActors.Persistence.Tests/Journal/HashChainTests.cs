using FedActors.Persistence.Journal;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static FedActors.Persistence.Tests.Infrastructure.Events;

namespace FedActors.Persistence.Tests.Journal;

public sealed class HashChainTests
{
    private static readonly DateTimeOffset When = new(2026, 5, 1, 8, 30, 0, TimeSpan.Zero);

    private static PersistentRepr Sealed(PersistentRepr repr) => HashChain.Seal(repr, When, HashChain.Genesis);

    [Fact]
    public void Genesis_is_32_zero_bytes()
    {
        Assert.Equal(new byte[32], HashChain.Genesis.ToArray());
    }

    [Fact]
    public void Sealing_sets_timestamp_previous_hash_and_a_hash_that_recomputes()
    {
        var repr = Sealed(Event("p", 1));
        Assert.Equal(When, repr.Timestamp);
        Assert.Equal(HashChain.Genesis.ToArray(), repr.PrevHash.ToArray());
        Assert.Equal(HashChain.ComputeHash(repr, repr.PrevHash.Span), repr.Hash.ToArray());
    }

    [Fact]
    public void Sealing_truncates_the_timestamp_to_milliseconds_so_stored_events_verify()
    {
        var repr = HashChain.Seal(Event("p", 1), When.AddTicks(1234), HashChain.Genesis);
        Assert.Equal(When, repr.Timestamp);
    }

    [Fact]
    public void Every_field_and_the_previous_hash_change_the_hash()
    {
        var baseline = Sealed(Event("p", 1, "t")).Hash.ToArray();
        var variants = new[]
        {
            Event("q", 1, "t"),
            Event("p", 2, "t"),
            Event("p", 1, "t") with { Manifest = "other" },
            Event("p", 1, "t") with { SerializerId = 8 },
            Event("p", 1, "t") with { Payload = new byte[] { 1 } },
            Event("p", 1, "u"),
            Event("p", 1),
            Event("p", 1, "t") with { WriterUuid = "writer-2" },
        };
        foreach (var variant in variants)
        {
            Assert.NotEqual(baseline, Sealed(variant).Hash.ToArray());
        }

        Assert.NotEqual(baseline, HashChain.Seal(Event("p", 1, "t"), When.AddMilliseconds(1), HashChain.Genesis).Hash.ToArray());
        Assert.NotEqual(baseline, HashChain.Seal(Event("p", 1, "t"), When, new byte[32].Select(_ => (byte)1).ToArray()).Hash.ToArray());
    }

    [Fact]
    public void Length_prefixes_keep_adjacent_fields_apart()
    {
        var a = Sealed(Event("p", 1, "ab", "c"));
        var b = Sealed(Event("p", 1, "a", "bc"));
        Assert.NotEqual(a.Hash.ToArray(), b.Hash.ToArray());
    }

    [Fact]
    public void A_previous_hash_of_the_wrong_length_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => HashChain.ComputeHash(Event("p", 1), new byte[31]));
    }

    [Property(MaxTest = 200)]
    public Property Hashing_is_deterministic_and_sensitive_to_every_payload_byte(byte[] payload, PositiveInt index)
    {
        var repr = Event("p", 1) with { Payload = payload };
        var first = Sealed(repr).Hash.ToArray();
        var again = Sealed(repr).Hash.ToArray();
        if (payload.Length == 0)
        {
            return (first.AsSpan().SequenceEqual(again)).ToProperty();
        }

        var flipped = (byte[])payload.Clone();
        flipped[index.Get % payload.Length] ^= 0x01;
        var changed = Sealed(repr with { Payload = flipped }).Hash.ToArray();
        return (first.AsSpan().SequenceEqual(again) && !first.AsSpan().SequenceEqual(changed)).ToProperty();
    }
}
