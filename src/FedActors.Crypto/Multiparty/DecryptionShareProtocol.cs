using System.Globalization;
using FedActors.Crypto.Ring;
using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Multiparty;

/// <summary>
/// Threshold decryption (Mouchet et al., PETS 2021, §4.3, collective key switching to the zero key; Lattigo's
/// <c>multiparty</c> key switch): each key holder j of the active set T publishes h_j = c1·s'_j + e_j with s'_j its
/// additive key for T and e_j flooding noise sized by <see cref="FloodingSettings"/> from the ciphertext's noise estimate;
/// anyone then computes c0 + Σ h_j = m + e + Σ e_j. A key holder refuses a second share for the same c1 and shares beyond
/// the epoch's budget (<see cref="DecryptionRecord"/>). Thread-safe when the random source is.
/// </summary>
public sealed class DecryptionShareProtocol
{
    private readonly RlweParameters _parameters;
    private readonly FloodingSettings _flooding;
    private readonly IRandomSource _random;

    /// <summary>Creates the protocol; flooding noise comes from <paramref name="random"/> (default: <see cref="SystemRandomSource"/>).</summary>
    public DecryptionShareProtocol(RlweParameters parameters, FloodingSettings flooding, IRandomSource? random = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(flooding);
        _parameters = parameters;
        _flooding = flooding;
        _random = random ?? SystemRandomSource.Instance;
    }

    /// <summary>
    /// The flooding standard deviation a share carries: the rule applied to the larger of the ciphertext's own noise
    /// estimate and <paramref name="trustedNoise"/>.
    /// </summary>
    public double FloodingStandardDeviation(Ciphertext ciphertext, NoiseEstimate trustedNoise)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        return _flooding.StandardDeviation(new NoiseEstimate(Math.Max(ciphertext.Noise.Variance, trustedNoise.Variance)));
    }

    /// <summary>
    /// Returns the key holder's share for <paramref name="ciphertext"/>, after recording it in <paramref name="record"/>
    /// (the record of the key's epoch). The flooding is sized from the larger of the ciphertext's noise estimate and
    /// <paramref name="trustedNoise"/>: a ciphertext that arrived over the wire carries an estimate its sender chose, and
    /// one that understates it would shrink the flooding, so the key holder passes what its own accounting gives, e.g.
    /// <c>NoiseEstimator.Sum(NoiseEstimator.FreshPublicKey(collectiveKey), contributionsInTheManifest)</c>.
    /// </summary>
    /// <exception cref="DecryptionRefusedException">The ciphertext was already shared, the budget is spent, or the epochs differ.</exception>
    public DecryptionShare GenShare(AdditiveSecretKey key, Ciphertext ciphertext, NoiseEstimate trustedNoise, DecryptionRecord record)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(ciphertext);
        ArgumentNullException.ThrowIfNull(record);
        CheckOperands(key, ciphertext);
        // Read first: a disposed key throws before the record is touched.
        var keyValue = key.Value;
        var sigma = FloodingStandardDeviation(ciphertext, trustedNoise);
        var digest = CiphertextDigest.Compute(_parameters, ciphertext);
        record.Reserve(digest, key.Epoch);
        return Share(key, keyValue, ciphertext, sigma, digest);
    }

    /// <summary>
    /// Returns the key holder's shares of every ciphertext of <paramref name="ciphertexts"/>, in order, each exactly as
    /// <see cref="GenShare"/> makes it (same flooding, same draws from the random source), but all or none: every
    /// ciphertext's digest is computed once, and the whole batch is checked against <paramref name="record"/> (none
    /// shared before, no ciphertext twice in the batch, the budget covers them all) and reserved before the first share
    /// is made, so a refusal leaves the record unchanged.
    /// </summary>
    /// <exception cref="DecryptionRefusedException">A ciphertext was already shared or repeats, the budget is too small, or the epochs differ.</exception>
    public DecryptionShare[] GenShares(AdditiveSecretKey key, IReadOnlyList<Ciphertext> ciphertexts, NoiseEstimate trustedNoise, DecryptionRecord record) =>
        GenShares(key, ciphertexts, trustedNoise, record, share => share);

    /// <summary>
    /// As <see cref="GenShares(AdditiveSecretKey, IReadOnlyList{Ciphertext}, NoiseEstimate, DecryptionRecord)"/>, handing
    /// each share to <paramref name="convert"/> as soon as it is made (e.g. <see cref="DecryptionShare.ToBytes"/>) and
    /// returning the results in order, so the shares need not all be alive at once.
    /// </summary>
    /// <exception cref="DecryptionRefusedException">A ciphertext was already shared or repeats, the budget is too small, or the epochs differ.</exception>
    public T[] GenShares<T>(AdditiveSecretKey key, IReadOnlyList<Ciphertext> ciphertexts, NoiseEstimate trustedNoise, DecryptionRecord record, Func<DecryptionShare, T> convert)
    {
        ArgumentNullException.ThrowIfNull(convert);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(ciphertexts);
        ArgumentNullException.ThrowIfNull(record);
        // Read first: a disposed key throws before the record is touched.
        var keyValue = key.Value;
        var digests = new byte[ciphertexts.Count][];
        for (var k = 0; k < digests.Length; k++)
        {
            ArgumentNullException.ThrowIfNull(ciphertexts[k], nameof(ciphertexts));
            CheckOperands(key, ciphertexts[k]);
            digests[k] = CiphertextDigest.Compute(_parameters, ciphertexts[k]);
        }
        record.ReserveAll(digests, key.Epoch);
        var results = new T[digests.Length];
        for (var k = 0; k < results.Length; k++)
        {
            results[k] = convert(Share(key, keyValue, ciphertexts[k], FloodingStandardDeviation(ciphertexts[k], trustedNoise), digests[k]));
        }
        return results;
    }

    /// <summary>
    /// Returns c0 + Σ h_j: the plaintext m + e + Σ e_j with the ciphertext's scale, encoding and bound. The shares must
    /// be exactly one per member of their common active set, for this ciphertext and epoch.
    /// </summary>
    /// <exception cref="ArgumentException">A share is missing, repeated, of another ciphertext, epoch or active set.</exception>
    /// <exception cref="CapacityExceededException">The message bound plus 8σ of the total noise reaches Q/2, so the result would wrap.</exception>
    public Plaintext Combine(Ciphertext ciphertext, IReadOnlyCollection<DecryptionShare> shares)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        ArgumentNullException.ThrowIfNull(shares);
        var digest = CiphertextDigest.Compute(_parameters, ciphertext);
        var variance = ciphertext.Noise.Variance;
        var result = ciphertext.C0.Clone();
        foreach (var share in CheckShareSet(shares, digest, ciphertext.Level, s => (s.PartyId, s.Epoch, s.ActiveSet, s.CiphertextDigest.ToArray(), s.Level, s.Parameters)))
        {
            _parameters.RingQ.Add(result, share.Value, result);
            variance += share.FloodingVariance;
        }
        CheckCapacity(ciphertext.MessageBound, variance, ciphertext.Level);
        return new Plaintext(result, ciphertext.Scale, ciphertext.Encoding, ciphertext.MessageBound);
    }

    private DecryptionShare Share(AdditiveSecretKey key, RnsPolynomial keyValue, Ciphertext ciphertext, double sigma, byte[] digest)
    {
        var ring = _parameters.RingQ;
        var share = ShareMath.MulByKey(ring, ciphertext.C1, keyValue);
        ShareMath.AddGaussian(ring, share, sigma, _random);
        return new DecryptionShare(_parameters, key.Epoch, key.PartyId, digest, [.. key.ActiveSet], sigma * sigma, share);
    }

    internal static IEnumerable<T> CheckShareSet<T>(IReadOnlyCollection<T> shares, byte[] digest, int level,
        Func<T, (int Party, ulong Epoch, IReadOnlyList<int> Active, byte[] Digest, int Level, RlweParameters Parameters)> describe)
    {
        if (shares.Count == 0)
        {
            throw new ArgumentException("At least one share is needed.", nameof(shares));
        }
        var first = describe(shares.First());
        var seen = new HashSet<int>();
        foreach (var share in shares)
        {
            var d = describe(share);
            if (!d.Parameters.MatchesFingerprint(first.Parameters.Fingerprint))
            {
                throw new ArgumentException($"The share of party {d.Party} belongs to other parameters.", nameof(shares));
            }
            if (!d.Digest.AsSpan().SequenceEqual(digest) || d.Level != level)
            {
                throw new ArgumentException($"The share of party {d.Party} is for another ciphertext (its c1 digest or level differs).", nameof(shares));
            }
            if (d.Epoch != first.Epoch)
            {
                throw new ArgumentException($"The share of party {d.Party} is of epoch {d.Epoch}, the others of epoch {first.Epoch}.", nameof(shares));
            }
            if (!d.Active.SequenceEqual(first.Active))
            {
                throw new ArgumentException($"The share of party {d.Party} was made for active set {PartySet.Format(d.Active)}, the others for {PartySet.Format(first.Active)}.", nameof(shares));
            }
            if (!seen.Add(d.Party))
            {
                throw new ArgumentException($"Party {d.Party} has two shares.", nameof(shares));
            }
        }
        var missing = first.Active.Where(p => !seen.Contains(p)).ToArray();
        if (missing.Length > 0)
        {
            throw new ArgumentException($"The shares of {PartySet.Format(missing)} are missing: the active set {PartySet.Format(first.Active)} decrypts only with all its members' shares.", nameof(shares));
        }
        return shares;
    }

    internal void CheckOperands(AdditiveSecretKey key, Ciphertext ciphertext)
    {
        if (!_parameters.MatchesFingerprint(key.Parameters.Fingerprint))
        {
            throw new ArgumentException("The key belongs to other parameters than the protocol.", nameof(key));
        }
        if (ciphertext.C1.N != _parameters.N || ciphertext.Level > _parameters.MaxLevel)
        {
            throw new ArgumentException($"The ciphertext (N = {ciphertext.C1.N}, level {ciphertext.Level}) does not fit the parameters.", nameof(ciphertext));
        }
    }

    internal void CheckCapacity(double messageBound, double variance, int level)
    {
        var half = (double)(_parameters.ModulusAtLevel(level) / 2);
        if (messageBound + 8 * Math.Sqrt(variance) >= half)
        {
            throw new CapacityExceededException(string.Create(CultureInfo.InvariantCulture,
                $"The decrypted value would wrap: message bound 2^{Math.Log2(Math.Max(messageBound, 1)):F1} plus 8σ of noise and flooding (σ = 2^{Math.Log2(Math.Max(Math.Sqrt(variance), 1)):F1}) reaches Q/2 = 2^{Math.Log2(half):F1} at level {level}; use parameters with a larger Q or fewer contributions per ciphertext."));
        }
    }
}
