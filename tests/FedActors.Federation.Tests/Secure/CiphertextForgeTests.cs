using FedActors.Federation.Client.Adversaries;
using FedActors.Federation.Protocol;

namespace FedActors.Federation.Tests.Secure;

/// <summary>What a replay attacker makes of another client's ciphertext, checked against the Coordinator's own checks.</summary>
public sealed class CiphertextForgeTests(KeyedCommittee committee) : IClassFixture<KeyedCommittee>
{
    private readonly KeyedCommittee _committee = committee;

    private CiphertextForge Forge() =>
        new(_committee.Codec, _committee.CollectiveKey, _committee.Identities[0], _committee.Ids[0], _committee.Settings, oracle: null);

    [Fact]
    public void A_verbatim_copy_is_signed_by_the_attacker_and_keeps_the_original_ciphertext_hash()
    {
        var round = KeyedCommittee.Round(1);
        var original = _committee.Contribute(round, 1, [1.0, 2.0, 3.0]);

        var copy = Forge().Verbatim(round, original);

        Assert.Equal(_committee.Ids[0], copy.ClientId);
        Assert.Equal(original.CiphertextHash, copy.CiphertextHash);
        Assert.True(ContributionSignature.Verify(copy, _committee.Identities[0].PublicKey));
    }

    [Fact]
    public void A_rerandomized_copy_has_new_bytes_a_valid_signature_and_is_added_like_a_fresh_contribution()
    {
        var round = KeyedCommittee.Round(2);
        var original = _committee.Contribute(round, 1, [1.0, 2.0, 3.0]);

        var copy = Forge().Rerandomized(round, original);

        Assert.NotEqual(original.CiphertextHash, copy.CiphertextHash);
        Assert.True(ContributionSignature.Verify(copy, _committee.Identities[0].PublicKey));
        var sum = _committee.Sum([original, copy, _committee.Contribute(round, 2, [0.5, 0.5, 0.5])]);
        Assert.Equal(3, sum.Accepted.Count);
    }
}
