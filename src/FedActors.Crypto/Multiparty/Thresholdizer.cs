using FedActors.Crypto.Ring;
using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Multiparty;

/// <summary>
/// Turns n-of-n additive secrets into a t-of-n sharing without a dealer (Mouchet, Bertrand and Hubaux, eprint 2022/780,
/// §4; Lattigo's <c>multiparty/threshold.go</c>): each party i draws a Shamir polynomial P_i with constant term s_i
/// (<see cref="GenShamirPolynomial"/>), sends P_i(x_j) to every party j sealed (<see cref="GenShare"/>,
/// <see cref="ThresholdShareEnvelope"/>), and each j sums what it received into its threshold key
/// (<see cref="AggregateShares"/>). The public point of party j is x_j = j, which must be below every ciphertext prime.
/// Only the ciphertext primes Q are shared: decryption and re-encryption never need the special primes.
/// Thread-safe when the random source is.
/// </summary>
public sealed class Thresholdizer
{
    private readonly RlweParameters _parameters;
    private readonly IRandomSource _random;

    /// <summary>Creates the protocol; the Shamir coefficients come from <paramref name="random"/> (default: <see cref="SystemRandomSource"/>).</summary>
    public Thresholdizer(RlweParameters parameters, IRandomSource? random = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = parameters;
        _random = random ?? SystemRandomSource.Instance;
    }

    /// <summary>Returns dealer <paramref name="dealerId"/>'s Shamir polynomial of degree t − 1 with constant term its secret.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The threshold is below 1 or the dealer id is not a valid point.</exception>
    public ShamirPolynomial GenShamirPolynomial(int threshold, SecretKey secretKey, ulong epoch, int dealerId)
    {
        ArgumentNullException.ThrowIfNull(secretKey);
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        CheckPoint(dealerId, nameof(dealerId));
        if (!_parameters.MatchesFingerprint(secretKey.Parameters.Fingerprint))
        {
            throw new ArgumentException("The secret key belongs to other parameters than the protocol.", nameof(secretKey));
        }
        var ring = _parameters.RingQ;
        var coefficients = new RnsPolynomial[threshold];
        coefficients[0] = secretKey.Value.CopyAtLevel(ring.MaxLevel);
        var sampler = new UniformSampler(_random);
        for (var k = 1; k < threshold; k++)
        {
            coefficients[k] = sampler.Sample(ring);
        }
        return new ShamirPolynomial(epoch, dealerId, coefficients);
    }

    /// <summary>Returns P_i(x_j) for recipient j (Horner's rule, limb by limb modulo each prime).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The recipient id is not a valid point.</exception>
    public ThresholdShare GenShare(ShamirPolynomial polynomial, int recipientId)
    {
        ArgumentNullException.ThrowIfNull(polynomial);
        CheckPoint(recipientId, nameof(recipientId));
        var coefficients = polynomial.Coefficients;
        var ring = _parameters.RingQ;
        var t = coefficients.Count;
        var result = coefficients[t - 1].Clone();
        var x = (ulong)recipientId;
        for (var i = 0; i < result.LimbCount; i++)
        {
            var m = ring.Moduli[i];
            var xShoup = m.ShoupCompanion(x);
            var limb = result.Limb(i);
            for (var k = t - 2; k >= 0; k--)
            {
                var c = coefficients[k].Limb(i);
                for (var j = 0; j < limb.Length; j++)
                {
                    limb[j] = m.Add(m.MulShoup(limb[j], x, xShoup), c[j]);
                }
            }
        }
        return new ThresholdShare(_parameters, polynomial.Epoch, polynomial.DealerId, recipientId, t, result);
    }

    /// <summary>
    /// Returns recipient <paramref name="recipientId"/>'s threshold key, the sum of the shares it received from every
    /// dealer of <paramref name="committee"/> (exactly one each, same epoch and threshold). A missing or extra dealer
    /// would silently yield a key of another secret, so both are refused.
    /// </summary>
    /// <exception cref="ArgumentException">A share is missing, repeated, addressed to someone else, or inconsistent.</exception>
    public ThresholdSecretKey AggregateShares(int recipientId, IEnumerable<int> committee, IEnumerable<ThresholdShare> shares)
    {
        ArgumentNullException.ThrowIfNull(committee);
        ArgumentNullException.ThrowIfNull(shares);
        var dealers = PartySet.Normalize(committee, nameof(committee));
        if (Array.BinarySearch(dealers, recipientId) < 0)
        {
            throw new ArgumentException($"Party {recipientId} is not in the committee {PartySet.Format(dealers)}.", nameof(recipientId));
        }
        var ring = _parameters.RingQ;
        var sum = ring.NewPolynomial();
        var received = new HashSet<int>();
        int? threshold = null;
        ulong? epoch = null;
        foreach (var share in shares)
        {
            ArgumentNullException.ThrowIfNull(share, nameof(shares));
            if (share.RecipientId != recipientId)
            {
                throw new ArgumentException($"The share from dealer {share.DealerId} is addressed to party {share.RecipientId}, not {recipientId}.", nameof(shares));
            }
            if (Array.BinarySearch(dealers, share.DealerId) < 0)
            {
                throw new ArgumentException($"Dealer {share.DealerId} is not in the committee {PartySet.Format(dealers)}.", nameof(shares));
            }
            if (!received.Add(share.DealerId))
            {
                throw new ArgumentException($"Dealer {share.DealerId} sent two shares; each dealer sends exactly one.", nameof(shares));
            }
            if ((threshold ?? share.Threshold) != share.Threshold || (epoch ?? share.Epoch) != share.Epoch)
            {
                throw new ArgumentException($"The share from dealer {share.DealerId} (epoch {share.Epoch}, t = {share.Threshold}) disagrees with the others (epoch {epoch}, t = {threshold}).", nameof(shares));
            }
            if (!_parameters.MatchesFingerprint(share.Parameters.Fingerprint))
            {
                throw new ArgumentException($"The share from dealer {share.DealerId} belongs to other parameters.", nameof(shares));
            }
            threshold = share.Threshold;
            epoch = share.Epoch;
            ring.Add(sum, share.Value, sum);
        }
        var missing = dealers.Where(d => !received.Contains(d)).ToArray();
        if (missing.Length > 0)
        {
            sum.Clear();
            throw new ArgumentException($"Party {recipientId} has no share from dealers {PartySet.Format(missing)}; the threshold key needs one from every committee member.", nameof(shares));
        }
        if (threshold > dealers.Length)
        {
            sum.Clear();
            throw new ArgumentException($"The threshold t = {threshold} exceeds the committee size {dealers.Length}.", nameof(shares));
        }
        return new ThresholdSecretKey(_parameters, epoch!.Value, recipientId, threshold!.Value, dealers, sum);
    }

    private void CheckPoint(int party, string parameterName) => ShamirPoints.Check(_parameters, party, parameterName);
}
