using System.Globalization;
using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Ckks;

/// <summary>
/// A named CKKS parameter set: the RLWE parameters, the default scale Δ and encoding, and the contribution magnitude
/// its capacity is stated for. Derived figures (values per ciphertext, bytes per value on the wire, capacity) are
/// computed, not declared, so they cannot drift from the parameters.
/// </summary>
public sealed class CkksParameters
{
    /// <summary>Creates a set; the RLWE parameters were already validated against the security table (or marked insecure).</summary>
    /// <exception cref="ArgumentException">The name is empty, the scale or magnitude is not positive, or the scale leaves no capacity.</exception>
    public CkksParameters(string name, RlweParameters rlwe, double scale, PlaintextEncoding encoding, double contributionMagnitude, string description)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(rlwe);
        ArgumentNullException.ThrowIfNull(description);
        if (!(scale >= 1) || double.IsInfinity(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The scale must be at least 1 and finite.");
        }
        if (!(contributionMagnitude > 0) || double.IsInfinity(contributionMagnitude))
        {
            throw new ArgumentOutOfRangeException(nameof(contributionMagnitude), contributionMagnitude, "The contribution magnitude must be positive and finite.");
        }
        if (encoding is not (PlaintextEncoding.Coefficients or PlaintextEncoding.Slots))
        {
            throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "A CKKS set encodes coefficients or slots.");
        }
        Name = name;
        Rlwe = rlwe;
        Scale = scale;
        Encoding = encoding;
        ContributionMagnitude = contributionMagnitude;
        Description = description;
        if (Capacity < 1)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Parameter set {name}: one contribution of magnitude {contributionMagnitude} at scale 2^{Math.Log2(scale):F1} already exceeds Q/4; lower the scale or enlarge Q."), nameof(scale));
        }
    }

    /// <summary>The registry name (e.g. "aggregation-default").</summary>
    public string Name { get; }

    /// <summary>The RLWE parameters.</summary>
    public RlweParameters Rlwe { get; }

    /// <summary>The default scale Δ.</summary>
    public double Scale { get; }

    /// <summary>The default encoding (coefficients for aggregation, slots for the SEAL-comparable sets).</summary>
    public PlaintextEncoding Encoding { get; }

    /// <summary>The largest |value| of one contribution the capacity is stated for.</summary>
    public double ContributionMagnitude { get; }

    /// <summary>A one-line description of the intended use.</summary>
    public string Description { get; }

    /// <summary>The number of values one ciphertext carries: N with coefficient encoding, N/2 with slots.</summary>
    public int ValuesPerCiphertext => Encoding == PlaintextEncoding.Coefficients ? Rlwe.N : Rlwe.N / 2;

    /// <summary>Bytes per value of a public-key-encrypted ciphertext at the top level, header included.</summary>
    public double BytesPerValue => (double)RlweSerializer.CiphertextLength(Rlwe, Rlwe.MaxLevel, seeded: false) / ValuesPerCiphertext;

    /// <summary>Bytes per value of a seeded secret-key-encrypted ciphertext at the top level.</summary>
    public double SeededBytesPerValue => (double)RlweSerializer.CiphertextLength(Rlwe, Rlwe.MaxLevel, seeded: true) / ValuesPerCiphertext;

    /// <summary>
    /// How many contributions of magnitude <see cref="ContributionMagnitude"/> encoded at <see cref="Scale"/> can be
    /// summed before the message bound reaches Q/4 at the top level, the limit <see cref="Evaluator"/> enforces.
    /// </summary>
    public long Capacity
    {
        get
        {
            var limit = (double)(Rlwe.ModulusAtLevel(Rlwe.MaxLevel) / 4);
            var perContribution = Math.Ceiling(Scale * ContributionMagnitude) + 1;
            return (long)Math.Min(Math.Floor(limit / perContribution), long.MaxValue);
        }
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name}: {Rlwe}, Δ = 2^{Math.Log2(Scale):F0}, {Encoding}");
}
