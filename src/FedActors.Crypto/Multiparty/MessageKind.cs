namespace FedActors.Crypto.Multiparty;

/// <summary>
/// The object kinds of Multiparty messages in the crypto binary format (the byte after the version in every header);
/// 16 and above, so they never collide with the Rlwe kinds (keys, ciphertexts, plaintexts: 1 … 4).
/// </summary>
public enum MessageKind : byte
{
    /// <summary>A <see cref="CrsCommitment"/>.</summary>
    CrsCommitment = 16,

    /// <summary>A <see cref="CrsReveal"/>.</summary>
    CrsReveal = 17,

    /// <summary>A <see cref="PublicKeyShare"/>.</summary>
    PublicKeyShare = 18,

    /// <summary>A <see cref="ThresholdShare"/> (secret: travels sealed).</summary>
    ThresholdShare = 19,

    /// <summary>A <see cref="ThresholdSecretKey"/> (secret: stored encrypted by its owner).</summary>
    ThresholdSecretKey = 20,

    /// <summary>A <see cref="DecryptionShare"/>.</summary>
    DecryptionShare = 21,

    /// <summary>A <see cref="PublicKeySwitchShare"/>.</summary>
    PublicKeySwitchShare = 22,
}
