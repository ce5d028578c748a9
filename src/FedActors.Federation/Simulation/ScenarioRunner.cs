using FedActors.Actors.Core;
using FedActors.Configuration;
using FedActors.Crypto.Envelope;
using FedActors.Federation.Client;
using FedActors.Federation.Client.Adversaries;
using FedActors.Federation.Coordinator;
using FedActors.Federation.Journal;
using FedActors.Federation.Metrics;
using FedActors.Federation.Reporting;
using FedActors.Federation.Scenarios;
using FedActors.Learning;
using FedActors.Learning.Data;
using FedActors.Learning.Models;
using FedActors.Learning.Partitions;
using FedActors.Learning.Randomness;
using FedActors.Learning.Training;
using FedActors.Persistence;

namespace FedActors.Federation.Simulation;

/// <summary>
/// Runs one scenario as a federation of actors in one <see cref="ActorSystem"/>: loads the data,
/// partitions it by the seed, builds one node shared by every client, a Coordinator and the
/// clients, runs every round, and writes <c>metrics.json</c> (and <c>report.html</c> when
/// <c>output.report = html</c>) and the model files of <see cref="ModelCheckpoints"/> into the run directory.
/// A model from an encrypted assembly (<see cref="ModelCode"/>) is decrypted before anything else (before a new run's directory exists) and unloaded at the end.
/// The Coordinator journals the run in the store <c>scenario.persistence</c> names (see <see cref="Journal.RunStore"/>),
/// so a run whose process was killed continues with <see cref="ResumeAsync"/>.
/// </summary>
public sealed partial class ScenarioRunner
{
    private readonly Config _systemConfig;
    private readonly LearningSettings _learning;
    private readonly TimeProvider _time;

    /// <summary>Creates a runner.</summary>
    /// <param name="systemConfig">The actor system's configuration (with the reference as fallback).</param>
    /// <param name="learning">Data cache, trainer workers and GEMM backend.</param>
    /// <param name="time">The clock of deadlines and run times.</param>
    public ScenarioRunner(Config systemConfig, LearningSettings learning, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(systemConfig);
        ArgumentNullException.ThrowIfNull(learning);
        ArgumentNullException.ThrowIfNull(time);
        _systemConfig = systemConfig;
        _learning = learning;
        _time = time;
    }

    /// <summary>
    /// The model owner's key (<see cref="Crypto.Artifacts.ArtifactKey.FromKeyPair"/>), with which <see cref="ResumeAsync"/> reads
    /// checkpoints encrypted to the owner (<c>output.encrypt-to</c>); without it such a run cannot resume.
    /// </summary>
    public Crypto.Artifacts.ArtifactKey? OwnerKey { get; init; }

    /// <summary>Called after each event the Coordinator journals; an exception it throws crashes the Coordinator, which then recovers from its journal (tests).</summary>
    internal Action<Google.Protobuf.IMessage>? AfterCoordinatorEvent { get; init; }

    /// <summary>Runs <paramref name="scenario"/> to the end and writes its metrics and report.</summary>
    /// <param name="scenario">A validated scenario.</param>
    /// <param name="variant">The sweep variant's name, if any.</param>
    /// <param name="onRound">Called after each round (on an actor thread) with its metrics.</param>
    /// <param name="cancellationToken">Stops the run; the task is then cancelled.</param>
    /// <returns>The run's metrics, as written to <c>metrics.json</c>.</returns>
    /// <exception cref="ScenarioException">The model assembly's key cannot be read or is wrong, or the assembly holds no usable model definition (nothing has run).</exception>
    /// <exception cref="Crypto.Artifacts.ArtifactException">The final model file cannot be written.</exception>
    /// <exception cref="NotSupportedException">The scenario uses a <c>crypto.encoding</c> other than its parameter set's, which this runner does not run yet.</exception>
    public async Task<RunMetrics> RunAsync(Scenario scenario, string? variant, Action<RoundMetrics>? onRound = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        RequireSecureSupported(scenario);
        // Decrypted before the run directory exists, so a wrong model key leaves nothing behind.
        using var modelCode = LoadModelCode(scenario);
        var runId = $"{scenario.Name}-{scenario.Seed}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4))}";
        RunStore.StartFresh(scenario.Output.Directory, scenario.Text, runId);
        return await RunCoreAsync(scenario, variant, runId, null, modelCode, onRound, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Continues the run in <paramref name="runDirectory"/> (killed or stopped before its end) from its journal: the
    /// scenario and run id it recorded, the model of its last completed round from its checkpoint, an interrupted round
    /// opened again. The clients get new identities, which the journal records. Finishes with the model an
    /// uninterrupted run would have, and writes metrics and report as <see cref="RunAsync"/> does.
    /// </summary>
    /// <param name="runDirectory">The run directory (with scenario.conf, run-id and, by default, journal.db).</param>
    /// <param name="onRound">Called with each round's metrics in round order: the rounds recovered from the journal first, then those run now.</param>
    /// <param name="cancellationToken">Stops the run; the task is then cancelled.</param>
    /// <returns>Every round's metrics, recovered and new, as written to <c>metrics.json</c>.</returns>
    /// <exception cref="ResumeException">The directory is not a run directory, or its journal, scenario and checkpoints do not fit together.</exception>
    public async Task<RunMetrics> ResumeAsync(string runDirectory, Action<RoundMetrics>? onRound = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runDirectory);
        var (scenario, runId, recovered) = await ReadRunAsync(runDirectory, _systemConfig.GetConfig("fedactors.persistence"), _time, cancellationToken).ConfigureAwait(false);
        RequireSecureSupported(scenario);
        using var modelCode = LoadModelCode(scenario);
        return await RunCoreAsync(scenario, recovered.Variant, runId, recovered, modelCode, onRound, cancellationToken).ConfigureAwait(false);
    }

    private static ModelCode? LoadModelCode(Scenario scenario) => scenario.Model.Assembly is { } assembly ? ModelCode.Load(assembly) : null;

    /// <summary>
    /// What a resumed run starts from: the scenario recorded in <paramref name="runDirectory"/> (writing into that
    /// directory), its run id, and its journal read from the store the scenario names.
    /// </summary>
    /// <exception cref="ResumeException">The directory is not a run directory, or its journal does not fit.</exception>
    internal static async Task<(Scenario Scenario, string RunId, JournaledRun Recovered)> ReadRunAsync(
        string runDirectory, Config persistence, TimeProvider time, CancellationToken cancellationToken)
    {
        var runId = RunStore.ReadRunId(runDirectory);
        var scenarioPath = Path.Combine(runDirectory, RunStore.ScenarioFile);
        var loaded = ScenarioLoader.FromText(File.ReadAllText(scenarioPath), scenarioPath).Base;
        var scenario = loaded with { Output = loaded.Output with { Directory = runDirectory } };
        var storeSettings = RunStore.StoreSettings(scenario.Persistence, runDirectory, persistence);
        await using var journal = RunStore.OpenJournal(scenario.Persistence, storeSettings, time);
        return (scenario, runId, await JournaledRun.ReadAsync(journal, runId, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Writes a finished run's final model file, <c>metrics.json</c> and, with <c>output.report = html</c>, <c>report.html</c>.</summary>
    internal static void WriteOutputs(Scenario scenario, RunMetrics metrics, GlobalModel final)
    {
        Directory.CreateDirectory(scenario.Output.Directory);
        ModelCheckpoints.FromSettings(scenario.Output).WriteFinal(final.Parameters);
        MetricsFile.Write(metrics, Path.Combine(scenario.Output.Directory, MetricsFile.FileName));
        if (scenario.Output.Report == "html")
        {
            HtmlReport.Write([metrics], Path.Combine(scenario.Output.Directory, HtmlReport.FileName));
        }
    }

    private async Task<RunMetrics> RunCoreAsync(
        Scenario scenario, string? variant, string runId, JournaledRun? recovered, ModelCode? modelCode, Action<RoundMetrics>? onRound, CancellationToken cancellationToken)
    {
        var startedAt = _time.GetUtcNow();
        var started = _time.GetTimestamp();
        using var pool = new TrainerPool(_learning.TrainerWorkers, _learning.CreateGemm());
        var node = CreateNode(scenario, _learning, modelCode, pool);
        var identities = Enumerable.Range(0, scenario.Federation.Clients).Select(_ => EcKeyPair.Generate()).ToArray();
        try
        {
            var rounds = await RunActorsAsync(scenario, variant, runId, recovered, node, identities, onRound ?? (_ => { }), cancellationToken).ConfigureAwait(false);
            var run = scenario.ToRunInfo(variant, startedAt) with
            {
                DurationSeconds = _time.GetElapsedTime(started).TotalSeconds,
                FinalModelHash = Convert.ToHexStringLower(node.Global.Hash),
            };
            var metrics = new RunMetrics { Run = run, Rounds = rounds };
            FinalModelObserver?.Invoke(node.Global);
            FinalNodeObserver?.Invoke(node);
            WriteOutputs(scenario, metrics, node.Global);
            return metrics;
        }
        finally
        {
            foreach (var identity in identities)
            {
                identity.Dispose();
            }
        }
    }

    private async Task<IReadOnlyList<RoundMetrics>> RunActorsAsync(
        Scenario scenario, string? variant, string runId, JournaledRun? recovered, SimulationNode node, EcKeyPair[] identities, Action<RoundMetrics> onRound,
        CancellationToken cancellationToken)
    {
        // The stores are opened and closed here rather than by the system, so the journal file is closed when the run returns.
        var storeSettings = RunStore.StoreSettings(scenario.Persistence, scenario.Output.Directory, _systemConfig.GetConfig("fedactors.persistence"));
        await using var journal = RunStore.OpenJournal(scenario.Persistence, storeSettings, _time);
        await using var snapshots = RunStore.OpenSnapshotStore(scenario.Persistence, storeSettings, _time);
        await using var system = ActorSystem.Create("federation", _systemConfig);
        PersistenceExtension.Register(system, journal, snapshots);
        ulong ClientSeed(int i) => SeededRandom.Derive((ulong)scenario.Seed, (ulong)i + 1);
        var attackers = AttackerAssignment.Create(scenario, node.Data.Train.Classes, ClientSeed, _time);
        using var secure = scenario.Federation.IsSecure ? SecureRun.Create(scenario, runId, identities, _systemConfig) : null;
        var actors = identities.Select((identity, i) =>
                system.ActorOf(ClientActor.Props(CoordinatorActor.ClientId(i), i, node, identity, ClientSeed(i), attackers.For(i), secure?.ClientContext), CoordinatorActor.ClientId(i)))
            .ToArray();
        // An eavesdropping attacker taps the honest clients' links to the Coordinator; the clients themselves are
        // unchanged, and the KeyManager (which knows members by their actor) talks to them directly.
        var clients = actors.Select((client, i) => attackers.Eavesdropper is { } eavesdropper && attackers.For(i) is null
                ? system.ActorOf(WiretapActor.Props(client, eavesdropper), $"{CoordinatorActor.ClientId(i)}-tap")
                : client)
            .ToArray();
        var roster = identities.Select((identity, i) => (Id: CoordinatorActor.ClientId(i), identity.PublicKey))
            .ToDictionary(p => p.Id, p => p.PublicKey, StringComparer.Ordinal);
        var completion = new TaskCompletionSource<IReadOnlyList<RoundMetrics>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var checkpoints = ModelCheckpoints.FromSettings(scenario.Output);
        var oracle = new Oracle(node, scenario, onRound);
        if (recovered is not null)
        {
            Replay(recovered, node, checkpoints, OwnerKey, oracle);
        }
        var coordination = secure?.StartKeyManager(system, actors, node, scenario.Federation.RoundTimeout);
        Action<RoundMetrics> observe = secure is null ? oracle.Observe : secure.Observer(oracle, node, checkpoints, actors, attackers, AfterSecureRound);
        system.ActorOf(
            AfterCoordinatorEvent is { } afterEvent
                ? CoordinatorActor.Props(scenario, runId, variant, node, clients, roster, checkpoints, _time, observe, completion, afterEvent, coordination)
                : CoordinatorActor.Props(scenario, runId, variant, node, clients, roster, checkpoints, _time, observe, completion, coordination),
            "coordinator");
        await completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return await oracle.CompleteAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Hands the rounds a resumed run already ended to the oracle (which evaluates the checkpointed models again:
    /// oracle figures are not journaled) and leaves the node holding the last completed round's model.
    /// </summary>
    internal static void Replay(JournaledRun recovered, SimulationNode node, ModelCheckpoints checkpoints, Crypto.Artifacts.ArtifactKey? ownerKey, Oracle oracle)
    {
        var ended = recovered.EndedRounds.ToArray();
        var last = ended.LastOrDefault(r => r.ModelHash is not null)?.Round;
        foreach (var round in ended)
        {
            if (round.ModelHash is not null && (oracle.Evaluates(round.Round) || round.Round == last))
            {
                try
                {
                    node.Publish(checkpoints.Read(round.Round, round.ModelHash, ownerKey));
                }
                catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
                {
                    throw new ResumeException($"Run {recovered.Started.RunId} cannot resume: {e.Message}", e);
                }
            }
            oracle.Observe(round.Metrics!);
        }
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new NotSupportedException(message);
        }
    }
}
