using System.Security.Cryptography;
using FedActors.Crypto.Envelope;
using Google.Protobuf;

namespace FedActors.Federation.Protocol;

/// <summary>
/// Signs and verifies contributions. A signature covers the run id, epoch, round, the round's nonce,
/// the client id and the SHA-256 of the contribution's payload bytes, in the injective
/// <see cref="CanonicalEncoder"/> encoding under a domain per contribution kind, so a signature
/// is valid for exactly one payload in one round of one run.
/// </summary>
public static class ContributionSignature
{
    /// <summary>The signing domain of encrypted contributions.</summary>
    public const string EncryptedDomain = "fedactors/contribution/v1";

    /// <summary>The signing domain of plaintext contributions.</summary>
    public const string PlaintextDomain = "fedactors/plaintext-contribution/v1";

    /// <summary>SHA-256 over the concatenation of <paramref name="ciphertexts"/>, each prefixed by its 4-byte big-endian length.</summary>
    public static byte[] HashCiphertexts(IEnumerable<ByteString> ciphertexts)
    {
        ArgumentNullException.ThrowIfNull(ciphertexts);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[4];
        foreach (var ciphertext in ciphertexts)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, ciphertext.Length);
            hash.AppendData(length);
            hash.AppendData(ciphertext.Span);
        }
        return hash.GetHashAndReset();
    }

    /// <summary>The bytes a signature covers for <paramref name="round"/>, <paramref name="clientId"/> and a payload hash.</summary>
    public static byte[] SignedBytes(string domain, RoundId round, string clientId, ReadOnlySpan<byte> payloadHash)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(clientId);
        return new CanonicalEncoder(domain)
            .Add(round.RunId)
            .Add(round.Epoch)
            .Add(round.Round)
            .Add(round.Nonce.Span)
            .Add(clientId)
            .Add(payloadHash)
            .ToArray();
    }

    /// <summary>Fills the ciphertext hash and signature of <paramref name="contribution"/> with <paramref name="key"/>.</summary>
    public static void Sign(Contribution contribution, EcKeyPair key)
    {
        ArgumentNullException.ThrowIfNull(contribution);
        ArgumentNullException.ThrowIfNull(key);
        var hash = HashCiphertexts(contribution.Ciphertexts);
        contribution.CiphertextHash = ByteString.CopyFrom(hash);
        contribution.Signature = ByteString.CopyFrom(key.Sign(SignedBytes(EncryptedDomain, contribution.Round, contribution.ClientId, hash)));
    }

    /// <summary>
    /// True when the ciphertext hash matches the ciphertexts and the signature is <paramref name="key"/>'s over them,
    /// the contribution's round and its client id.
    /// </summary>
    public static bool Verify(Contribution contribution, EcPublicKey key)
    {
        ArgumentNullException.ThrowIfNull(contribution);
        ArgumentNullException.ThrowIfNull(key);
        if (contribution.Round is null)
        {
            return false;
        }
        var hash = HashCiphertexts(contribution.Ciphertexts);
        return hash.AsSpan().SequenceEqual(contribution.CiphertextHash.Span)
            && key.Verify(SignedBytes(EncryptedDomain, contribution.Round, contribution.ClientId, hash), contribution.Signature.Span);
    }

    /// <summary>Fills the signature of <paramref name="contribution"/> with <paramref name="key"/>.</summary>
    public static void Sign(PlaintextContribution contribution, EcKeyPair key)
    {
        ArgumentNullException.ThrowIfNull(contribution);
        ArgumentNullException.ThrowIfNull(key);
        var hash = HashPlaintext(contribution);
        contribution.Signature = ByteString.CopyFrom(key.Sign(SignedBytes(PlaintextDomain, contribution.Round, contribution.ClientId, hash)));
    }

    /// <summary>True when the signature is <paramref name="key"/>'s over the update, sample count, round and client id.</summary>
    public static bool Verify(PlaintextContribution contribution, EcPublicKey key)
    {
        ArgumentNullException.ThrowIfNull(contribution);
        return Verify(contribution, HashPlaintext(contribution), key);
    }

    /// <summary>
    /// As <see cref="Verify(PlaintextContribution, EcPublicKey)"/>, with the <see cref="HashPlaintext"/> the caller already
    /// computed (the Coordinator hashes each payload once, for the signature, the journal and the blob store).
    /// </summary>
    public static bool Verify(PlaintextContribution contribution, ReadOnlySpan<byte> payloadHash, EcPublicKey key)
    {
        ArgumentNullException.ThrowIfNull(contribution);
        ArgumentNullException.ThrowIfNull(key);
        return contribution.Round is not null
            && key.Verify(SignedBytes(PlaintextDomain, contribution.Round, contribution.ClientId, payloadHash), contribution.Signature.Span);
    }

    /// <summary>SHA-256 of <see cref="PlaintextPayload"/>: the payload hash a plaintext signature covers.</summary>
    public static byte[] HashPlaintext(PlaintextContribution contribution) => SHA256.HashData(PlaintextPayload(contribution));

    /// <summary>The bytes a plaintext contribution's signature covers (through their hash): the update's little-endian float32 values, then the sample count as a little-endian uint64.</summary>
    public static byte[] PlaintextPayload(PlaintextContribution contribution)
    {
        ArgumentNullException.ThrowIfNull(contribution);
        var update = contribution.Update;
        var bytes = new byte[(update.Count * sizeof(float)) + sizeof(ulong)];
        for (var i = 0; i < update.Count; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), update[i]);
        }
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(update.Count * sizeof(float)), contribution.SampleCount);
        return bytes;
    }
}
