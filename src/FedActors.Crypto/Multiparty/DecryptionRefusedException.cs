namespace FedActors.Crypto.Multiparty;

/// <summary>Thrown when a party refuses to produce a share: a second share for the same ciphertext, a spent budget, or an epoch mismatch.</summary>
public sealed class DecryptionRefusedException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public DecryptionRefusedException(RefusalReason reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    /// <summary>Why the share was refused.</summary>
    public RefusalReason Reason { get; }
}
