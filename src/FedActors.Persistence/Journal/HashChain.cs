using System.Buffers;
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

        // One contiguous buffer and a one-shot SHA-256 cost far less per event than an incremental hash object.
        var size = Domain.Length + HashSize + StringSize(repr.PersistenceId) + 8 + StringSize(repr.Manifest) + 4
            + 4 + repr.Payload.Length + 4 + repr.Tags.Sum(StringSize) + 8 + StringSize(repr.WriterUuid);
        var rented = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var buffer = rented.AsSpan(0, size);
            var at = 0;
            Domain.CopyTo(buffer);
            at += Domain.Length;
            prevHash.CopyTo(buffer[at..]);
            at += HashSize;
            at += WriteString(buffer[at..], repr.PersistenceId);
            BinaryPrimitives.WriteInt64BigEndian(buffer[at..], repr.SequenceNr);
            at += 8;
            at += WriteString(buffer[at..], repr.Manifest);
            BinaryPrimitives.WriteInt32BigEndian(buffer[at..], repr.SerializerId);
            at += 4;
            BinaryPrimitives.WriteInt32BigEndian(buffer[at..], repr.Payload.Length);
            at += 4;
            repr.Payload.Span.CopyTo(buffer[at..]);
            at += repr.Payload.Length;
            BinaryPrimitives.WriteInt32BigEndian(buffer[at..], repr.Tags.Count);
            at += 4;
            foreach (var tag in repr.Tags)
            {
                at += WriteString(buffer[at..], tag);
            }

            BinaryPrimitives.WriteInt64BigEndian(buffer[at..], repr.Timestamp.ToUnixTimeMilliseconds());
            at += 8;
            WriteString(buffer[at..], repr.WriterUuid);
            return SHA256.HashData(buffer);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
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

    private static int StringSize(string value) => 4 + Encoding.UTF8.GetByteCount(value);

    private static int WriteString(Span<byte> destination, string value)
    {
        var length = Encoding.UTF8.GetBytes(value, destination[4..]);
        BinaryPrimitives.WriteInt32BigEndian(destination, length);
        return 4 + length;
    }
}
