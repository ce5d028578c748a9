using FedActors.Crypto.Ckks;
using FedActors.Crypto.Multiparty;
using FedActors.Federation.Scenarios;

namespace FedActors.Federation.Secure;

/// <summary>
/// What every party of a secure-sum run shares: the CKKS parameter set, the flooding rule, the randomness, and the
/// protocol's public thresholds.
/// </summary>
/// <param name="Parameters">The CKKS parameter set (<c>crypto.parameters</c>).</param>
/// <param name="Flooding">The decryption shares' flooding rule (<c>fedactors.crypto.flooding</c>).</param>
/// <param name="Randomness">Where encryption, key and flooding randomness come from.</param>
/// <param name="Threshold">t: key holders that decrypt together.</param>
/// <param name="SpareHolders">Re-key when fewer than t + this many committee members remain live.</param>
/// <param name="CommitteeSize">Key holders per epoch.</param>
/// <param name="RotateEvery">Re-key every this many rounds (0 = never on schedule).</param>
/// <param name="MinContributions">Distinct signed contributions a key holder requires in a manifest.</param>
/// <param name="VerifyAggregate">Key holders check that the aggregate is the sum of the listed contributions.</param>
/// <param name="EncryptionThreads">Threads one client encrypts its update with (ignored with deterministic randomness).</param>
public sealed record SecureSettings(
    CkksParameters Parameters,
    FloodingSettings Flooding,
    CryptoRandomness Randomness,
    int Threshold,
    int SpareHolders,
    int CommitteeSize,
    int RotateEvery,
    int MinContributions,
    bool VerifyAggregate,
    int EncryptionThreads)
{
    /// <summary>The settings of <paramref name="scenario"/>'s secure-sum run.</summary>
    /// <param name="scenario">A validated scenario.</param>
    /// <param name="flooding">The flooding rule of the node's configuration.</param>
    /// <param name="encryptionThreads">Threads per client encryption (≥ 1).</param>
    /// <returns>The settings.</returns>
    public static SecureSettings From(Scenario scenario, FloodingSettings flooding, int encryptionThreads)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(flooding);
        ArgumentOutOfRangeException.ThrowIfLessThan(encryptionThreads, 1);
        var crypto = scenario.Crypto;
        return new SecureSettings(
            CkksParameterSets.Get(crypto.Parameters),
            flooding,
            new CryptoRandomness(crypto.DeterministicRandomness, scenario.Seed),
            crypto.Threshold,
            crypto.SpareHolders,
            crypto.CommitteeSize,
            crypto.RotateEvery,
            scenario.Federation.MinContributions,
            crypto.VerifyAggregate,
            encryptionThreads);
    }
}
