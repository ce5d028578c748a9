namespace FedActors.Crypto.Multiparty;

/// <summary>Why a party made the CRS ceremony fail.</summary>
public enum CrsFailureReason
{
    /// <summary>The party never published a commitment.</summary>
    MissingCommitment = 1,

    /// <summary>The party committed but never revealed.</summary>
    MissingReveal = 2,

    /// <summary>The party revealed a value that does not match its commitment.</summary>
    RevealMismatch = 3,
}
