namespace FedActors.Crypto.Multiparty;

/// <summary>The object kinds of the Multiparty binary format (the byte after the version in every header).</summary>
public enum MessageKind : byte
{
    /// <summary>A <see cref="CrsCommitment"/>.</summary>
    CrsCommitment = 1,

    /// <summary>A <see cref="CrsReveal"/>.</summary>
    CrsReveal = 2,

    /// <summary>A <see cref="PublicKeyShare"/>.</summary>
    PublicKeyShare = 3,

    /// <summary>A <see cref="ThresholdShare"/> (secret: travels sealed).</summary>
    ThresholdShare = 4,

    /// <summary>A <see cref="ThresholdSecretKey"/> (secret: stored encrypted by its owner).</summary>
    ThresholdSecretKey = 5,

    /// <summary>A <see cref="DecryptionShare"/>.</summary>
    DecryptionShare = 6,

    /// <summary>A <see cref="PublicKeySwitchShare"/>.</summary>
    PublicKeySwitchShare = 7,
}
