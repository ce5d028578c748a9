using FedActors.Actors.Core;
using FedActors.Configuration;
using FedActors.Crypto.Ckks;
using FedActors.Crypto.Envelope;
using FedActors.Crypto.Multiparty;
using FedActors.Crypto.Rlwe;
using FedActors.Federation.Client.Adversaries;
using FedActors.Federation.Coordinator;
using FedActors.Federation.KeyManager;
using FedActors.Federation.Metrics;
using FedActors.Federation.Scenarios;
using FedActors.Federation.Secure;

namespace FedActors.Federation.Simulation;

/// <summary>
/// Secure-sum runs: the runner adds a KeyManager to the federation, gives every client its secure context and the
/// Coordinator its signing key, and keeps the oracle view outside the protocol's roles: the <see cref="Oracle"/>
/// evaluates the model the clients agreed on (the node's published model), the runner checkpoints it (the Coordinator
/// never holds it), and with <c>metrics.decryption-error = on</c> a <see cref="DecryptionErrorOracle"/> compares the
/// decrypted aggregate with the clients' plaintext vectors.
/// </summary>
public sealed partial class ScenarioRunner
{
    /// <summary>Tests only: receives the node's final global model after the last round.</summary>
    internal Action<GlobalModel>? FinalModelObserver { get; init; }

    /// <summary>Tests only: receives the run's node after the last round (e.g. to count the key holders' shared verifications).</summary>
    internal Action<SimulationNode>? FinalNodeObserver { get; init; }

    /// <summary>Tests only: called in a secure run after each round with the round number and the client actors (e.g. to stop a key holder).</summary>
    internal Action<int, IReadOnlyList<IActorRef>>? AfterSecureRound { get; init; }

    internal static void RequireSecureSupported(Scenario scenario)
    {
        if (!scenario.Federation.IsSecure)
        {
            return;
        }
        var encoding = CkksParameterSets.Get(scenario.Crypto.Parameters).Encoding == PlaintextEncoding.Coefficients ? "coefficients" : "slots";
        Require(
            encoding == scenario.Crypto.Encoding,
            $"crypto.encoding = {scenario.Crypto.Encoding} differs from the encoding of crypto.parameters = {scenario.Crypto.Parameters} ({encoding}); set crypto.encoding = {encoding}");
    }

    /// <summary>The secure-sum parts of one run: settings, the Coordinator's signing key, the clients' context and the decryption-error oracle.</summary>
    private sealed class SecureRun : IDisposable
    {
        private readonly Scenario _scenario;
        private readonly string _runId;
        private readonly EcKeyPair[] _identities;
        private readonly EcKeyPair _coordinatorKey;
        private readonly DecryptionErrorOracle? _errors;

        private readonly CollusionPool? _collusion;

        private SecureRun(Scenario scenario, string runId, EcKeyPair[] identities, SecureSettings settings, DecryptionErrorOracle? errors, CollusionPool? collusion)
        {
            _collusion = collusion;
            _scenario = scenario;
            _runId = runId;
            _identities = identities;
            _coordinatorKey = EcKeyPair.Generate();
            _errors = errors;
            Settings = settings;
            var roster = identities.Select((identity, i) => (Id: CoordinatorActor.ClientId(i), identity.PublicKey)).ToDictionary(p => p.Id, p => p.PublicKey, StringComparer.Ordinal);
            ClientContext = new SecureClientContext(settings, runId, _coordinatorKey.PublicKey, roster, errors, collusion);
        }

        public SecureSettings Settings { get; }

        public SecureClientContext ClientContext { get; }

        public static SecureRun Create(Scenario scenario, string runId, EcKeyPair[] identities, Config systemConfig)
        {
            var ckks = CkksSettings.FromConfig(systemConfig);
            var settings = SecureSettings.From(scenario, FloodingSettings.FromConfig(systemConfig), ckks.EffectiveEncryptionThreads);
            var collusion = scenario.Attacks.OfType<ColludingKeyHoldersAttack>().FirstOrDefault() is { } attack ? new CollusionPool(attack, settings, scenario.Rounds) : null;
            return new SecureRun(scenario, runId, identities, settings, scenario.Metrics.DecryptionError ? new DecryptionErrorOracle() : null, collusion);
        }

        /// <summary>Starts the KeyManager; each ceremony phase waits at most <paramref name="phaseTimeout"/> for the committee.</summary>
        public SecureCoordination StartKeyManager(ActorSystem system, IActorRef[] clients, SimulationNode node, TimeSpan phaseTimeout)
        {
            var ids = Enumerable.Range(0, clients.Length).Select(CoordinatorActor.ClientId).ToArray();
            var keyManager = system.ActorOf(
                KeyManagerActor.Props(Settings, _runId, _scenario.Seed, clients, ids, _identities.Select(k => k.PublicKey).ToArray(), phaseTimeout),
                "key-manager");
            var curious = _scenario.Attacks.OfType<CuriousCoordinatorAttack>().FirstOrDefault() is { } attack ? new CuriousCoordinator(attack, _scenario.Rounds, Settings) : null;
            return new SecureCoordination(Settings, keyManager, _coordinatorKey, node.Spec.ParameterCount + 1, curious);
        }

        /// <summary>
        /// What the Coordinator calls after each round (on its thread, once the clients agreed on the round's model): the
        /// runner checkpoints the agreed model for a later resume, adds the decryption error and hands the round to the
        /// oracle. The attackers' replays of a completed round become its undetected replays, and clients that crash in
        /// the next round (<see cref="Presence.Stops"/>) are stopped now, selected or not, so the Coordinator sees them
        /// terminate as the round opens (a crashing client also stops itself when a round's request reaches it first, as
        /// in a crash at round 1).
        /// </summary>
        public Action<RoundMetrics> Observer(
            Oracle oracle, SimulationNode node, ModelCheckpoints checkpoints, IActorRef[] clients, AttackerAssignment attackers, Action<int, IReadOnlyList<IActorRef>>? afterRound) =>
            metrics =>
            {
                if (metrics.Status == RoundStatus.Completed)
                {
                    checkpoints.Write(metrics.Round, node.Global.Parameters);
                }
                var undetected = attackers.Replays?.Take((uint)metrics.Round) ?? 0;
                oracle.Observe(metrics with
                {
                    DecryptionError = _errors?.TakeError((uint)metrics.Round),
                    UndetectedReplays = metrics.Status == RoundStatus.Completed ? undetected : 0,
                    CollusionRelativeError = _collusion?.Take((uint)metrics.Round),
                });
                for (var i = 0; i < clients.Length; i++)
                {
                    // Once: after the round before the crash (a crash at round 1 is stopped after round 1 if no request reached it).
                    if (attackers.For(i) is { } adversary && adversary.PresenceIn(metrics.Round + 1).Stops && (metrics.Round == 1 || !adversary.PresenceIn(metrics.Round).Stops))
                    {
                        clients[i].Tell(PoisonPill.Instance);
                    }
                }
                afterRound?.Invoke(metrics.Round, clients);
            };

        public void Dispose()
        {
            _coordinatorKey.Dispose();
            _collusion?.Dispose();
        }
    }
}
