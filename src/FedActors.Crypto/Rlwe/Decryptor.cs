using FedActors.Crypto.Ring;

namespace FedActors.Crypto.Rlwe;

/// <summary>Decrypts ciphertexts with a secret key: m + e = c0 + c1·s.</summary>
public sealed class Decryptor
{
    private readonly RlweParameters _parameters;
    private readonly SecretKey _secretKey;

    /// <summary>Creates a decryptor for <paramref name="secretKey"/>.</summary>
    public Decryptor(RlweParameters parameters, SecretKey secretKey)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(secretKey);
        if (!parameters.MatchesFingerprint(secretKey.Parameters.Fingerprint))
        {
            throw new ArgumentException("The key belongs to other parameters than the decryptor.", nameof(secretKey));
        }
        _parameters = parameters;
        _secretKey = secretKey;
    }

    /// <summary>Returns the plaintext m + e (coefficient domain) with the ciphertext's level, scale, encoding and bound.</summary>
    public Plaintext Decrypt(Ciphertext ciphertext)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        var ring = _parameters.RingQ;
        var m = ciphertext.C1.Clone();
        ring.Forward(m);
        ring.MulCoefficients(m, _secretKey.Value, m);
        ring.Inverse(m);
        ring.Add(m, ciphertext.C0, m);
        return new Plaintext(m, ciphertext.Scale, ciphertext.Encoding, ciphertext.MessageBound);
    }
}
