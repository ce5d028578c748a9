using FedActors.Crypto.Ring;
using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Multiparty;

/// <summary>
/// Dealer-free generation of the collective public key (Mouchet et al., PETS 2021, §4.2; Lattigo's
/// <c>multiparty/keygen_cpk.go</c>): from the common polynomial a of the epoch, each party i publishes
/// p_i = −a·s_i + e_i; the sum p = Σ p_i = −a·s + e with s = Σ s_i is the public key (p, a) of the collective secret,
/// which no party knows. Shares are summed in any order (exact modular addition). Thread-safe when the random source is.
/// </summary>
public sealed class PublicKeyGenProtocol
{
    /// <summary>The CRS purpose of the common polynomial a (domain separation of <see cref="CommonReferenceString"/>).</summary>
    public const string CrsPurpose = "fedactors/multiparty/public-key";

    private readonly RlweParameters _parameters;
    private readonly IRandomSource _random;

    /// <summary>Creates the protocol; secrets and errors are drawn from <paramref name="random"/> (default: <see cref="SystemRandomSource"/>).</summary>
    public PublicKeyGenProtocol(RlweParameters parameters, IRandomSource? random = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = parameters;
        _random = random ?? SystemRandomSource.Instance;
    }

    /// <summary>
    /// Returns the common polynomial a of <paramref name="epoch"/> (uniform, read in the NTT domain over Q·P), expanded
    /// by SHAKE-128 from the epoch's CRS seed (<see cref="CrsCeremony.Complete"/>) with this protocol's purpose.
    /// </summary>
    public RnsPolynomial SampleCrp(ReadOnlySpan<byte> crsSeed, ulong epoch) =>
        CommonReferenceString.Sample(_parameters.RingQP, crsSeed, CrsPurpose, epoch, 0);

    /// <summary>Returns a fresh uniform ternary secret s_i for this party (NTT domain over Q·P).</summary>
    public SecretKey GenSecretKey() => new KeyGenerator(_parameters, _random).GenSecretKey();

    /// <summary>Allocates an empty aggregate for <paramref name="epoch"/>, into which <see cref="AggregateShares"/> adds.</summary>
    public PublicKeyShare AllocateShare(ulong epoch) => PublicKeyShare.EmptyAggregate(_parameters, epoch);

    /// <summary>Returns party <paramref name="partyId"/>'s share −a·s_i + e_i for the common polynomial <paramref name="crp"/>.</summary>
    /// <exception cref="ArgumentException">The key or polynomial belongs to other parameters.</exception>
    public PublicKeyShare GenShare(SecretKey secretKey, RnsPolynomial crp, ulong epoch, int partyId)
    {
        ArgumentNullException.ThrowIfNull(secretKey);
        CheckCrp(crp);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partyId);
        if (!_parameters.MatchesFingerprint(secretKey.Parameters.Fingerprint))
        {
            throw new ArgumentException("The secret key belongs to other parameters than the protocol.", nameof(secretKey));
        }
        var ring = _parameters.RingQP;
        var share = ring.NewPolynomial();
        new GaussianSampler(_random, _parameters.Sigma, _parameters.ErrorBound).Sample(ring, share);
        ring.Forward(share);
        var product = ring.NewPolynomial();
        ring.MulCoefficients(crp, secretKey.Value, product);
        ring.Sub(share, product, share);
        product.Clear();
        return new PublicKeyShare(_parameters, epoch, partyId, share);
    }

    /// <summary>
    /// Adds <paramref name="share"/> (one party's or another aggregate) into <paramref name="aggregate"/> (from
    /// <see cref="AllocateShare"/>). Shares are summed in any order, but a party counted twice would silently double
    /// its secret, so a share whose parties overlap the aggregate's is refused.
    /// </summary>
    /// <exception cref="ArgumentException">Mixed epochs or parameters, overlapping parties, or the target is not an aggregate.</exception>
    public void AggregateShares(PublicKeyShare share, PublicKeyShare aggregate)
    {
        ArgumentNullException.ThrowIfNull(share);
        ArgumentNullException.ThrowIfNull(aggregate);
        if (!_parameters.MatchesFingerprint(share.Parameters.Fingerprint) || !_parameters.MatchesFingerprint(aggregate.Parameters.Fingerprint))
        {
            throw new ArgumentException("The shares belong to other parameters than the protocol.", nameof(share));
        }
        if (aggregate.PartyId != 0)
        {
            throw new ArgumentException($"Aggregate into a share from AllocateShare, not into party {aggregate.PartyId}'s own share.", nameof(aggregate));
        }
        if (share.Epoch != aggregate.Epoch)
        {
            throw new ArgumentException($"The share is for epoch {share.Epoch}, the aggregate for epoch {aggregate.Epoch}.", nameof(share));
        }
        var overlap = share.Parties.Where(aggregate.Parties.Contains).ToArray();
        if (overlap.Length > 0)
        {
            throw new ArgumentException($"Parties {PartySet.Format(overlap)} are already in the aggregate; each party contributes exactly once.", nameof(share));
        }
        _parameters.RingQP.Add(aggregate.Value, share.Value, aggregate.Value);
        foreach (var party in share.Parties)
        {
            aggregate.AddParty(party);
        }
    }

    /// <summary>
    /// Returns the collective public key (Σ p_i, a) from the aggregate of every party's share. Its noise metadata says
    /// the secret is a sum of n = |<see cref="PublicKeyShare.Parties"/>| ternary secrets (variance 2n/3) and the error a sum
    /// of as many Gaussians (variance n·σ²), which sizes encryption noise and, through it, flooding.
    /// </summary>
    public PublicKey GenPublicKey(PublicKeyShare aggregate, RnsPolynomial crp)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        CheckCrp(crp);
        if (!_parameters.MatchesFingerprint(aggregate.Parameters.Fingerprint))
        {
            throw new ArgumentException("The aggregate belongs to other parameters than the protocol.", nameof(aggregate));
        }
        var n = aggregate.Parties.Count;
        if (aggregate.PartyId != 0 || n == 0)
        {
            throw new ArgumentException("The collective key is made from a non-empty aggregate (AllocateShare, then AggregateShares).", nameof(aggregate));
        }
        return new PublicKey(_parameters, aggregate.Value.Clone(), crp.Clone(), n * TernarySampler.Variance, n * _parameters.Sigma * _parameters.Sigma);
    }

    private void CheckCrp(RnsPolynomial crp)
    {
        ArgumentNullException.ThrowIfNull(crp);
        if (crp.N != _parameters.N || crp.LimbCount != _parameters.RingQP.MaxLevel + 1)
        {
            throw new ArgumentException($"The common polynomial needs N = {_parameters.N} and {_parameters.RingQP.MaxLevel + 1} limbs (Q·P); use SampleCrp.", nameof(crp));
        }
    }
}
