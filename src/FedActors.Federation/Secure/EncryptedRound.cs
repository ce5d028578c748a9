using System.Diagnostics;
using FedActors.Crypto.Envelope;
using FedActors.Crypto.Rlwe;
using FedActors.Federation.Protocol;
using Google.Protobuf;

namespace FedActors.Federation.Secure;

/// <summary>
/// The Coordinator's view of one secure-sum round: the encrypted sum of the accepted contributions (added as they
/// arrive; modular addition, so the order does not matter), the signed manifest and decryption request built at close,
/// the sealed shares of the active set, and the model hashes the clients report. It holds ciphertexts and sealed bytes
/// only: no secret material and no plaintext update ever passes through it.
/// </summary>
public sealed class EncryptedRound
{
    private readonly CiphertextCodec _codec;
    private readonly Evaluator _evaluator;
    private readonly int _ciphertexts;
    private readonly SortedDictionary<string, Contribution> _accepted = new(StringComparer.Ordinal);
    private readonly SortedDictionary<uint, Protocol.DecryptionShare> _shares = [];
    private readonly Dictionary<string, ByteString> _hashes = new(StringComparer.Ordinal);
    private Ciphertext[]? _sum;
    private uint[] _activeSet = [];

    /// <summary>Starts a round whose contributions each hold <paramref name="ciphertextsPerContribution"/> ciphertexts.</summary>
    public EncryptedRound(CiphertextCodec codec, int ciphertextsPerContribution)
    {
        ArgumentNullException.ThrowIfNull(codec);
        ArgumentOutOfRangeException.ThrowIfLessThan(ciphertextsPerContribution, 1);
        _codec = codec;
        _evaluator = new Evaluator(codec.Parameters.Rlwe);
        _ciphertexts = ciphertextsPerContribution;
    }

    /// <summary>Accepted contributions, by client id.</summary>
    public IReadOnlyCollection<Contribution> Accepted => _accepted.Values;

    /// <summary>True when a contribution of <paramref name="clientId"/> was accepted.</summary>
    public bool HasAccepted(string clientId) => _accepted.ContainsKey(clientId);

    /// <summary>Seconds spent loading and adding ciphertexts.</summary>
    public double AggregationSeconds { get; private set; }

    /// <summary>Bytes of the accepted contributions' ciphertexts.</summary>
    public long ContributionBytes { get; private set; }

    /// <summary>The active set the decryption was asked of (party ids, increasing).</summary>
    public IReadOnlyList<uint> ActiveSet => _activeSet;

    /// <summary>
    /// Loads <paramref name="contribution"/>'s ciphertexts and adds them into the sum; returns null, or the rejection
    /// reason <c>malformed</c> (wrong count, not a ciphertext of this parameter set) or <c>capacity</c> (the sum would
    /// exceed what the parameters decrypt correctly).
    /// </summary>
    public string? TryAdd(Contribution contribution)
    {
        ArgumentNullException.ThrowIfNull(contribution);
        var clock = Stopwatch.StartNew();
        try
        {
            if (contribution.Ciphertexts.Count != _ciphertexts)
            {
                return "malformed";
            }
            // Loading validates every coefficient: the ciphertexts load (and below add) independently, on every core.
            var wires = contribution.Ciphertexts;
            var loaded = new Ciphertext[wires.Count];
            var malformed = false;
            Parallel.For(0, wires.Count, (k, loop) =>
            {
                try
                {
                    loaded[k] = _codec.Read(wires[k]);
                }
                catch (CryptoFormatException)
                {
                    malformed = true;
                    loop.Stop();
                }
            });
            if (malformed)
            {
                return "malformed";
            }
            if (_sum is null)
            {
                _sum = loaded;
            }
            else
            {
                if (loaded.Where((c, k) => !_evaluator.FitsCapacity(_sum[k].MessageBound + c.MessageBound, _sum[k].Noise.Plus(c.Noise), Math.Min(_sum[k].Level, c.Level))).Any())
                {
                    return "capacity";
                }
                var sum = _sum;
                Parallel.For(0, loaded.Length, k => _evaluator.AddInPlace(sum[k], loaded[k]));
            }
            _accepted[contribution.ClientId] = contribution;
            ContributionBytes += contribution.Ciphertexts.Sum(c => (long)c.Length);
            return null;
        }
        finally
        {
            AggregationSeconds += clock.Elapsed.TotalSeconds;
        }
    }

    /// <summary>
    /// Builds the decryption request of the summed aggregate for <paramref name="activeSet"/>: the manifest of accepted
    /// contributions (client id order) signed with <paramref name="coordinatorKey"/>, the aggregate's c1 components and,
    /// when <paramref name="includeContributions"/>, every listed contribution's ciphertexts for verify-aggregate.
    /// </summary>
    /// <exception cref="InvalidOperationException">No contribution was accepted.</exception>
    public DecryptionRequest BuildRequest(RoundId round, EcKeyPair coordinatorKey, IEnumerable<uint> activeSet, bool includeContributions)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(coordinatorKey);
        ArgumentNullException.ThrowIfNull(activeSet);
        var sum = _sum ?? throw new InvalidOperationException("A decryption request needs at least one accepted contribution.");
        _activeSet = [.. activeSet.Order()];
        var request = new DecryptionRequest { Manifest = new SignedManifest { Round = round } };
        request.AggregateC1.Add(sum.Select(_codec.WriteC1));
        foreach (var contribution in _accepted.Values)
        {
            request.Manifest.Entries.Add(new ManifestEntry { ClientId = contribution.ClientId, CiphertextHash = contribution.CiphertextHash, Signature = contribution.Signature });
            if (includeContributions)
            {
                request.Contributions.Add(contribution.Ciphertexts);
            }
        }
        request.Manifest.AggregateHash = ByteString.CopyFrom(ContributionSignature.HashCiphertexts(request.AggregateC1));
        ManifestSignature.Sign(request.Manifest, coordinatorKey);
        request.ActiveSet.Add(_activeSet);
        return request;
    }

    /// <summary>Records a key holder's sealed share; returns true once every member of the active set has answered.</summary>
    public bool AddShare(Protocol.DecryptionShare share)
    {
        ArgumentNullException.ThrowIfNull(share);
        if (Array.IndexOf(_activeSet, share.PartyId) >= 0)
        {
            _shares[share.PartyId] = share;
        }
        return _shares.Count == _activeSet.Length;
    }

    /// <summary>Members of the active set that have not answered yet.</summary>
    public IEnumerable<uint> MissingHolders => _activeSet.Where(p => !_shares.ContainsKey(p));

    /// <summary>Seconds the slowest key holder reported for its shares.</summary>
    public double SlowestShareSeconds => _shares.Values.Select(s => s.Seconds).DefaultIfEmpty(0).Max();

    /// <summary>The result every contributor combines: the aggregate ciphertexts, the sealed shares and the contributors.</summary>
    public AggregateResult BuildResult(RoundId round)
    {
        var result = new AggregateResult { Round = round, Contributions = (uint)_accepted.Count };
        result.AggregateCiphertexts.Add(_sum!.Select(_codec.Write));
        result.Shares.Add(_shares.Values);
        result.Contributors.Add(_accepted.Keys);
        return result;
    }

    /// <summary>Records a contributor's model hash; returns true once every contributor has reported.</summary>
    public bool AddHash(ModelHashReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (_accepted.ContainsKey(report.ClientId))
        {
            _hashes[report.ClientId] = report.ModelHash;
        }
        return _hashes.Count == _accepted.Count;
    }

    /// <summary>The reported model hashes, by client id.</summary>
    public IReadOnlyDictionary<string, ByteString> Hashes => _hashes;
}
