using FedActors.Federation.Protocol;
using FedActors.Federation.Secure;
using Google.Protobuf;

namespace FedActors.Federation.Tests.Secure;

public sealed class EncryptedRoundTests : IClassFixture<KeyedCommittee>
{
    private readonly KeyedCommittee _committee;

    public EncryptedRoundTests(KeyedCommittee committee) => _committee = committee;

    [Fact]
    public void A_contribution_with_the_wrong_number_of_ciphertexts_is_malformed()
    {
        var contribution = _committee.Contribute(KeyedCommittee.Round(20), 0, new double[5000]);
        Assert.Equal("malformed", new EncryptedRound(_committee.Codec, 1).TryAdd(contribution));
    }

    [Fact]
    public void Random_or_mutated_ciphertext_bytes_are_rejected_as_malformed_and_never_added()
    {
        var valid = _committee.Contribute(KeyedCommittee.Round(21), 1, [1, 2, 3]).Ciphertexts[0].ToByteArray();
        var random = new Random(17);
        for (var trial = 0; trial < 300; trial++)
        {
            var bytes = (trial % 3) switch
            {
                0 => Mutate(valid, random),
                1 => valid[..random.Next(1, valid.Length)],
                _ => Enumerable.Range(0, random.Next(0, 400)).Select(_ => (byte)random.Next(256)).ToArray(),
            };
            var round = new EncryptedRound(_committee.Codec, 1);
            var contribution = new Contribution { ClientId = "client-0001" };
            contribution.Ciphertexts.Add(ByteString.CopyFrom(bytes));
            var reason = round.TryAdd(contribution);
            // A flip inside a coefficient that stays below its prime is still a ciphertext (of another message); it then adds like any other.
            Assert.True(reason == "malformed" ? round.Accepted.Count == 0 : reason is null && round.Accepted.Count == 1, $"trial {trial}: {reason}");
        }
    }

    private static byte[] Mutate(byte[] valid, Random random)
    {
        var bytes = (byte[])valid.Clone();
        for (var flips = random.Next(1, 5); flips > 0; flips--)
        {
            bytes[random.Next(bytes.Length)] ^= (byte)random.Next(1, 256);
        }
        return bytes;
    }

    [Fact]
    public void The_request_lists_the_accepted_contributions_in_client_order_with_the_aggregate_hash_and_the_coordinators_signature()
    {
        var id = KeyedCommittee.Round(22);
        var round = _committee.Sum([_committee.Contribute(id, 2, [1]), _committee.Contribute(id, 0, [2])]);

        var request = round.BuildRequest(id, _committee.CoordinatorKey, [3, 1, 2], includeContributions: true);

        Assert.Equal(["client-0000", "client-0002"], request.Manifest.Entries.Select(e => e.ClientId));
        Assert.Equal([1u, 2u, 3u], request.ActiveSet);
        Assert.Equal(2, request.Contributions.Count);
        Assert.Equal(ContributionSignature.HashCiphertexts(request.AggregateC1), request.Manifest.AggregateHash.ToByteArray());
        Assert.True(ManifestSignature.Verify(request.Manifest, _committee.CoordinatorKey.PublicKey));
        Assert.True(_committee.Codec.Read(request.AggregateC1[0]).C0.Residues.ToArray().All(r => r == 0), "key holders receive c1 only");
    }
}
