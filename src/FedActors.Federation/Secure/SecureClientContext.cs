using FedActors.Crypto.Envelope;

namespace FedActors.Federation.Secure;

/// <summary>What a client needs in secure-sum mode.</summary>
/// <param name="Settings">The run's secure settings.</param>
/// <param name="RunId">The run id.</param>
/// <param name="CoordinatorKey">The Coordinator's signature key (key holders verify manifests with it).</param>
/// <param name="Roster">Every client's signature key (key holders verify manifest entries with it).</param>
/// <param name="Oracle">The runner's decryption-error oracle, when <c>metrics.decryption-error = on</c>.</param>
/// <param name="Collusion">The <c>colluding-key-holders</c> coalition, when the scenario has that attack.</param>
public sealed record SecureClientContext(
    SecureSettings Settings, string RunId, EcPublicKey CoordinatorKey, IReadOnlyDictionary<string, EcPublicKey> Roster, DecryptionErrorOracle? Oracle,
    CollusionPool? Collusion = null);
