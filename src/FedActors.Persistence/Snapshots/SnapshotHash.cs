using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace FedActors.Persistence.Snapshots;

/// <summary>
/// SHA-256 over a canonical, length-prefixed encoding of a snapshot (domain
/// <c>"fedactors.snapshot.v1"</c>, persistence id, sequence number, timestamp in Unix milliseconds,
/// serializer id, manifest, payload), stored beside it so that a damaged snapshot is refused rather
/// than silently restored.
/// </summary>
public static class SnapshotHash
{
    private static readonly byte[] Domain = Encoding.ASCII.GetBytes("fedactors.snapshot.v1");

    /// <summary>Computes the hash of <paramref name="snapshot"/>.</summary>
    public static byte[] Compute(StoredSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> number = stackalloc byte[8];
        hash.AppendData(Domain);
        AppendBytes(hash, Encoding.UTF8.GetBytes(snapshot.Metadata.PersistenceId));
        BinaryPrimitives.WriteInt64BigEndian(number, snapshot.Metadata.SequenceNr);
        hash.AppendData(number);
        BinaryPrimitives.WriteInt64BigEndian(number, snapshot.Metadata.Timestamp.ToUnixTimeMilliseconds());
        hash.AppendData(number);
        BinaryPrimitives.WriteInt32BigEndian(number, snapshot.SerializerId);
        hash.AppendData(number[..4]);
        AppendBytes(hash, Encoding.UTF8.GetBytes(snapshot.Manifest));
        AppendBytes(hash, snapshot.Payload.Span);
        return hash.GetHashAndReset();
    }

    /// <summary>Throws <see cref="SnapshotIntegrityException"/> unless <paramref name="storedHash"/> is the hash of <paramref name="snapshot"/>.</summary>
    public static void Verify(StoredSnapshot snapshot, ReadOnlySpan<byte> storedHash)
    {
        if (!Compute(snapshot).AsSpan().SequenceEqual(storedHash))
        {
            throw new SnapshotIntegrityException(snapshot.Metadata.PersistenceId, snapshot.Metadata.SequenceNr);
        }
    }

    /// <summary>Truncates a timestamp to the millisecond precision snapshots are stored with.</summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset timestamp) =>
        DateTimeOffset.FromUnixTimeMilliseconds(timestamp.ToUnixTimeMilliseconds());

    private static void AppendBytes(IncrementalHash hash, ReadOnlySpan<byte> bytes)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}
