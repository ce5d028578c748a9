using FedActors.Crypto.Envelope;
using FedActors.Federation.Client;
using FedActors.Federation.Protocol;
using FedActors.Federation.Secure;
using Google.Protobuf;

namespace FedActors.Federation.Tests.Secure;

public sealed class KeyHolderTests : IClassFixture<KeyedCommittee>
{
    private readonly KeyedCommittee _committee;

    public KeyHolderTests(KeyedCommittee committee) => _committee = committee;

    private static double[] Vector(int client) => Enumerable.Range(0, 10).Select(i => (client + 1) * (i - 4.5) / 3.0).Append(client + 1.0).ToArray();

    private (RoundId Round, Contribution[] Contributions) Contributions(uint round, int count)
    {
        var id = KeyedCommittee.Round(round);
        return (id, Enumerable.Range(0, count).Select(c => _committee.Contribute(id, c, Vector(c))).ToArray());
    }

    private DecryptionRequest Request(uint round, int contributions, params uint[] active)
    {
        var (id, list) = Contributions(round, contributions);
        return _committee.Sum(list).BuildRequest(id, _committee.CoordinatorKey, active, includeContributions: true);
    }

    private IMessage Answer(int party, DecryptionRequest request) => _committee.Holders[party - 1].Answer(request, _committee.Epochs[party - 1]);

    private static string Refusal(IMessage answer) => Assert.IsType<DecryptionRefused>(answer).Reason;

    [Fact]
    public void The_active_set_answers_a_valid_request_and_a_contributor_decrypts_the_exact_sum_from_the_sealed_shares()
    {
        var (id, contributions) = Contributions(1, 4);
        var encrypted = _committee.Sum(contributions);
        var request = encrypted.BuildRequest(id, _committee.CoordinatorKey, [1, 2, 4], includeContributions: true);
        foreach (var party in new[] { 1, 2, 4 })
        {
            var share = Assert.IsType<DecryptionShare>(Answer(party, request));
            Assert.Equal((uint)party, share.PartyId);
            encrypted.AddShare(share);
        }

        var sum = new AggregateDecryption(_committee.Settings).DecryptSum(encrypted.BuildResult(id), _committee.Epochs[4], 11);

        var exact = Enumerable.Range(0, 11).Select(i => Enumerable.Range(0, 4).Sum(c => Vector(c)[i])).ToArray();
        Assert.All(sum.Zip(exact), p => Assert.True(Math.Abs(p.First - p.Second) < 1e-6, $"{p.First} vs {p.Second}"));
    }

    [Fact]
    public void Sealed_shares_do_not_open_without_the_epochs_group_key()
    {
        var (id, contributions) = Contributions(2, 3);
        var encrypted = _committee.Sum(contributions);
        var request = encrypted.BuildRequest(id, _committee.CoordinatorKey, [1, 2, 3], includeContributions: true);
        foreach (var party in new[] { 1, 2, 3 })
        {
            encrypted.AddShare(Assert.IsType<DecryptionShare>(Answer(party, request)));
        }
        using var otherKey = SymmetricKey.Generate();
        var sealedShare = encrypted.BuildResult(id).Shares[0].SealedShare.ToByteArray();
        Assert.Throws<EnvelopeException>(() => otherKey.Decrypt(sealedShare, SecureContexts.DecryptionShares(id, 1)));
    }

    [Fact]
    public void A_manifest_with_fewer_than_min_contributions_signatures_is_refused()
    {
        Assert.Equal(KeyHolder.TooFewSignatures, Refusal(Answer(1, Request(3, 2, 1, 2, 3))));
    }

    [Fact]
    public void An_aggregate_that_is_not_the_sum_of_the_listed_contributions_is_refused_with_verify_aggregate()
    {
        // The isolation attack with a valid manifest: three signed contributions listed, one client's ciphertext to decrypt.
        var (id, contributions) = Contributions(4, 3);
        var request = _committee.Sum(contributions).BuildRequest(id, _committee.CoordinatorKey, [1, 2, 3], includeContributions: true);
        var single = _committee.Sum(contributions.Take(1)).BuildRequest(id, _committee.CoordinatorKey, [1, 2, 3], includeContributions: false);
        request.AggregateC1.Clear();
        request.AggregateC1.Add(single.AggregateC1);
        request.Manifest.AggregateHash = ByteString.CopyFrom(ContributionSignature.HashCiphertexts(request.AggregateC1));
        ManifestSignature.Sign(request.Manifest, _committee.CoordinatorKey);

        Assert.Equal(KeyHolder.AggregateMismatch, Refusal(Answer(1, request)));
    }

    [Fact]
    public void A_second_request_for_the_same_ciphertext_is_refused_even_with_another_active_set()
    {
        var (id, contributions) = Contributions(5, 3);
        var encrypted = _committee.Sum(contributions);
        Assert.IsType<DecryptionShare>(Answer(2, encrypted.BuildRequest(id, _committee.CoordinatorKey, [1, 2, 3], includeContributions: true)));

        var again = encrypted.BuildRequest(id, _committee.CoordinatorKey, [2, 3, 4], includeContributions: true);

        Assert.Equal(KeyHolder.AlreadyAnswered, Refusal(Answer(2, again)));
    }

    [Fact]
    public void A_manifest_not_signed_by_the_coordinator_is_refused()
    {
        var request = Request(6, 3, 1, 2, 3);
        using var impostor = EcKeyPair.Generate();
        ManifestSignature.Sign(request.Manifest, impostor);
        Assert.Equal(KeyHolder.BadManifestSignature, Refusal(Answer(1, request)));
    }

    [Fact]
    public void A_manifest_entry_whose_client_signature_does_not_verify_is_refused()
    {
        var request = Request(7, 3, 1, 2, 3);
        var forged = request.Manifest.Entries[1].Signature.ToByteArray();
        forged[5] ^= 1;
        request.Manifest.Entries[1].Signature = ByteString.CopyFrom(forged);
        ManifestSignature.Sign(request.Manifest, _committee.CoordinatorKey);
        Assert.Equal(KeyHolder.InvalidEntry, Refusal(Answer(1, request)));
    }

    [Fact]
    public void An_active_set_without_the_holder_or_of_the_wrong_size_is_refused()
    {
        Assert.Equal(KeyHolder.BadActiveSet, Refusal(Answer(1, Request(8, 3, 2, 3, 4))));
        Assert.Equal(KeyHolder.BadActiveSet, Refusal(Answer(1, Request(9, 3, 1, 2))));
    }

    [Fact]
    public void A_request_of_another_epoch_is_refused()
    {
        var request = Request(10, 3, 1, 2, 3);
        request.Manifest.Round.Epoch = 2;
        ManifestSignature.Sign(request.Manifest, _committee.CoordinatorKey);
        Assert.Equal(KeyHolder.WrongEpoch, Refusal(Answer(1, request)));
    }
}
