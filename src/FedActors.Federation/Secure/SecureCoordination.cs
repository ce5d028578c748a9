using FedActors.Actors.Core;
using FedActors.Crypto.Envelope;
using FedActors.Federation.Coordinator;

namespace FedActors.Federation.Secure;

/// <summary>What a Coordinator needs to run secure-sum rounds: the settings, the KeyManager it asks for epochs, its own signing key (manifests), and the length of the vector clients encrypt (model parameters + 1).</summary>
/// <param name="Settings">The run's secure settings.</param>
/// <param name="KeyManager">The KeyManager that keys epochs.</param>
/// <param name="CoordinatorKey">The Coordinator's signing key; key holders verify manifests with its public key.</param>
/// <param name="VectorLength">Values each client encrypts: its weighted update followed by its sample count.</param>
/// <param name="Curious">The <c>curious-coordinator</c> attack, when the scenario has it; null for an honest Coordinator.</param>
public sealed record SecureCoordination(SecureSettings Settings, IActorRef KeyManager, EcKeyPair CoordinatorKey, int VectorLength, CuriousCoordinator? Curious = null);
