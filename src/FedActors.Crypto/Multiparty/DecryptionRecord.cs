namespace FedActors.Crypto.Multiparty;

/// <summary>
/// A key holder's record of the ciphertexts it has produced shares for in one key epoch, keyed by
/// <see cref="CiphertextDigest"/>. A party never produces a second share for the same c1 (with any active set: two
/// shares for different sets would differ by known Lagrange factors, and two floodings of one value average out), and
/// never more than τ shares per epoch (the flooding was sized for τ). The Federation persists <see cref="Digests"/> and
/// restores the record with them after a restart. Thread-safe.
/// </summary>
public sealed class DecryptionRecord
{
    private readonly object _gate = new();
    private readonly HashSet<string> _digests = [];

    /// <summary>Creates the record of <paramref name="epoch"/> with budget τ = <paramref name="budget"/>, restoring <paramref name="previousDigests"/> if given.</summary>
    /// <exception cref="ArgumentException">The budget is below 1, a digest is not 32 bytes, or the restored digests exceed the budget.</exception>
    public DecryptionRecord(ulong epoch, long budget, IEnumerable<byte[]>? previousDigests = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(budget, 1);
        Epoch = epoch;
        Budget = budget;
        foreach (var digest in previousDigests ?? [])
        {
            ArgumentNullException.ThrowIfNull(digest, nameof(previousDigests));
            if (digest.Length != CiphertextDigest.Length)
            {
                throw new ArgumentException($"A ciphertext digest is {CiphertextDigest.Length} bytes, got {digest.Length}.", nameof(previousDigests));
            }
            _digests.Add(Convert.ToHexString(digest));
        }
        if (_digests.Count > budget)
        {
            throw new ArgumentException($"The restored record holds {_digests.Count} decryptions, more than the budget {budget}.", nameof(previousDigests));
        }
    }

    /// <summary>Creates the record of <paramref name="epoch"/> with the budget of <paramref name="flooding"/>.</summary>
    public DecryptionRecord(ulong epoch, FloodingSettings flooding)
        : this(epoch, (flooding ?? throw new ArgumentNullException(nameof(flooding))).DecryptionsPerKey)
    {
    }

    /// <summary>The key epoch.</summary>
    public ulong Epoch { get; }

    /// <summary>τ: the number of ciphertexts this epoch may decrypt.</summary>
    public long Budget { get; }

    /// <summary>The number of ciphertexts already shared.</summary>
    public long Count
    {
        get
        {
            lock (_gate)
            {
                return _digests.Count;
            }
        }
    }

    /// <summary>True when a share was already produced for the ciphertext with this digest.</summary>
    public bool Contains(ReadOnlySpan<byte> digest)
    {
        var key = Convert.ToHexString(digest);
        lock (_gate)
        {
            return _digests.Contains(key);
        }
    }

    /// <summary>Returns a snapshot of the digests recorded so far (to persist).</summary>
    public IReadOnlyList<byte[]> Digests()
    {
        lock (_gate)
        {
            return _digests.Select(Convert.FromHexString).ToArray();
        }
    }

    /// <summary>
    /// Records every digest of a batch, or none: refuses when the epochs differ, when a digest was recorded before or
    /// repeats within the batch, or when the batch does not fit in the remaining budget.
    /// </summary>
    internal void ReserveAll(IReadOnlyList<byte[]> digests, ulong keyEpoch)
    {
        if (keyEpoch != Epoch)
        {
            throw new DecryptionRefusedException(RefusalReason.WrongEpoch, $"The key is of epoch {keyEpoch}, the decryption record of epoch {Epoch}; use the record of the key's epoch.");
        }
        var keys = digests.Select(d => Convert.ToHexString(d)).ToArray();
        lock (_gate)
        {
            var batch = new HashSet<string>(keys.Length);
            foreach (var key in keys)
            {
                if (_digests.Contains(key) || !batch.Add(key))
                {
                    throw new DecryptionRefusedException(RefusalReason.AlreadyShared, $"Refused: a share for the ciphertext {key[..16]}… was already produced in epoch {Epoch}, or the request lists it twice; a party shares each ciphertext once, whatever the active set.");
                }
            }
            if (_digests.Count + keys.Length > Budget)
            {
                throw new DecryptionRefusedException(RefusalReason.BudgetExhausted, $"Refused: {keys.Length} more decryption(s) would exceed epoch {Epoch}'s budget of {Budget} ({_digests.Count} used), the number the flooding noise was sized for; rotate the key.");
            }
            _digests.UnionWith(keys);
        }
    }

    /// <summary>Records the digest or refuses; called before a share is computed, so a refused share is never made.</summary>
    internal void Reserve(ReadOnlySpan<byte> digest, ulong keyEpoch) => ReserveAll([digest.ToArray()], keyEpoch);
}
