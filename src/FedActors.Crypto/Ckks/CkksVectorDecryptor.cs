using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Ckks;

/// <summary>
/// Decrypts an <see cref="EncryptedVector"/> with a single secret key and decodes it back to its values. Threshold
/// decryption (Multiparty) produces the plaintexts differently and decodes them with <see cref="DecodePlaintexts"/>.
/// </summary>
public sealed class CkksVectorDecryptor
{
    private readonly Decryptor _decryptor;
    private readonly CoefficientEncoder _coefficients;
    private readonly SlotEncoder _slots;

    /// <summary>Creates a vector decryptor for <paramref name="parameters"/> and <paramref name="decryptor"/>.</summary>
    public CkksVectorDecryptor(CkksParameters parameters, Decryptor decryptor)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(decryptor);
        _decryptor = decryptor;
        _coefficients = new CoefficientEncoder(parameters.Rlwe);
        _slots = new SlotEncoder(parameters.Rlwe);
    }

    /// <summary>Returns the <see cref="EncryptedVector.Length"/> decrypted values.</summary>
    public double[] Decrypt(EncryptedVector vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        return DecodePlaintexts(vector.Ciphertexts.Select(_decryptor.Decrypt).ToList(), vector.Length);
    }

    /// <summary>Decodes consecutive plaintexts (each by its own encoding) into a vector of <paramref name="length"/> values.</summary>
    public double[] DecodePlaintexts(IReadOnlyList<Plaintext> plaintexts, int length)
    {
        ArgumentNullException.ThrowIfNull(plaintexts);
        var result = new double[length];
        var position = 0;
        foreach (var plaintext in plaintexts)
        {
            var values = plaintext.Encoding == PlaintextEncoding.Slots ? _slots.Decode(plaintext) : _coefficients.Decode(plaintext);
            var take = Math.Min(values.Length, length - position);
            values.AsSpan(0, take).CopyTo(result.AsSpan(position));
            position += take;
        }
        if (position != length)
        {
            throw new ArgumentException($"The plaintexts hold {position} values, {length} were expected.", nameof(plaintexts));
        }
        return result;
    }
}
