using FedActors.Actors.Core;
using FedActors.Crypto.Ckks;
using FedActors.Crypto.Envelope;
using FedActors.Crypto.Multiparty;
using FedActors.Crypto.Rlwe;
using FedActors.Federation.Client;
using FedActors.Federation.Coordinator;
using FedActors.Federation.KeyManager;
using FedActors.Federation.Metrics;
using FedActors.Federation.Scenarios;
using FedActors.Federation.Secure;
using FedActors.Learning.Randomness;

namespace FedActors.Federation.Simulation;

/// <summary>
/// Secure-sum runs: the runner adds a KeyManager to the federation, gives every client its secure context and the
/// Coordinator its signing key, and keeps the oracle view outside the protocol's roles: the <see cref="Oracle"/>
/// evaluates the model the clients agreed on (the node's published model) and, with
/// <c>metrics.decryption-error = on</c>, a <see cref="DecryptionErrorOracle"/> compares the decrypted aggregate with
/// the clients' plaintext vectors.
/// </summary>
public sealed partial class ScenarioRunner
{
    /// <summary>Tests only: receives the node's final global model after the last round.</summary>
    internal Action<GlobalModel>? FinalModelObserver { get; init; }

    /// <summary>Tests only: called in a secure run after each round with the round number and the client actors (e.g. to stop a key holder).</summary>
    internal Action<int, IReadOnlyList<IActorRef>>? AfterSecureRound { get; init; }

    private static void RequireSecureSupported(Scenario scenario)
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

    private async Task<IReadOnlyList<RoundMetrics>> RunSecureAsync(
        Scenario scenario, SimulationNode node, EcKeyPair[] identities, Action<RoundMetrics> onRound, CancellationToken cancellationToken)
    {
        var ckks = CkksSettings.FromConfig(_systemConfig);
        var settings = SecureSettings.From(scenario, FloodingSettings.FromConfig(_systemConfig), ckks.EffectiveEncryptionThreads);
        var oracle = scenario.Metrics.DecryptionError ? new DecryptionErrorOracle() : null;
        using var coordinatorKey = EcKeyPair.Generate();
        await using var system = ActorSystem.Create("federation", _systemConfig);
        var runId = $"{scenario.Name}-{scenario.Seed}";
        var ids = Enumerable.Range(0, identities.Length).Select(CoordinatorActor.ClientId).ToArray();
        var roster = ids.Zip(identities).ToDictionary(p => p.First, p => p.Second.PublicKey, StringComparer.Ordinal);
        var context = new SecureClientContext(settings, runId, coordinatorKey.PublicKey, roster, oracle);
        var signFlips = SignFlippers(scenario);
        var clients = identities.Select((identity, i) =>
            system.ActorOf(
                ClientActor.Props(ids[i], i, node, identity, SeededRandom.Derive((ulong)scenario.Seed, (ulong)i + 1), signFlips.GetValueOrDefault(i), context),
                ids[i]))
            .ToArray();
        var keyManager = system.ActorOf(
            KeyManagerActor.Props(settings, runId, scenario.Seed, clients, ids, identities.Select(k => k.PublicKey).ToArray(), scenario.Federation.RoundTimeout),
            "key-manager");
        var evaluation = new Oracle(node, scenario, onRound);
        // Called on the Coordinator's thread once the clients agreed on the round's model (the node's published one).
        void Observe(RoundMetrics metrics)
        {
            evaluation.Observe(metrics with { DecryptionError = oracle?.TakeError((uint)metrics.Round) });
            AfterSecureRound?.Invoke(metrics.Round, clients);
        }
        var completion = new TaskCompletionSource<IReadOnlyList<RoundMetrics>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var secure = new SecureCoordination(settings, keyManager, coordinatorKey, node.Spec.ParameterCount + 1);
        system.ActorOf(CoordinatorActor.Props(scenario, runId, node, clients, roster, _time, Observe, completion, secure), "coordinator");
        await completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return await evaluation.CompleteAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
    }
}
