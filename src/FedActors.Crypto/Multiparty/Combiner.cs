using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Multiparty;

/// <summary>
/// Turns a threshold key into the additive key of one active set, locally (Mouchet, Bertrand and Hubaux, eprint
/// 2022/780, §4; Lattigo's <c>multiparty.Combiner</c>): party j multiplies its threshold key by its Lagrange coefficient
/// λ_j = Π_{k∈T, k≠j} x_k / (x_k − x_j) (computed modulo each prime), so that the additive keys of T sum to the collective
/// secret. The coefficient is applied to the key, before decrypting, never to decryption outputs.
/// </summary>
public sealed class Combiner
{
    private readonly RlweParameters _parameters;

    /// <summary>Creates the combiner for <paramref name="parameters"/>.</summary>
    public Combiner(RlweParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = parameters;
    }

    /// <summary>
    /// Returns the owner's additive key for <paramref name="activeSet"/>: at least t distinct committee members including
    /// the owner (any t-subset of the committee reconstructs the same secret; more than t also works).
    /// </summary>
    /// <exception cref="ArgumentException">The set has fewer than t parties, lacks the owner, or names a non-member.</exception>
    public AdditiveSecretKey GenAdditiveShare(ThresholdSecretKey key, IEnumerable<int> activeSet)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(activeSet);
        if (!_parameters.MatchesFingerprint(key.Parameters.Fingerprint))
        {
            throw new ArgumentException("The threshold key belongs to other parameters than the combiner.", nameof(key));
        }
        var active = PartySet.Normalize(activeSet, nameof(activeSet));
        if (active.Length < key.Threshold)
        {
            throw new ArgumentException($"The active set {PartySet.Format(active)} has {active.Length} parties; decryption needs at least t = {key.Threshold}.", nameof(activeSet));
        }
        if (Array.BinarySearch(active, key.PartyId) < 0)
        {
            throw new ArgumentException($"The active set {PartySet.Format(active)} does not contain the key's owner {key.PartyId}.", nameof(activeSet));
        }
        var strangers = active.Where(p => !key.Committee.Contains(p)).ToArray();
        if (strangers.Length > 0)
        {
            throw new ArgumentException($"Parties {PartySet.Format(strangers)} are not in the committee of epoch {key.Epoch}.", nameof(activeSet));
        }
        var ring = _parameters.RingQ;
        var result = key.Value.Clone();
        for (var i = 0; i < result.LimbCount; i++)
        {
            var m = ring.Moduli[i];
            var lambda = LagrangeCoefficient(m, key.PartyId, active);
            var lambdaShoup = m.ShoupCompanion(lambda);
            var limb = result.Limb(i);
            for (var j = 0; j < limb.Length; j++)
            {
                limb[j] = m.MulShoup(limb[j], lambda, lambdaShoup);
            }
        }
        return new AdditiveSecretKey(_parameters, key.Epoch, key.PartyId, active, result);
    }

    /// <summary>λ_j = Π_{k≠j} x_k·(x_k − x_j)^(−1) mod q; the points are distinct and below q, so every factor is invertible.</summary>
    internal static ulong LagrangeCoefficient(Ring.Modulus m, int party, IReadOnlyList<int> active)
    {
        var numerator = 1UL;
        var denominator = 1UL;
        var xj = (ulong)party;
        foreach (var other in active)
        {
            if (other == party)
            {
                continue;
            }
            var xk = (ulong)other;
            numerator = m.Mul(numerator, xk);
            denominator = m.Mul(denominator, m.Sub(xk, xj));
        }
        return m.Mul(numerator, m.Inverse(denominator));
    }
}
