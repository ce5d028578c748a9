namespace FedActors.Crypto.Rlwe;

/// <summary>
/// Thrown when an operation would let a ciphertext's message outgrow the modulus: the message bound plus noise would
/// pass Q/4 (the other quarter of Q/2 is headroom for decryption noise and flooding), so decryption could wrap around.
/// </summary>
public sealed class CapacityExceededException : InvalidOperationException
{
    /// <summary>Creates the exception with its explanation.</summary>
    public CapacityExceededException(string message)
        : base(message)
    {
    }
}
