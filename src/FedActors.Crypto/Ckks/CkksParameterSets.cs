using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Ckks;

/// <summary>
/// The registry of named parameter sets. Every set here passes the 128-bit security check (it is built through
/// <see cref="RlweParameters.Create"/>); configuration names a set by its registry name.
/// </summary>
public static class CkksParameterSets
{
    /// <summary>The name of the default set for secure aggregation.</summary>
    public const string AggregationDefault = "aggregation-default";

    /// <summary>The name of the set for large federations (10,000 contributions).</summary>
    public const string AggregationLarge = "aggregation-large";

    /// <summary>The name of the SEAL-comparable set N = 2^13, {60, 40, 60}.</summary>
    public const string Seal8192 = "seal-8192";

    /// <summary>The name of the SEAL-comparable set N = 2^14, {60, 40, 40, 60}.</summary>
    public const string Seal16384 = "seal-16384";

    // Contributions are u = n_k · clip(x) with |x| ≤ 8 and sample counts n_k ≤ 10,000 (CRYPTO.md precision target).
    private const double WeightedUpdateMagnitude = 8.0 * 10_000;

    private static readonly Dictionary<string, Lazy<CkksParameters>> Sets = new(StringComparer.Ordinal)
    {
        [AggregationDefault] = new(CreateAggregationDefault),
        [AggregationLarge] = new(CreateAggregationLarge),
        [Seal8192] = new(() => new CkksParameters(Seal8192, RlweParameters.Create(13, [60, 40], [60]), Math.Pow(2, 40),
            PlaintextEncoding.Slots, 1.0, "SEAL-comparable: N = 2^13, {60, 40, 60}, Δ = 2^40, slot encoding.")),
        [Seal16384] = new(() => new CkksParameters(Seal16384, RlweParameters.Create(14, [60, 40, 40], [60]), Math.Pow(2, 40),
            PlaintextEncoding.Slots, 1.0, "SEAL-comparable: N = 2^14, {60, 40, 40, 60}, Δ = 2^40, slot encoding.")),
    };

    /// <summary>The registered names, in display order.</summary>
    public static IReadOnlyList<string> Names { get; } = [AggregationDefault, AggregationLarge, Seal8192, Seal16384];

    /// <summary>Returns the set named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No set has this name; the message lists the valid names.</exception>
    public static CkksParameters Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Sets.TryGetValue(name, out var set)
            ? set.Value
            : throw new KeyNotFoundException($"Unknown CKKS parameter set \"{name}\"; valid names are {string.Join(", ", Names)}.");
    }

    /// <summary>Returns every registered set, in display order.</summary>
    public static IEnumerable<CkksParameters> All() => Names.Select(Get);

    /// <summary>
    /// N = 4096, Q = {43, 43} bits, P = {23} bits (log2 QP &lt; 109, the 128-bit bound), Δ = 2^54, coefficient encoding:
    /// 4096 values per ciphertext, 2·86/8 = 21.5 bytes per value for a public-key ciphertext.
    /// <para>Precision budget with flooding (CRYPTO.md target: K = 1,000 contributions, |x| ≤ 8, weights n_k ≤ 10,000,
    /// t = 10 shares, every coordinate of the weighted average within 1e-6), for a collective key of n parties
    /// (Var s = 2n/3, Var e_pk = nσ²) and the flooding defaults s = 30, τ = 2^14 (<c>fedactors.crypto.flooding</c>):</para>
    /// <list type="bullet">
    /// <item>fresh public-key noise after division by P: Var ≈ (1 + N·2n/3)/12, so σ_fresh ≈ 151 for n = 100 and 477 for
    /// n = 1,000 (the (u·e + e0 + e1·s)/P term is 10^-11 of it: P = 2^23 is ample);</item>
    /// <item>sum of K = 1,000: σ_ct = σ_fresh·√1000 ≈ 4,770 (n = 100);</item>
    /// <item>flooding per share: σ_flood = σ_ct · 2^15 · √(12·2^14) ≈ 2^36.0; t = 10 shares add √10: σ_total ≈ 2^37.7;</item>
    /// <item>error of the decrypted sum at 7σ (a 2^-36 tail per coordinate): 7·2^37.7 / 2^54 ≈ 8.5e-5. The weighted
    /// average divides by Σn_k ≥ K = 1,000, so its error is ≤ 8.5e-8 — 12× inside 1e-6 (n = 1,000 parties: 2.7e-7, 3.7×);</item>
    /// <item>magnitude: |Σu| ≤ 1,000·80,000 = 2^26.3, times Δ = 2^80.3 &lt; Q/4 ≈ 2^84: capacity ≈ 13,400
    /// contributions of magnitude 80,000.</item>
    /// </list>
    /// </summary>
    private static CkksParameters CreateAggregationDefault() => new(
        AggregationDefault,
        RlweParameters.Create(12, [43, 43], [23]),
        Math.Pow(2, 54),
        PlaintextEncoding.Coefficients,
        WeightedUpdateMagnitude,
        "Secure aggregation of up to ~13,000 weighted updates (|n_k·x| ≤ 80,000) to 1e-6 with flooding, 21.5 bytes per value.");

    /// <summary>
    /// N = 2^14, Q = {48, 48} bits, P = {60} bits (log2 QP ≈ 156 ≤ 438), Δ = 2^54, coefficient encoding: 16,384
    /// values per ciphertext, 24 bytes per value.
    /// <para>Budget for K = 10,000 contributions, n = 100 parties, t = 10, s = 30, τ = 2^14: σ_fresh ≈ 302,
    /// σ_ct ≈ 30,170, σ_flood ≈ 2^38.7, σ_total ≈ 2^40.3; 7σ/Δ ≈ 5.4e-4 on the sum, ≤ 5.4e-8 on the average
    /// (Σn_k ≥ 10,000; 1.7e-7 for n = 1,000). |Σu| ≤ 10^4·80,000 = 2^29.6, times Δ = 2^83.6 &lt; Q/4 ≈ 2^94:
    /// capacity ≈ 1.4·10^7.</para>
    /// </summary>
    private static CkksParameters CreateAggregationLarge() => new(
        AggregationLarge,
        RlweParameters.Create(14, [48, 48], [60]),
        Math.Pow(2, 54),
        PlaintextEncoding.Coefficients,
        WeightedUpdateMagnitude,
        "Secure aggregation for large federations (10,000 contributions and more), 24 bytes per value.");
}
