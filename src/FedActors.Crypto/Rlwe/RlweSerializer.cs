using FedActors.Crypto.Ring;

namespace FedActors.Crypto.Rlwe;

/// <summary>
/// Binary forms of secret keys, public keys, ciphertexts and plaintexts (see <see cref="RlweBinaryWriter"/> for the
/// layout). A seeded ciphertext stores its 32-byte seed instead of c1. Loading validates every field and throws
/// <see cref="CryptoFormatException"/> on any malformed input.
/// </summary>
public static class RlweSerializer
{
    /// <summary>Object kind of a secret key.</summary>
    public const byte SecretKeyKind = 1;

    /// <summary>Object kind of a public key.</summary>
    public const byte PublicKeyKind = 2;

    /// <summary>Object kind of a ciphertext.</summary>
    public const byte CiphertextKind = 3;

    /// <summary>Object kind of a plaintext.</summary>
    public const byte PlaintextKind = 4;

    private const byte SeededFlag = 1;

    /// <summary>Serializes a ciphertext (c1 replaced by its seed when seeded).</summary>
    public static byte[] Serialize(Ciphertext ciphertext, RlweParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        var writer = new RlweBinaryWriter(parameters, CiphertextKind, CiphertextLength(parameters, ciphertext.Level, ciphertext.IsSeeded));
        writer.WriteByte((byte)ciphertext.Level);
        writer.WriteByte((byte)ciphertext.Encoding);
        writer.WriteByte(ciphertext.IsSeeded ? SeededFlag : (byte)0);
        writer.WriteDouble(ciphertext.Scale);
        writer.WriteDouble(ciphertext.MessageBound);
        writer.WriteDouble(ciphertext.Noise.Variance);
        writer.WritePolynomial(ciphertext.C0, parameters.RingQ);
        if (ciphertext.IsSeeded)
        {
            writer.WriteBytes(ciphertext.Seed);
        }
        else
        {
            writer.WritePolynomial(ciphertext.C1, parameters.RingQ);
        }
        return writer.ToArray();
    }

    /// <summary>Loads a ciphertext, regenerating c1 from the seed when seeded.</summary>
    /// <exception cref="CryptoFormatException">The bytes are malformed or belong to other parameters.</exception>
    public static Ciphertext DeserializeCiphertext(ReadOnlySpan<byte> data, RlweParameters parameters) =>
        DeserializeCiphertext(new RlweBinaryReader(parameters, data, CiphertextKind), parameters);

    /// <summary>
    /// Loads a ciphertext from bytes that do not change while it is read (e.g. an immutable <c>ByteString</c>'s memory),
    /// without copying them first; otherwise as <see cref="DeserializeCiphertext(ReadOnlySpan{byte}, RlweParameters)"/>.
    /// </summary>
    /// <exception cref="CryptoFormatException">The bytes are malformed or belong to other parameters.</exception>
    public static Ciphertext DeserializeCiphertext(ReadOnlyMemory<byte> data, RlweParameters parameters) =>
        DeserializeCiphertext(new RlweBinaryReader(parameters, data, CiphertextKind), parameters);

    private static Ciphertext DeserializeCiphertext(RlweBinaryReader reader, RlweParameters parameters)
    {
        var level = reader.ReadLevel("level", parameters.MaxLevel);
        var encoding = ReadEncoding(reader);
        var flags = reader.ReadByte("flags");
        if ((flags & ~SeededFlag) != 0)
        {
            throw new CryptoFormatException("flags", $"is {flags}, only bit 0 (seeded) is defined.");
        }
        var scale = reader.ReadDouble("scale", double.Epsilon);
        var bound = reader.ReadDouble("messageBound", 0);
        var variance = reader.ReadDouble("noiseVariance", 0);
        var c0 = reader.ReadPolynomial(parameters.RingQ, level + 1, "c0");
        byte[]? seed = null;
        RnsPolynomial c1;
        if ((flags & SeededFlag) != 0)
        {
            seed = reader.ReadBytes(Ciphertext.SeedLength, "seed");
            reader.EnsureEnd();
            c1 = Encryptor.ExpandSeed(parameters, seed, level);
        }
        else
        {
            c1 = reader.ReadPolynomial(parameters.RingQ, level + 1, "c1");
            reader.EnsureEnd();
        }
        return new Ciphertext(c0, c1, scale, encoding, bound, new NoiseEstimate(variance), seed);
    }

    /// <summary>The serialized size of a ciphertext at <paramref name="level"/>, seeded or not.</summary>
    public static int CiphertextLength(RlweParameters parameters, int level, bool seeded)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var polynomial = RlweBinaryWriter.PackedLength(parameters.RingQ, level + 1);
        return RlweBinaryWriter.HeaderLength + 3 + 24 + polynomial + (seeded ? Ciphertext.SeedLength : polynomial);
    }

    /// <summary>Serializes a public key.</summary>
    public static byte[] Serialize(PublicKey key, RlweParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(key);
        var writer = new RlweBinaryWriter(parameters, PublicKeyKind);
        writer.WriteDouble(key.SecretVariance);
        writer.WriteDouble(key.ErrorVariance);
        writer.WritePolynomial(key.P0, parameters.RingQP);
        writer.WritePolynomial(key.P1, parameters.RingQP);
        return writer.ToArray();
    }

    /// <summary>Loads a public key.</summary>
    /// <exception cref="CryptoFormatException">The bytes are malformed or belong to other parameters.</exception>
    public static PublicKey DeserializePublicKey(ReadOnlySpan<byte> data, RlweParameters parameters)
    {
        var reader = new RlweBinaryReader(parameters, data, PublicKeyKind);
        var secretVariance = reader.ReadDouble("secretVariance", double.Epsilon);
        var errorVariance = reader.ReadDouble("errorVariance", double.Epsilon);
        var limbs = parameters.RingQP.MaxLevel + 1;
        var p0 = reader.ReadPolynomial(parameters.RingQP, limbs, "p0");
        var p1 = reader.ReadPolynomial(parameters.RingQP, limbs, "p1");
        reader.EnsureEnd();
        return new PublicKey(parameters, p0, p1, secretVariance, errorVariance);
    }

    /// <summary>Serializes a secret key. The caller must protect and erase the returned bytes.</summary>
    public static byte[] Serialize(SecretKey key, RlweParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(key);
        var writer = new RlweBinaryWriter(parameters, SecretKeyKind);
        writer.WriteDouble(key.CoefficientVariance);
        writer.WritePolynomial(key.Value, parameters.RingQP);
        return writer.ToArray();
    }

    /// <summary>Loads a secret key.</summary>
    /// <exception cref="CryptoFormatException">The bytes are malformed or belong to other parameters.</exception>
    public static SecretKey DeserializeSecretKey(ReadOnlySpan<byte> data, RlweParameters parameters)
    {
        var reader = new RlweBinaryReader(parameters, data, SecretKeyKind);
        var variance = reader.ReadDouble("coefficientVariance", double.Epsilon);
        var value = reader.ReadPolynomial(parameters.RingQP, parameters.RingQP.MaxLevel + 1, "s");
        reader.EnsureEnd();
        return new SecretKey(parameters, value, variance);
    }

    /// <summary>Serializes a plaintext.</summary>
    public static byte[] Serialize(Plaintext plaintext, RlweParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var writer = new RlweBinaryWriter(parameters, PlaintextKind);
        writer.WriteByte((byte)plaintext.Level);
        writer.WriteByte((byte)plaintext.Encoding);
        writer.WriteDouble(plaintext.Scale);
        writer.WriteDouble(plaintext.MessageBound);
        writer.WritePolynomial(plaintext.Value, parameters.RingQ);
        return writer.ToArray();
    }

    /// <summary>Loads a plaintext.</summary>
    /// <exception cref="CryptoFormatException">The bytes are malformed or belong to other parameters.</exception>
    public static Plaintext DeserializePlaintext(ReadOnlySpan<byte> data, RlweParameters parameters)
    {
        var reader = new RlweBinaryReader(parameters, data, PlaintextKind);
        var level = reader.ReadLevel("level", parameters.MaxLevel);
        var encoding = ReadEncoding(reader);
        var scale = reader.ReadDouble("scale", double.Epsilon);
        var bound = reader.ReadDouble("messageBound", 0);
        var value = reader.ReadPolynomial(parameters.RingQ, level + 1, "value");
        reader.EnsureEnd();
        return new Plaintext(value, scale, encoding, bound);
    }

    private static PlaintextEncoding ReadEncoding(RlweBinaryReader reader)
    {
        var encoding = reader.ReadByte("encoding");
        if (!Enum.IsDefined((PlaintextEncoding)encoding))
        {
            throw new CryptoFormatException("encoding", $"is {encoding}, expected 0 (raw), 1 (coefficients) or 2 (slots).");
        }
        return (PlaintextEncoding)encoding;
    }
}
