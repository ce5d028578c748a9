using FedActors.Crypto.Multiparty;
using FedActors.Crypto.Ring;

namespace FedActors.Crypto.Tests.Multiparty;

public sealed class CrsCeremonyTests
{
    private static readonly int[] Parties = [1, 2, 3, 4];

    private static (CrsCeremony Ceremony, CrsContribution[] Contributions) Committed(ulong epoch = 7, string label = "crs")
    {
        using var random = SeededRandomSource.FromLabel(label, (long)epoch);
        var ceremony = new CrsCeremony(TestRings.Tiny, epoch, Parties);
        var contributions = Parties.Select(p => CrsContribution.Create(TestRings.Tiny, epoch, p, random)).ToArray();
        foreach (var c in contributions)
        {
            ceremony.AddCommitment(CrsCommitment.FromBytes(TestRings.Tiny, c.Commit().ToBytes(TestRings.Tiny)));
        }
        return (ceremony, contributions);
    }

    [Fact]
    public void Honest_parties_agree_on_the_same_seed_whoever_computes_it()
    {
        var (first, contributions) = Committed();
        var (second, _) = Committed();
        foreach (var c in contributions.Reverse())
        {
            var reveal = CrsReveal.FromBytes(TestRings.Tiny, c.Reveal().ToBytes(TestRings.Tiny));
            Assert.True(first.AddReveal(reveal));
            Assert.True(second.AddReveal(reveal));
        }
        var seed = first.Complete();
        Assert.Equal(32, seed.Length);
        Assert.Equal(seed, second.Complete());
    }

    [Fact]
    public void The_seed_depends_on_every_contribution_and_on_the_epoch()
    {
        var seeds = new HashSet<string>();
        foreach (var (epoch, label) in new[] { (7UL, "a"), (7UL, "b"), (8UL, "a") })
        {
            var (ceremony, contributions) = Committed(epoch, label);
            foreach (var c in contributions)
            {
                ceremony.AddReveal(c.Reveal());
            }
            seeds.Add(Convert.ToHexString(ceremony.Complete()));
        }
        Assert.Equal(3, seeds.Count);
    }

    [Fact]
    public void A_reveal_that_does_not_match_its_commitment_names_the_party()
    {
        var (ceremony, contributions) = Committed();
        foreach (var c in contributions.Where(c => c.PartyId != 3))
        {
            Assert.True(ceremony.AddReveal(c.Reveal()));
        }
        var forged = contributions[2].Reveal().Value.ToArray();
        forged[0] ^= 1;
        Assert.False(ceremony.AddReveal(new CrsReveal(7, 3, forged)));
        var error = Assert.Throws<CrsCeremonyException>(() => ceremony.Complete());
        Assert.Equal([new CrsFault(3, CrsFailureReason.RevealMismatch)], error.Faults);
        Assert.Contains("party 3", error.Message);
    }

    [Fact]
    public void A_party_that_does_not_reveal_is_named()
    {
        var (ceremony, contributions) = Committed();
        foreach (var c in contributions.Where(c => c.PartyId != 2))
        {
            ceremony.AddReveal(c.Reveal());
        }
        var error = Assert.Throws<CrsCeremonyException>(() => ceremony.Complete());
        Assert.Equal([new CrsFault(2, CrsFailureReason.MissingReveal)], error.Faults);
    }

    [Fact]
    public void Reveals_are_refused_until_every_party_has_committed_and_missing_commitments_are_named()
    {
        using var random = SeededRandomSource.FromLabel("crs-missing", 1);
        var ceremony = new CrsCeremony(TestRings.Tiny, 1, Parties);
        var contributions = Parties.Select(p => CrsContribution.Create(TestRings.Tiny, 1, p, random)).ToArray();
        ceremony.AddCommitment(contributions[0].Commit());
        Assert.Throws<InvalidOperationException>(() => ceremony.AddReveal(contributions[0].Reveal()));
        var error = Assert.Throws<CrsCeremonyException>(() => ceremony.Complete());
        Assert.Equal([2, 3, 4], error.Faults.Where(f => f.Reason == CrsFailureReason.MissingCommitment).Select(f => f.PartyId));
    }

    [Fact]
    public void Commitments_from_strangers_other_epochs_or_twice_are_refused()
    {
        var (ceremony, contributions) = Committed();
        Assert.Throws<ArgumentException>(() => ceremony.AddCommitment(contributions[0].Commit()));
        using var stranger = CrsContribution.Create(TestRings.Tiny, 7, 99);
        Assert.Throws<ArgumentException>(() => ceremony.AddCommitment(stranger.Commit()));
        using var otherEpoch = CrsContribution.Create(TestRings.Tiny, 8, 1);
        Assert.Throws<ArgumentException>(() => ceremony.AddReveal(otherEpoch.Reveal()));
    }

    [Fact]
    public void Common_polynomials_differ_across_epochs_and_purposes()
    {
        var seed = new byte[32];
        var ring = TestRings.Tiny.RingQP;
        var protocol = new PublicKeyGenProtocol(TestRings.Tiny);
        var a1 = protocol.SampleCrp(seed, 1);
        Assert.True(a1.ContentEquals(protocol.SampleCrp(seed, 1)));
        Assert.False(a1.ContentEquals(protocol.SampleCrp(seed, 2)));
        Assert.False(a1.ContentEquals(CommonReferenceString.Sample(ring, seed, "another-purpose", 1, 0)));
    }
}
