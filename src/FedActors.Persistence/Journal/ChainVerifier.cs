namespace FedActors.Persistence.Journal;

/// <summary>
/// Verifies a replayed stream link by link: sequence numbers without gaps, each event's stored hash
/// equal to the hash of its contents, and each predecessor hash equal to the previous event's hash
/// (or to <see cref="HashChain.Genesis"/> for sequence number 1).
/// </summary>
internal sealed class ChainVerifier
{
    private readonly string _persistenceId;
    private long _expected;
    private ReadOnlyMemory<byte>? _previousHash;

    /// <summary>Starts verification at <paramref name="firstSequenceNr"/>, the first row the replay reads.</summary>
    public ChainVerifier(string persistenceId, long firstSequenceNr)
    {
        _persistenceId = persistenceId;
        _expected = firstSequenceNr;
    }

    /// <summary>Checks the next stored event, throwing <see cref="JournalIntegrityException"/> on the first broken link.</summary>
    public void Verify(PersistentRepr repr)
    {
        if (repr.SequenceNr != _expected)
        {
            throw new JournalIntegrityException(_persistenceId, _expected,
                $"the event is missing (the next stored event has sequence number {repr.SequenceNr})");
        }

        if (repr.PrevHash.Length != HashChain.HashSize || repr.Hash.Length != HashChain.HashSize)
        {
            throw new JournalIntegrityException(_persistenceId, repr.SequenceNr, $"a stored hash is not {HashChain.HashSize} bytes long");
        }

        var expectedPrevious = repr.SequenceNr == 1 ? HashChain.Genesis : _previousHash;
        if (expectedPrevious is { } previous && !previous.Span.SequenceEqual(repr.PrevHash.Span))
        {
            throw new JournalIntegrityException(_persistenceId, repr.SequenceNr,
                "its previous-event hash does not match the hash of the event before it");
        }

        var actual = HashChain.ComputeHash(repr, repr.PrevHash.Span);
        if (!actual.AsSpan().SequenceEqual(repr.Hash.Span))
        {
            throw new JournalIntegrityException(_persistenceId, repr.SequenceNr,
                "its stored hash does not match its contents");
        }

        _previousHash = repr.Hash;
        _expected++;
    }

    /// <summary>Checks one event on its own (its hash against its contents), for queries that do not read whole chains.</summary>
    public static void VerifySelf(PersistentRepr repr)
    {
        if (repr.PrevHash.Length != HashChain.HashSize || repr.Hash.Length != HashChain.HashSize
            || !HashChain.ComputeHash(repr, repr.PrevHash.Span).AsSpan().SequenceEqual(repr.Hash.Span))
        {
            throw new JournalIntegrityException(repr.PersistenceId, repr.SequenceNr, "its stored hash does not match its contents");
        }
    }
}
