using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace FedActors.Persistence.Journal;

/// <summary>
/// The journal's hash chain. Each event's hash is SHA-256 over a canonical, length-prefixed
/// encoding of its fields followed by the hash of its predecessor, so that changing, removing or
/// reordering any stored event breaks every later link. The encoding (all integers big-endian):
/// <c>"fedactors.journal.v1"</c>, prev hash (32 bytes), then persistence id, sequence number (i64),
/// manifest, serializer id (i32), payload, tag count (i32) and each tag, timestamp in Unix
/// milliseconds (i64), writer uuid; strings are UTF-8 and every string or byte field is preceded
/// by its length (i32).
/// </summary>
public static class HashChain
{
    /// <summary>Length in bytes of every hash in the chain.</summary>
    public const int HashSize = 32;

    private static readonly byte[] Domain = Encoding.ASCII.GetBytes("fedactors.journal.v1");

    private static readonly byte[] GenesisBytes = new byte[HashSize];

    /// <summary>The predecessor hash of sequence number 1: 32 zero bytes.</summary>
    public static ReadOnlyMemory<byte> Genesis => GenesisBytes;

    /// <summary>Computes the hash of <paramref name="repr"/> chained to <paramref name="prevHash"/>; the repr's own hash fields are ignored.</summary>
    /// <exception cref="ArgumentException">When <paramref name="prevHash"/> is not <see cref="HashSize"/> bytes.</exception>
    public static byte[] ComputeHash(PersistentRepr repr, ReadOnlySpan<byte> prevHash)
    {
        ArgumentNullException.ThrowIfNull(repr);
        if (prevHash.Length != HashSize)
        {
            throw new ArgumentException($"A previous hash is {HashSize} bytes, was {prevHash.Length}.", nameof(prevHash));
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> number = stackalloc byte[8];
        hash.AppendData(Domain);
        hash.AppendData(prevHash);
        AppendString(hash, repr.PersistenceId);
        BinaryPrimitives.WriteInt64BigEndian(number, repr.SequenceNr);
        hash.AppendData(number);
        AppendString(hash, repr.Manifest);
        AppendInt32(hash, repr.SerializerId);
        AppendInt32(hash, repr.Payload.Length);
        hash.AppendData(repr.Payload.Span);
        AppendInt32(hash, repr.Tags.Count);
        foreach (var tag in repr.Tags)
        {
            AppendString(hash, tag);
        }

        BinaryPrimitives.WriteInt64BigEndian(number, repr.Timestamp.ToUnixTimeMilliseconds());
        hash.AppendData(number);
        AppendString(hash, repr.WriterUuid);
        return hash.GetHashAndReset();
    }

    /// <summary>Returns <paramref name="repr"/> stamped with <paramref name="timestamp"/> (truncated to milliseconds), <paramref name="prevHash"/> and its resulting hash.</summary>
    public static PersistentRepr Seal(PersistentRepr repr, DateTimeOffset timestamp, ReadOnlyMemory<byte> prevHash)
    {
        ArgumentNullException.ThrowIfNull(repr);
        var stamped = repr with
        {
            Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(timestamp.ToUnixTimeMilliseconds()),
            PrevHash = prevHash,
        };
        return stamped with { Hash = ComputeHash(stamped, prevHash.Span) };
    }

    private static void AppendInt32(IncrementalHash hash, int value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        hash.AppendData(bytes);
    }

    private static void AppendString(IncrementalHash hash, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        AppendInt32(hash, length);
        if (length <= 256)
        {
            Span<byte> bytes = stackalloc byte[length];
            Encoding.UTF8.GetBytes(value, bytes);
            hash.AppendData(bytes);
        }
        else
        {
            hash.AppendData(Encoding.UTF8.GetBytes(value));
        }
    }
}
