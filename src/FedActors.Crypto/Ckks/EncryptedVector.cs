using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Ckks;

/// <summary>
/// A vector of real values encrypted as consecutive ciphertexts: values [k·V, (k+1)·V) in ciphertext k, where V is
/// the values per ciphertext of the encoding; the last ciphertext is padded with zeros.
/// </summary>
public sealed class EncryptedVector
{
    /// <summary>Wraps <paramref name="ciphertexts"/> holding a vector of <paramref name="length"/> values.</summary>
    /// <exception cref="ArgumentException">The ciphertexts cannot hold the length, or differ in encoding or scale.</exception>
    public EncryptedVector(int length, int valuesPerCiphertext, IReadOnlyList<Ciphertext> ciphertexts)
    {
        ArgumentNullException.ThrowIfNull(ciphertexts);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfLessThan(valuesPerCiphertext, 1);
        var needed = (length + valuesPerCiphertext - 1) / valuesPerCiphertext;
        if (ciphertexts.Count != needed)
        {
            throw new ArgumentException($"{length} values at {valuesPerCiphertext} per ciphertext need {needed} ciphertexts, got {ciphertexts.Count}.", nameof(ciphertexts));
        }
        if (ciphertexts.Any(c => c.Encoding != ciphertexts[0].Encoding))
        {
            throw new ArgumentException("All ciphertexts of a vector must have the same encoding.", nameof(ciphertexts));
        }
        Length = length;
        ValuesPerCiphertext = valuesPerCiphertext;
        Ciphertexts = ciphertexts;
    }

    /// <summary>The number of values.</summary>
    public int Length { get; }

    /// <summary>The number of values per ciphertext.</summary>
    public int ValuesPerCiphertext { get; }

    /// <summary>The ciphertexts, in order.</summary>
    public IReadOnlyList<Ciphertext> Ciphertexts { get; }
}
