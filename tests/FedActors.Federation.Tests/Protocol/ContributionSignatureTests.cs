using FedActors.Crypto.Envelope;
using FedActors.Federation.Protocol;
using Google.Protobuf;

namespace FedActors.Federation.Tests.Protocol;

public sealed class ContributionSignatureTests : IDisposable
{
    private readonly EcKeyPair _client = EcKeyPair.Generate();
    private readonly EcKeyPair _other = EcKeyPair.Generate();

    private static RoundId Round(uint round = 3, string run = "run-1") => new()
    {
        RunId = run,
        Epoch = 1,
        Round = round,
        Nonce = ByteString.CopyFrom(1, 2, 3, 4),
    };

    private Contribution Signed()
    {
        var contribution = new Contribution { Round = Round(), ClientId = "c1", Ciphertexts = { ByteString.CopyFrom(9, 8, 7), ByteString.CopyFrom(6) } };
        ContributionSignature.Sign(contribution, _client);
        return contribution;
    }

    [Fact]
    public void A_signed_contribution_verifies_under_its_clients_key_only()
    {
        var contribution = Signed();
        Assert.True(ContributionSignature.Verify(contribution, _client.PublicKey));
        Assert.False(ContributionSignature.Verify(contribution, _other.PublicKey));
    }

    [Fact]
    public void Changing_the_ciphertexts_round_run_nonce_or_client_breaks_the_signature()
    {
        var changes = new Action<Contribution>[]
        {
            c => c.Ciphertexts[0] = ByteString.CopyFrom(9, 8, 6),
            c => c.Round = Round(round: 4),
            c => c.Round = Round(run: "run-2"),
            c => c.Round.Nonce = ByteString.CopyFrom(1, 2, 3, 5),
            c => c.ClientId = "c2",
            c => c.Ciphertexts.Add(ByteString.Empty),
        };
        foreach (var change in changes)
        {
            var contribution = Signed();
            change(contribution);
            Assert.False(ContributionSignature.Verify(contribution, _client.PublicKey));
        }
    }

    [Fact]
    public void Moving_bytes_between_ciphertexts_changes_the_hash()
    {
        Assert.NotEqual(
            ContributionSignature.HashCiphertexts([ByteString.CopyFrom(1, 2), ByteString.CopyFrom(3)]),
            ContributionSignature.HashCiphertexts([ByteString.CopyFrom(1), ByteString.CopyFrom(2, 3)]));
    }

    [Fact]
    public void A_plaintext_contribution_signature_covers_update_and_sample_count()
    {
        var contribution = new PlaintextContribution { Round = Round(), ClientId = "c1", Update = { 1f, 2f }, SampleCount = 10 };
        ContributionSignature.Sign(contribution, _client);
        Assert.True(ContributionSignature.Verify(contribution, _client.PublicKey));
        var inflated = contribution.Clone();
        inflated.SampleCount = 1000;
        Assert.False(ContributionSignature.Verify(inflated, _client.PublicKey));
        var flipped = contribution.Clone();
        flipped.Update[1] = -2f;
        Assert.False(ContributionSignature.Verify(flipped, _client.PublicKey));
    }

    public void Dispose()
    {
        _client.Dispose();
        _other.Dispose();
    }
}
