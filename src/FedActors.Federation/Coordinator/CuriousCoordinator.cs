using FedActors.Crypto.Envelope;
using FedActors.Crypto.Rlwe;
using FedActors.Federation.Protocol;
using FedActors.Federation.Scenarios;
using FedActors.Federation.Secure;
using Google.Protobuf;

namespace FedActors.Federation.Coordinator;

/// <summary>
/// The <c>curious-coordinator</c> attack (SCENARIOS.md) as an option of the Coordinator's secure coordination: in each
/// round of the attack's window, once the round is closed and before the honest decryption request, the Coordinator
/// asks the round's active set to decrypt aggregates that isolate contributions. <c>single-client</c> isolates the
/// first accepted contribution (client-id order), <c>small-aggregate</c> the sum of the first
/// <c>min-contributions − 1</c>. Each isolation is asked twice, with a correctly signed manifest: once listing only the
/// isolated contributions (<see cref="ShortManifest"/>: honest key holders refuse with <c>too-few-signatures</c>) and
/// once listing every accepted contribution while the aggregate is the isolated sum (<see cref="FullManifest"/>:
/// refused with <c>aggregate-mismatch</c> when <c>crypto.verify-aggregate = on</c>). The honest round is not changed:
/// refused requests leave no trace in a key holder, and the honest request follows as without the attack.
/// </summary>
public sealed class CuriousCoordinator
{
    /// <summary>The variant whose manifest lists only the isolated contributions.</summary>
    public const string ShortManifest = "short-manifest";

    /// <summary>The variant whose manifest lists every accepted contribution while the aggregate is the isolated sum.</summary>
    public const string FullManifest = "full-manifest";

    private readonly CuriousCoordinatorAttack _attack;
    private readonly int _rounds;
    private readonly SecureSettings _settings;
    private readonly CiphertextCodec _codec;
    private readonly Evaluator _evaluator;

    /// <summary>Creates the attack of <paramref name="attack"/> in a run of <paramref name="rounds"/> rounds with <paramref name="settings"/>.</summary>
    public CuriousCoordinator(CuriousCoordinatorAttack attack, int rounds, SecureSettings settings)
    {
        ArgumentNullException.ThrowIfNull(attack);
        ArgumentNullException.ThrowIfNull(settings);
        _attack = attack;
        _rounds = rounds;
        _settings = settings;
        _codec = new CiphertextCodec(settings.Parameters);
        _evaluator = new Evaluator(settings.Parameters.Rlwe);
    }

    /// <summary><c>single-client</c> or <c>small-aggregate</c>.</summary>
    public string Mode => _attack.Mode;

    /// <summary>True when the attack's window covers <paramref name="round"/>.</summary>
    public bool IsActive(uint round) => _attack.Window.IsActive((int)round, _rounds);

    /// <summary>
    /// The isolation requests of a round whose accepted contributions are <paramref name="accepted"/> (client-id order),
    /// for <paramref name="activeSet"/>, signed with <paramref name="coordinatorKey"/>; with
    /// <paramref name="includeContributions"/> (verify-aggregate) each carries its manifest's ciphertexts. Empty when
    /// there is nothing to isolate (no contribution, or <c>small-aggregate</c> with <c>min-contributions</c> = 1).
    /// </summary>
    public IReadOnlyList<IsolationRequest> BuildRequests(
        IReadOnlyCollection<Contribution> accepted, RoundId round, EcKeyPair coordinatorKey, IReadOnlyList<uint> activeSet, bool includeContributions)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(coordinatorKey);
        ArgumentNullException.ThrowIfNull(activeSet);
        var size = Mode == "single-client" ? 1 : _settings.MinContributions - 1;
        if (size < 1 || accepted.Count == 0)
        {
            return [];
        }
        var all = accepted.ToArray();
        var isolated = all.Take(size).ToArray();
        var aggregate = Sum(isolated);
        return
        [
            new IsolationRequest(ShortManifest, isolated.Select(c => c.ClientId).ToArray(), Request(isolated, aggregate, round, coordinatorKey, activeSet, includeContributions)),
            new IsolationRequest(FullManifest, isolated.Select(c => c.ClientId).ToArray(), Request(all, aggregate, round, coordinatorKey, activeSet, includeContributions)),
        ];
    }

    private ByteString[] Sum(IReadOnlyList<Contribution> contributions)
    {
        var sum = contributions[0].Ciphertexts.Select(_codec.Read).ToArray();
        foreach (var contribution in contributions.Skip(1))
        {
            for (var k = 0; k < sum.Length; k++)
            {
                _evaluator.AddInPlace(sum[k], _codec.Read(contribution.Ciphertexts[k]));
            }
        }
        return sum.Select(_codec.WriteC1).ToArray();
    }

    private static DecryptionRequest Request(
        IEnumerable<Contribution> listed, ByteString[] aggregate, RoundId round, EcKeyPair coordinatorKey, IReadOnlyList<uint> activeSet, bool includeContributions)
    {
        var request = new DecryptionRequest { Manifest = new SignedManifest { Round = round } };
        request.AggregateC1.Add(aggregate);
        foreach (var contribution in listed)
        {
            request.Manifest.Entries.Add(new ManifestEntry { ClientId = contribution.ClientId, CiphertextHash = contribution.CiphertextHash, Signature = contribution.Signature });
            if (includeContributions)
            {
                request.Contributions.Add(contribution.Ciphertexts);
            }
        }
        request.Manifest.AggregateHash = ByteString.CopyFrom(ContributionSignature.HashCiphertexts(request.AggregateC1));
        ManifestSignature.Sign(request.Manifest, coordinatorKey);
        request.ActiveSet.Add(activeSet);
        return request;
    }
}
