using FedActors.Crypto.Envelope;
using FedActors.Federation.Client;
using FedActors.Federation.Protocol;
using FedActors.Federation.Secure;
using FedActors.Federation.Simulation;
using FedActors.Learning;
using FedActors.Learning.Data;
using FedActors.Learning.Models;
using FedActors.Learning.Training;
using Google.Protobuf;

namespace FedActors.Federation.Tests.Secure;

public sealed class KeyHolderTests : IClassFixture<KeyedCommittee>, IDisposable
{
    private readonly KeyedCommittee _committee;
    private readonly TrainerPool _pool = new(1, new LearningSettings().CreateGemm());

    public KeyHolderTests(KeyedCommittee committee)
    {
        _committee = committee;
        _committee.VerifyOnce = (_, verify) => verify();
    }

    /// <summary>A simulated node whose <c>VerifyOnce</c> the committee's holders share from now on.</summary>
    private SimulationNode SharedNode()
    {
        var data = FedProxSynthetic.Generate(1, 1, 2, 3);
        var spec = ModelSpec.Named("logreg", data.Train.SampleShape, data.Train.Classes);
        var node = new SimulationNode(data, data.NaturalPartition!, spec, _pool, new TrainingOptions(), spec.InitializeParameters(3));
        _committee.VerifyOnce = node.VerifyOnce;
        return node;
    }

    /// <summary>The byte-identical copy a holder receives when messages are serialized.</summary>
    private static DecryptionRequest Copy(DecryptionRequest request) => DecryptionRequest.Parser.ParseFrom(request.ToByteArray());

    /// <summary>The isolation attack with a valid manifest: the listed contributions, one client's ciphertext to decrypt.</summary>
    private DecryptionRequest Isolating(RoundId id, Contribution[] contributions, params uint[] active)
    {
        var request = _committee.Sum(contributions).BuildRequest(id, _committee.CoordinatorKey, active, includeContributions: true);
        var single = _committee.Sum(contributions.Take(1)).BuildRequest(id, _committee.CoordinatorKey, active, includeContributions: false);
        request.AggregateC1.Clear();
        request.AggregateC1.Add(single.AggregateC1);
        request.Manifest.AggregateHash = ByteString.CopyFrom(ContributionSignature.HashCiphertexts(request.AggregateC1));
        ManifestSignature.Sign(request.Manifest, _committee.CoordinatorKey);
        return request;
    }

    public void Dispose()
    {
        _committee.VerifyOnce = (_, verify) => verify();
        _pool.Dispose();
    }

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
        var (id, contributions) = Contributions(4, 3);
        Assert.Equal(KeyHolder.AggregateMismatch, Refusal(Answer(1, Isolating(id, contributions, 1, 2, 3))));
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

    [Fact]
    public void Holders_of_one_node_verify_a_request_once_and_each_answers_with_a_share_that_decrypts_the_exact_sum()
    {
        var node = SharedNode();
        var (id, contributions) = Contributions(11, 4);
        var encrypted = _committee.Sum(contributions);
        var request = encrypted.BuildRequest(id, _committee.CoordinatorKey, [1, 3, 4], includeContributions: true);
        foreach (var party in new[] { 1, 3, 4 })
        {
            encrypted.AddShare(Assert.IsType<DecryptionShare>(Answer(party, Copy(request))));
        }

        Assert.Equal(1, node.Verifications);
        var sum = new AggregateDecryption(_committee.Settings).DecryptSum(encrypted.BuildResult(id), _committee.Epochs[4], 11);
        var exact = Enumerable.Range(0, 11).Select(i => Enumerable.Range(0, 4).Sum(c => Vector(c)[i])).ToArray();
        Assert.All(sum.Zip(exact), p => Assert.True(Math.Abs(p.First - p.Second) < 1e-6, $"{p.First} vs {p.Second}"));
    }

    [Fact]
    public void A_failed_verification_is_not_shared_and_every_holder_of_the_node_refuses_on_its_own_check()
    {
        var node = SharedNode();
        var (id, contributions) = Contributions(12, 3);
        var request = Isolating(id, contributions, 1, 2, 3);

        Assert.All(new[] { 1, 2, 3 }, party => Assert.Equal(KeyHolder.AggregateMismatch, Refusal(Answer(party, Copy(request)))));
        Assert.Equal(3, node.Verifications);
    }

    [Fact]
    public void After_a_sibling_verified_a_request_a_holder_still_refuses_a_bad_manifest_a_forged_aggregate_or_a_bad_active_set()
    {
        var node = SharedNode();
        var (id, contributions) = Contributions(13, 3);
        var request = _committee.Sum(contributions).BuildRequest(id, _committee.CoordinatorKey, [1, 2, 3], includeContributions: true);
        Assert.IsType<DecryptionShare>(Answer(1, Copy(request)));

        var impostorSigned = Copy(request);
        using (var impostor = EcKeyPair.Generate())
        {
            ManifestSignature.Sign(impostorSigned.Manifest, impostor);
        }
        Assert.Equal(KeyHolder.BadManifestSignature, Refusal(Answer(2, impostorSigned)));

        var wrongAggregate = Copy(request);
        wrongAggregate.AggregateC1[0] = Isolating(id, contributions, 1, 2, 3).AggregateC1[0];
        Assert.Equal(KeyHolder.AggregateMismatch, Refusal(Answer(2, wrongAggregate)));

        Assert.Equal(KeyHolder.AggregateMismatch, Refusal(Answer(2, Isolating(id, contributions, 1, 2, 3))));
        Assert.Equal(KeyHolder.BadActiveSet, Refusal(Answer(4, Copy(request))));

        // Only the isolation request with its own valid manifest reached a second check; the sibling's success still stands.
        Assert.Equal(2, node.Verifications);
        Assert.IsType<DecryptionShare>(Answer(2, Copy(request)));
        Assert.Equal(2, node.Verifications);
    }

    [Fact]
    public void The_statement_digest_names_the_manifest_aggregate_count_and_active_set_and_not_the_copy_of_the_witness()
    {
        var (id, contributions) = Contributions(14, 3);
        var request = _committee.Sum(contributions).BuildRequest(id, _committee.CoordinatorKey, [1, 2, 3], includeContributions: true);
        var name = _committee.Settings.Parameters.Name;
        var digest = KeyHolder.AggregateStatement(name, request);

        Assert.Equal(digest, KeyHolder.AggregateStatement(name, Copy(request)));
        var otherSet = Copy(request);
        otherSet.ActiveSet[2] = 4;
        var otherManifest = Copy(request);
        otherManifest.Manifest.Entries.RemoveAt(2);
        var moreCiphertexts = Copy(request);
        moreCiphertexts.AggregateC1.Add(moreCiphertexts.AggregateC1[0]);
        var withoutWitness = Copy(request);
        withoutWitness.Contributions.Clear();
        Assert.NotEqual(digest, KeyHolder.AggregateStatement(name, otherSet));
        Assert.NotEqual(digest, KeyHolder.AggregateStatement(name, otherManifest));
        Assert.NotEqual(digest, KeyHolder.AggregateStatement(name, moreCiphertexts));
        Assert.NotEqual(digest, KeyHolder.AggregateStatement("another-set", request));
        Assert.Equal(digest, KeyHolder.AggregateStatement(name, withoutWitness));
    }
}
