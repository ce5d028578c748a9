using System.Security.Cryptography;
using FedActors.Crypto.Envelope;
using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Multiparty;

/// <summary>
/// Commit-then-reveal agreement on the CRS seed of an epoch among a fixed set of parties. Reveals are accepted only
/// once every party has committed, so no party can choose its value after seeing another's; the seed is SHA-256 over
/// every (party, value) pair in party order, so it is uniform as long as one party is honest. A party that does not
/// commit, does not reveal, or reveals a value that does not match its commitment is named in the
/// <see cref="CrsCeremonyException"/> that <see cref="Complete"/> throws. Not thread-safe (one KeyManager drives it).
/// </summary>
public sealed class CrsCeremony
{
    private readonly RlweParameters _parameters;
    private readonly int[] _parties;
    private readonly Dictionary<int, byte[]> _commitments = [];
    private readonly Dictionary<int, byte[]> _reveals = [];
    private readonly HashSet<int> _mismatched = [];

    /// <summary>Starts the ceremony of <paramref name="epoch"/> among <paramref name="parties"/> (distinct positive ids).</summary>
    /// <exception cref="ArgumentException">There are no parties, an id is not positive, or ids repeat.</exception>
    public CrsCeremony(RlweParameters parameters, ulong epoch, IEnumerable<int> parties)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(parties);
        _parties = PartySet.Normalize(parties, nameof(parties));
        _parameters = parameters;
        Epoch = epoch;
    }

    /// <summary>The epoch whose seed is being agreed.</summary>
    public ulong Epoch { get; }

    /// <summary>The parties, in increasing order.</summary>
    public IReadOnlyList<int> Parties => _parties;

    /// <summary>True once every party has committed (reveals are accepted from then on).</summary>
    public bool AllCommitted => _commitments.Count == _parties.Length;

    /// <summary>Records a commitment.</summary>
    /// <exception cref="ArgumentException">The commitment is for another epoch, from an unknown party, or a second one from the same party.</exception>
    public void AddCommitment(CrsCommitment commitment)
    {
        ArgumentNullException.ThrowIfNull(commitment);
        CheckSender(commitment.Epoch, commitment.PartyId, nameof(commitment));
        if (!_commitments.TryAdd(commitment.PartyId, commitment.Hash.ToArray()))
        {
            throw new ArgumentException($"Party {commitment.PartyId} already committed in epoch {Epoch}; a party commits once.", nameof(commitment));
        }
    }

    /// <summary>
    /// Records a reveal and returns whether it matches the party's commitment; a mismatch is remembered and makes
    /// <see cref="Complete"/> fail naming the party.
    /// </summary>
    /// <exception cref="InvalidOperationException">Not every party has committed yet.</exception>
    /// <exception cref="ArgumentException">The reveal is for another epoch, from an unknown party, or a second one from the same party.</exception>
    public bool AddReveal(CrsReveal reveal)
    {
        ArgumentNullException.ThrowIfNull(reveal);
        CheckSender(reveal.Epoch, reveal.PartyId, nameof(reveal));
        if (!AllCommitted)
        {
            var missing = string.Join(", ", _parties.Where(p => !_commitments.ContainsKey(p)));
            throw new InvalidOperationException($"Reveals are accepted only after every party has committed; still missing commitments from parties {missing} in epoch {Epoch}.");
        }
        if (_reveals.ContainsKey(reveal.PartyId) || _mismatched.Contains(reveal.PartyId))
        {
            throw new ArgumentException($"Party {reveal.PartyId} already revealed in epoch {Epoch}; a party reveals once.", nameof(reveal));
        }
        var expected = CrsContribution.ComputeCommitment(_parameters, Epoch, reveal.PartyId, reveal.Value);
        if (!CryptographicOperations.FixedTimeEquals(expected, _commitments[reveal.PartyId]))
        {
            _mismatched.Add(reveal.PartyId);
            return false;
        }
        _reveals[reveal.PartyId] = reveal.Value.ToArray();
        return true;
    }

    /// <summary>Returns the 32-byte CRS seed of the epoch once every party has committed and revealed a matching value.</summary>
    /// <exception cref="CrsCeremonyException">A party did not commit, did not reveal, or revealed a mismatching value.</exception>
    public byte[] Complete()
    {
        var faults = new List<CrsFault>();
        foreach (var party in _parties)
        {
            if (!_commitments.ContainsKey(party))
            {
                faults.Add(new CrsFault(party, CrsFailureReason.MissingCommitment));
            }
            else if (_mismatched.Contains(party))
            {
                faults.Add(new CrsFault(party, CrsFailureReason.RevealMismatch));
            }
            else if (!_reveals.ContainsKey(party))
            {
                faults.Add(new CrsFault(party, CrsFailureReason.MissingReveal));
            }
        }
        if (faults.Count > 0)
        {
            throw new CrsCeremonyException(Epoch, faults);
        }
        var encoder = new CanonicalEncoder("fedactors/crs-seed/v1")
            .Add(_parameters.Fingerprint)
            .Add(unchecked((long)Epoch))
            .Add(_parties.Length);
        foreach (var party in _parties)
        {
            encoder.Add(party).Add(_reveals[party]);
        }
        return SHA256.HashData(encoder.ToArray());
    }

    private void CheckSender(ulong epoch, int party, string parameterName)
    {
        if (epoch != Epoch)
        {
            throw new ArgumentException($"The message is for epoch {epoch}, this ceremony is for epoch {Epoch}.", parameterName);
        }
        if (Array.BinarySearch(_parties, party) < 0)
        {
            throw new ArgumentException($"Party {party} is not among the parties of epoch {Epoch}.", parameterName);
        }
    }
}
