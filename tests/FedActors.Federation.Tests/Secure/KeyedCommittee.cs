using FedActors.Crypto.Ckks;
using FedActors.Crypto.Envelope;
using FedActors.Crypto.Multiparty;
using FedActors.Crypto.Rlwe;
using FedActors.Federation.Client;
using FedActors.Federation.Protocol;
using FedActors.Federation.Secure;
using Google.Protobuf;

namespace FedActors.Federation.Tests.Secure;

/// <summary>
/// A keyed epoch without actors, shared by the key-holder tests: five clients, the first four on the committee
/// (t = 3, min-contributions = 3, verify-aggregate on), the ceremony's messages passed by hand as the KeyManager would.
/// </summary>
public sealed class KeyedCommittee : IDisposable
{
    public const string RunId = "run-keys";
    public const int Clients = 5;
    public const int CommitteeSize = 4;

    public KeyedCommittee()
    {
        Settings = new SecureSettings(
            CkksParameterSets.Get("aggregation-default"), FloodingSettings.Default, new CryptoRandomness(deterministic: false, seed: 1),
            Threshold: 3, SpareHolders: 1, CommitteeSize: CommitteeSize, RotateEvery: 0, MinContributions: 3, VerifyAggregate: true, EncryptionThreads: 1);
        Codec = new CiphertextCodec(Settings.Parameters);
        Ids = Enumerable.Range(0, Clients).Select(i => $"client-{i:D4}").ToArray();
        Identities = Ids.Select(_ => EcKeyPair.Generate()).ToArray();
        CoordinatorKey = EcKeyPair.Generate();
        Roster = Ids.Zip(Identities).ToDictionary(p => p.First, p => p.Second.PublicKey, StringComparer.Ordinal);
        Holders = Ids.Take(CommitteeSize).Select((id, i) => new KeyHolder(Settings, RunId, id, Identities[i], CoordinatorKey.PublicKey, Roster, (digest, verify) => VerifyOnce(digest, verify))).ToArray();
        var parameters = Settings.Parameters.Rlwe;

        var start = new KeyCeremonyStart { RunId = RunId, Epoch = 1, Threshold = 3, ParameterSet = Settings.Parameters.Name };
        start.Committee.Add(Ids.Take(CommitteeSize));
        var revealRequest = new CrsRevealRequest { Epoch = 1 };
        revealRequest.Commits.Add(Holders.Select(h => h.Begin(start)));
        var fixedCrs = new CrsFixed { Epoch = 1 };
        fixedCrs.Reveals.Add(Holders.Select(h => h.Reveal(revealRequest)));
        var publicKeyShares = Holders.Select(h => h.GenPublicKeyShare(fixedCrs)).ToArray();

        var ceremony = new CrsCeremony(parameters, 1, Enumerable.Range(1, CommitteeSize));
        foreach (var commit in revealRequest.Commits)
        {
            ceremony.AddCommitment(CrsCommitment.FromBytes(parameters, commit.Commitment.Span));
        }
        foreach (var reveal in fixedCrs.Reveals)
        {
            ceremony.AddReveal(Crypto.Multiparty.CrsReveal.FromBytes(parameters, reveal.SeedShare.Span));
        }
        var protocol = new PublicKeyGenProtocol(parameters);
        var crp = protocol.SampleCrp(ceremony.Complete(), 1);
        var aggregate = protocol.AllocateShare(1);
        foreach (var share in publicKeyShares)
        {
            protocol.AggregateShares(Crypto.Multiparty.PublicKeyShare.FromBytes(parameters, share.Share.Span), aggregate);
        }
        CollectiveKey = protocol.GenPublicKey(aggregate, crp);

        var deal = new ThresholdDealRequest { Epoch = 1 };
        deal.BoxPublicKeys.Add(publicKeyShares.Select(s => s.BoxPublicKey));
        var ready = Holders.SelectMany(h => h.Deal(deal)).ToArray().Select(s => Holders[s.ToParty - 1].Receive(s)).Count(r => r is not null);
        if (ready != CommitteeSize)
        {
            throw new InvalidOperationException($"{ready} of {CommitteeSize} holders finished the ceremony.");
        }
        var groupRequest = new GroupKeyRequest { Epoch = 1 };
        groupRequest.ClientIds.Add(Ids);
        groupRequest.IdentityKeys.Add(Identities.Select(k => ByteString.CopyFrom(k.PublicKey.ToUncompressedPoint())));
        var sealedKeys = Holders[0].DealGroupKey(groupRequest);
        Epochs = Ids.Select((id, i) =>
        {
            var keyed = new EpochKeyed { RunId = RunId, Epoch = 1, CollectivePublicKey = ByteString.CopyFrom(RlweSerializer.Serialize(CollectiveKey, parameters)), Threshold = 3, SealedGroupKey = sealedKeys.Sealed[i] };
            keyed.Committee.Add(Ids.Take(CommitteeSize));
            return EpochState.Open(keyed, Settings.Parameters, Identities[i], id);
        }).ToArray();
    }

    public SecureSettings Settings { get; }

    /// <summary>How the holders share verify-aggregate checks: by default each runs its own; a test may put a node's <c>VerifyOnce</c> here.</summary>
    public Func<byte[], Func<bool>, bool> VerifyOnce { get; set; } = (_, verify) => verify();

    public CiphertextCodec Codec { get; }

    public string[] Ids { get; }

    public EcKeyPair[] Identities { get; }

    public EcKeyPair CoordinatorKey { get; }

    public Dictionary<string, EcPublicKey> Roster { get; }

    public KeyHolder[] Holders { get; }

    public PublicKey CollectiveKey { get; }

    public EpochState[] Epochs { get; }

    public static RoundId Round(uint round) => new() { RunId = RunId, Epoch = 1, Round = round, Nonce = ByteString.CopyFrom(BitConverter.GetBytes(round * 7919UL)) };

    /// <summary>Client <paramref name="client"/>'s signed contribution of <paramref name="values"/> to <paramref name="round"/>.</summary>
    public Contribution Contribute(RoundId round, int client, double[] values)
    {
        var contribution = new Contribution { Round = round, ClientId = Ids[client] };
        contribution.Ciphertexts.Add(Codec.Encrypt(values, CollectiveKey, Settings.Randomness.For("encryption", Ids[client], round.Round), 1));
        ContributionSignature.Sign(contribution, Identities[client]);
        return contribution;
    }

    /// <summary>The Coordinator's encrypted round holding <paramref name="contributions"/>.</summary>
    public EncryptedRound Sum(IEnumerable<Contribution> contributions)
    {
        var round = new EncryptedRound(Codec, 1);
        foreach (var contribution in contributions)
        {
            if (round.TryAdd(contribution) is { } reason)
            {
                throw new InvalidOperationException($"contribution of {contribution.ClientId} rejected: {reason}");
            }
        }
        return round;
    }

    public void Dispose()
    {
        foreach (var disposable in Holders.Cast<IDisposable>().Concat(Epochs).Concat(Identities).Append(CoordinatorKey))
        {
            disposable.Dispose();
        }
    }
}
