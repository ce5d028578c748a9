using FedActors.Crypto.Ring;

namespace FedActors.Crypto.Tests.Ring;

public sealed class CommonReferenceStringTests
{
    private static readonly byte[] Seed = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void The_same_seed_purpose_epoch_and_index_give_the_same_polynomial()
    {
        var ring = TestRings.Tiny.RingQP;
        var a = CommonReferenceString.Sample(ring, Seed, "public-key", 3, 0);
        var b = CommonReferenceString.Sample(ring, Seed, "public-key", 3, 0);
        Assert.True(a.ContentEquals(b));
    }

    [Fact]
    public void Another_purpose_epoch_index_or_seed_gives_an_independent_polynomial()
    {
        var ring = TestRings.Tiny.RingQP;
        var reference = CommonReferenceString.Sample(ring, Seed, "public-key", 3, 0);
        var otherSeed = (byte[])Seed.Clone();
        otherSeed[31] ^= 1;
        foreach (var other in new[]
                 {
                     CommonReferenceString.Sample(ring, Seed, "relinearization", 3, 0),
                     CommonReferenceString.Sample(ring, Seed, "public-key", 4, 0),
                     CommonReferenceString.Sample(ring, Seed, "public-key", 3, 1),
                     CommonReferenceString.Sample(ring, otherSeed, "public-key", 3, 0),
                 })
        {
            var equal = reference.Residues.ToArray().Zip(other.Residues.ToArray()).Count(p => p.First == p.Second);
            Assert.True(equal < 3, $"{equal} residues coincide");
        }
    }

    [Fact]
    public void A_seed_of_the_wrong_length_is_refused() =>
        Assert.Throws<ArgumentException>(() => CommonReferenceString.Stream(new byte[31], "public-key", 0, 0));

    [Fact]
    public void The_stream_is_one_XOF_output_however_it_is_read()
    {
        var whole = new byte[10_000];
        CommonReferenceString.Stream(Seed, "p", 0, 0, 16).Fill(whole);
        var pieces = new byte[10_000];
        var stream = CommonReferenceString.Stream(Seed, "p", 0, 0, 16);
        stream.Fill(pieces.AsSpan(0, 10));
        stream.Fill(pieces.AsSpan(10, 5000));
        stream.Fill(pieces.AsSpan(5010));
        Assert.Equal(whole, pieces);
    }
}
