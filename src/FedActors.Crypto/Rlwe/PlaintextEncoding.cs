namespace FedActors.Crypto.Rlwe;

/// <summary>How the values of a plaintext were placed in its polynomial (metadata carried by plaintexts and ciphertexts).</summary>
public enum PlaintextEncoding
{
    /// <summary>Raw integers, no scale semantics beyond what the caller assigns.</summary>
    Raw = 0,

    /// <summary>N real values, one per coefficient, multiplied by the scale (CKKS coefficient encoding).</summary>
    Coefficients = 1,

    /// <summary>N/2 complex values in the canonical embedding, multiplied by the scale (CKKS slot encoding).</summary>
    Slots = 2,
}
