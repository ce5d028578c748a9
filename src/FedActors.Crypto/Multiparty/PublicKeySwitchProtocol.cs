using System.Buffers.Binary;
using System.Security.Cryptography;
using FedActors.Crypto.Envelope;
using FedActors.Crypto.Ring;
using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Multiparty;

/// <summary>
/// Re-encryption to a public key without decrypting (collective public-key switching, PCKS: Mouchet et al., PETS 2021,
/// §4.4; Lattigo's <c>multiparty</c> public key switch). For a ciphertext (c0, c1) under the collective secret s and a
/// target key (p0', p1') = (−a'·s' + e', a'), each key holder j of the active set publishes
/// (h0_j, h1_j) = (s'_j·c1 + u_j·p0' + e0_j, u_j·p1' + e1_j) with u_j ternary, e0_j flooding noise and e1_j the usual
/// error; (c0 + Σ h0_j, Σ h1_j) then decrypts under s' to m + e + Σ(u_j·e' + e0_j + e1_j·s'). No one sees m, and a share
/// counts against the same <see cref="DecryptionRecord"/> as a decryption share (it reveals c1·s'_j under flooding
/// just the same). Thread-safe when the random source is.
/// </summary>
public sealed class PublicKeySwitchProtocol
{
    private readonly RlweParameters _parameters;
    private readonly FloodingSettings _flooding;
    private readonly IRandomSource _random;
    private readonly DecryptionShareProtocol _checks;

    /// <summary>Creates the protocol; u, errors and flooding come from <paramref name="random"/> (default: <see cref="SystemRandomSource"/>).</summary>
    public PublicKeySwitchProtocol(RlweParameters parameters, FloodingSettings flooding, IRandomSource? random = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(flooding);
        _parameters = parameters;
        _flooding = flooding;
        _random = random ?? SystemRandomSource.Instance;
        _checks = new DecryptionShareProtocol(parameters, flooding, _random);
    }

    /// <summary>Returns SHA-256 over a domain and the residues of the target key's p0 and p1: what shares name the target by.</summary>
    public static byte[] TargetDigest(PublicKey target)
    {
        ArgumentNullException.ThrowIfNull(target);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(new CanonicalEncoder("fedactors/pcks-target/v1").Add(target.Parameters.Fingerprint).ToArray());
        var buffer = new byte[8];
        foreach (var polynomial in new[] { target.P0, target.P1 })
        {
            foreach (var residue in polynomial.Residues)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(buffer, residue);
                hash.AppendData(buffer);
            }
        }
        return hash.GetHashAndReset();
    }

    /// <summary>
    /// Returns the key holder's re-encryption share of <paramref name="ciphertext"/> towards <paramref name="target"/>,
    /// after recording it; the flooding is sized as in <see cref="DecryptionShareProtocol.GenShare"/>, from the larger of
    /// the ciphertext's noise estimate and <paramref name="trustedNoise"/>.
    /// </summary>
    /// <exception cref="DecryptionRefusedException">The ciphertext was already shared, the budget is spent, or the epochs differ.</exception>
    public PublicKeySwitchShare GenShare(AdditiveSecretKey key, Ciphertext ciphertext, PublicKey target, NoiseEstimate trustedNoise, DecryptionRecord record)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(ciphertext);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(record);
        _checks.CheckOperands(key, ciphertext);
        var keyValue = key.Value;
        if (!_parameters.MatchesFingerprint(target.Parameters.Fingerprint))
        {
            throw new ArgumentException("The target key belongs to other parameters than the protocol.", nameof(target));
        }
        var sigma = _checks.FloodingStandardDeviation(ciphertext, trustedNoise);
        var digest = CiphertextDigest.Compute(_parameters, ciphertext);
        var targetDigest = TargetDigest(target);
        record.Reserve(digest, key.Epoch);
        var ring = _parameters.RingQ;
        var level = ciphertext.Level;
        var u = ring.NewPolynomial(level);
        new TernarySampler(_random).Sample(ring, u);
        ring.Forward(u);
        var h0 = ring.NewPolynomial(level);
        var h1 = ring.NewPolynomial(level);
        // The target key spans Q·P; its first level + 1 limbs are the ciphertext primes the ring reads.
        ring.MulCoefficients(u, target.P0, h0);
        ring.MulCoefficients(u, target.P1, h1);
        u.Clear();
        var c1 = ciphertext.C1.Clone();
        ring.Forward(c1);
        ring.MulCoefficients(c1, keyValue, c1);
        ring.Add(h0, c1, h0);
        c1.Clear();
        ring.Inverse(h0);
        ring.Inverse(h1);
        ShareMath.AddGaussian(ring, h0, sigma, _random);
        ShareMath.AddError(_parameters, h1, _random);
        return new PublicKeySwitchShare(_parameters, key.Epoch, key.PartyId, digest, targetDigest, [.. key.ActiveSet], sigma * sigma, h0, h1);
    }

    /// <summary>
    /// Returns (c0 + Σ h0_j, Σ h1_j), the ciphertext re-encrypted under <paramref name="target"/>, with the original scale,
    /// encoding and bound and a noise estimate that includes the flooding.
    /// </summary>
    /// <exception cref="ArgumentException">A share is missing, repeated, of another ciphertext, target, epoch or active set.</exception>
    /// <exception cref="CapacityExceededException">The message bound plus 8σ of the new noise reaches Q/2.</exception>
    public Ciphertext KeySwitch(Ciphertext ciphertext, PublicKey target, IReadOnlyCollection<PublicKeySwitchShare> shares)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(shares);
        var digest = CiphertextDigest.Compute(_parameters, ciphertext);
        var targetDigest = TargetDigest(target);
        var ring = _parameters.RingQ;
        var c0 = ciphertext.C0.Clone();
        var c1 = ring.NewPolynomial(ciphertext.Level);
        var variance = ciphertext.Noise.Variance;
        var n = (double)_parameters.N;
        var sigma2 = _parameters.Sigma * _parameters.Sigma;
        foreach (var share in DecryptionShareProtocol.CheckShareSet(shares, digest, ciphertext.Level, s => (s.PartyId, s.Epoch, s.ActiveSet, s.CiphertextDigest.ToArray(), s.Level, s.Parameters)))
        {
            if (!share.TargetDigest.SequenceEqual(targetDigest))
            {
                throw new ArgumentException($"The share of party {share.PartyId} re-encrypts to another target key.", nameof(shares));
            }
            ring.Add(c0, share.H0, c0);
            ring.Add(c1, share.H1, c1);
            // u_j·e' + e0_j + e1_j·s': N·(2/3)·Var e' + σ_flood² + N·Var s'·σ².
            variance += n * TernarySampler.Variance * target.ErrorVariance + share.FloodingVariance + n * target.SecretVariance * sigma2;
        }
        _checks.CheckCapacity(ciphertext.MessageBound, variance, ciphertext.Level);
        return new Ciphertext(c0, c1, ciphertext.Scale, ciphertext.Encoding, ciphertext.MessageBound, new NoiseEstimate(variance));
    }
}
