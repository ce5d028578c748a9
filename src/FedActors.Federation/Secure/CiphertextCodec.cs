using FedActors.Crypto.Ckks;
using FedActors.Crypto.Ring;
using FedActors.Crypto.Rlwe;
using Google.Protobuf;

namespace FedActors.Federation.Secure;

/// <summary>
/// Turns model updates into the wire ciphertexts of a <see cref="Protocol.Contribution"/> and back: the client's vector
/// (its weighted update followed by its sample count) is coefficient-encoded at the set's scale, encrypted under the
/// collective key and serialized in the Crypto wire format, one <see cref="ByteString"/> per ciphertext.
/// </summary>
public sealed class CiphertextCodec
{
    private readonly CkksParameters _parameters;

    /// <summary>Creates the codec of <paramref name="parameters"/>.</summary>
    public CiphertextCodec(CkksParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = parameters;
    }

    /// <summary>The parameter set.</summary>
    public CkksParameters Parameters => _parameters;

    /// <summary>How many ciphertexts a vector of <paramref name="length"/> values takes.</summary>
    public int CiphertextCount(int length) => (length + _parameters.ValuesPerCiphertext - 1) / _parameters.ValuesPerCiphertext;

    /// <summary>
    /// The vector a client encrypts: u = n_k · <paramref name="clippedUpdate"/> followed by n_k, so that the decrypted
    /// sum's last value is Σ n_k, the divisor of the weighted mean.
    /// </summary>
    public static double[] WeightedVector(ReadOnlySpan<float> clippedUpdate, long samples)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samples);
        var values = new double[clippedUpdate.Length + 1];
        for (var i = 0; i < clippedUpdate.Length; i++)
        {
            values[i] = samples * (double)clippedUpdate[i];
        }
        values[^1] = samples;
        return values;
    }

    /// <summary>
    /// The bytes a contribution's ciphertexts are stored as: each prefixed by its 4-byte big-endian length, so their
    /// SHA-256 is <see cref="Protocol.ContributionSignature.HashCiphertexts"/>, the hash the client signed.
    /// </summary>
    public static byte[] Payload(IReadOnlyCollection<ByteString> ciphertexts)
    {
        ArgumentNullException.ThrowIfNull(ciphertexts);
        var payload = new byte[ciphertexts.Sum(c => 4L + c.Length)];
        var position = 0;
        foreach (var ciphertext in ciphertexts)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(payload.AsSpan(position), ciphertext.Length);
            ciphertext.Span.CopyTo(payload.AsSpan(position + 4));
            position += 4 + ciphertext.Length;
        }
        return payload;
    }

    /// <summary>Encrypts <paramref name="values"/> under <paramref name="collectiveKey"/> with randomness from <paramref name="random"/>.</summary>
    public ByteString[] Encrypt(double[] values, PublicKey collectiveKey, IRandomSource random, int threads)
    {
        var encryptor = new CkksVectorEncryptor(_parameters, new Encryptor(_parameters.Rlwe, collectiveKey, random), threads);
        // Serialized as each is made: no ciphertext outlives its wire bytes' creation.
        return encryptor.Encrypt(values, Write);
    }

    /// <summary>The wire form of <paramref name="ciphertext"/>.</summary>
    public ByteString Write(Ciphertext ciphertext) => UnsafeWrap(RlweSerializer.Serialize(ciphertext, _parameters.Rlwe));

    /// <summary>The wire form of <paramref name="ciphertext"/>'s c1 alone: a ciphertext whose c0 is zero (what a key holder receives).</summary>
    public ByteString WriteC1(Ciphertext ciphertext)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        var zero = _parameters.Rlwe.RingQ.NewPolynomial(ciphertext.Level);
        var c1Only = new Ciphertext(zero, ciphertext.C1.Clone(), ciphertext.Scale, ciphertext.Encoding, ciphertext.MessageBound, ciphertext.Noise);
        return Write(c1Only);
    }

    /// <summary>Loads a wire ciphertext.</summary>
    /// <exception cref="CryptoFormatException">The bytes are not a valid ciphertext of this parameter set.</exception>
    public Ciphertext Read(ByteString wire)
    {
        ArgumentNullException.ThrowIfNull(wire);
        // A ByteString never changes, so the reader may read its memory in place.
        return RlweSerializer.DeserializeCiphertext(wire.Memory, _parameters.Rlwe);
    }

    // The serializer hands over a fresh array nobody else references, so wrapping it without a copy is safe.
    private static ByteString UnsafeWrap(byte[] bytes) => UnsafeByteOperations.UnsafeWrap(bytes);
}
