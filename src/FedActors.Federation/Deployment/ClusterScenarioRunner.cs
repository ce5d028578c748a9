using FedActors.Actors.Core;
using FedActors.Cluster.Membership;
using FedActors.Cluster.Node;
using FedActors.Crypto.Envelope;
using FedActors.Crypto.Identity;
using FedActors.Federation.Coordinator;
using FedActors.Federation.Journal;
using FedActors.Federation.Metrics;
using FedActors.Federation.Protocol;
using FedActors.Federation.Scenarios;
using FedActors.Federation.Secure;
using FedActors.Federation.Simulation;
using FedActors.Learning;
using FedActors.Learning.Data;
using FedActors.Learning.Training;
using FedActors.Persistence;
using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace FedActors.Federation.Deployment;

/// <summary>
/// Runs a scenario over a cluster (<c>fedactors run SCENARIO --cluster</c>) from the coordinator node: waits until
/// <c>federation.clients</c> client members (and in secure-sum a key-manager) are Up, offers the run to each node's
/// <see cref="FederationHost"/>, which builds that client's own node (its partition, its model copy, its trainer pool)
/// and identity key, starts the clients and the KeyManager there with the run's roster, and runs the Coordinator on
/// this node with a <see cref="ClientLink"/> per client. The oracle evaluates on this node's test split: in plaintext
/// mode the Coordinator's published model, in secure-sum mode the model the clients agreed on, fetched from a client
/// node after each round (the researcher's view; the Coordinator itself still never sees it). Writes the run
/// directory as a simulation does (journal, checkpoints, <c>metrics.json</c>, <c>report.html</c>). One run per
/// coordinator process (the node's actor system has one persistence extension).
/// </summary>
/// <remarks>
/// Client indices: a catalog client node (set, partition-index) takes its <c>fedactors.node.data.partition-index</c>
/// of the scenario's partitioning, so a client keeps its data and identity index across runs and restarts. A client
/// node with its own data directory (<c>path</c>) trains on all of its files and takes one of the indices no catalog
/// node takes, in the order of the nodes' names (<see cref="ClientPlacement"/>); the journal's roster records which
/// node that was, and a resumed run gives it the same index again. The scenario's <c>data.partition</c> applies only
/// to catalog nodes; <c>data.set</c> still fixes the model's input shape and classes (which own data must match) and
/// the test split the oracle evaluates on. The placed indices must cover 0..clients-1 (extra client members are not
/// used). Training is deterministic per client seed, so a cluster run ends with the model of the in-process run with
/// the same scenario and data. Dropouts: a client whose process dies is a dropout; it stays selected
/// in later rounds (selection is a function of the seed and the round), which then wait for the round deadline and
/// complete if <c>min-contributions</c> remain.
/// </remarks>
public sealed class ClusterScenarioRunner
{
    private readonly FederationNode _node;
    private readonly DeploymentSettings _settings;
    private readonly LearningSettings _learning;
    private readonly TimeProvider _time;

    /// <summary>Creates the runner of a coordinator node.</summary>
    /// <param name="node">The started coordinator node (its system runs the Coordinator and journal).</param>
    /// <param name="settings">Join and host timeouts.</param>
    /// <param name="learning">Data cache, trainer workers and GEMM backend of this node (the oracle's evaluation).</param>
    /// <param name="time">The clock of deadlines and run times.</param>
    /// <exception cref="ArgumentException"><paramref name="node"/> is not a coordinator node.</exception>
    public ClusterScenarioRunner(FederationNode node, DeploymentSettings settings, LearningSettings learning, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(learning);
        ArgumentNullException.ThrowIfNull(time);
        if (node.Role != NodeRole.Coordinator)
        {
            throw new ArgumentException($"A cluster run starts on a coordinator node; {node.Name} is a {NodeRoles.ToName(node.Role)} node (fedactors.cluster.roles).", nameof(node));
        }
        _node = node;
        _settings = settings;
        _learning = learning;
        _time = time;
    }

    /// <summary>The model owner's key, with which <see cref="ResumeAsync"/> reads checkpoints encrypted to the owner.</summary>
    public Crypto.Artifacts.ArtifactKey? OwnerKey { get; init; }

    /// <summary>
    /// Waits until the members <paramref name="scenario"/> needs are Up: <c>federation.clients</c> clients and, in
    /// secure-sum mode, a key-manager; reports the count on every change.
    /// </summary>
    /// <param name="scenario">The scenario to run.</param>
    /// <param name="progress">Called with the counts whenever they change (and once at the start).</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="ClusterRunException">They were not all Up within <see cref="DeploymentSettings.JoinTimeout"/>; the message says how many were.</exception>
    public async Task WaitForMembersAsync(Scenario scenario, Action<MemberCount>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var started = _time.GetTimestamp();
        MemberCount? last = null;
        while (true)
        {
            var state = _node.Cluster.State;
            var count = new MemberCount(
                Reachable(state, NodeRole.Client).Count, scenario.Federation.Clients,
                Reachable(state, NodeRole.KeyManager).Count, scenario.Federation.IsSecure ? 1 : 0);
            if (count != last)
            {
                progress?.Invoke(count);
                last = count;
            }
            if (count.Complete)
            {
                return;
            }
            if (_time.GetElapsedTime(started) >= _settings.JoinTimeout)
            {
                throw new ClusterRunException(
                    $"After {_settings.JoinTimeout.TotalSeconds:0} s only {count} were Up (the scenario's federation.clients = {scenario.Federation.Clients}" +
                    (scenario.Federation.IsSecure ? " and a key-manager for secure-sum" : string.Empty) +
                    "); start the missing nodes with `fedactors node --config …` or wait longer with --join-timeout (fedactors.deployment.join-timeout).");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs <paramref name="scenario"/> over the cluster to the end and writes its metrics and report.</summary>
    /// <param name="scenario">A validated scenario without attacks or model assembly (simulation-only features).</param>
    /// <param name="onRound">Called after each round with its metrics (oracle figures included).</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The run's metrics, as written to <c>metrics.json</c>.</returns>
    /// <exception cref="ClusterRunException">The members are not Up in time, a node refused the run, or the clients' partition indices do not cover the scenario's clients.</exception>
    /// <exception cref="NotSupportedException">The scenario has attacks or a model assembly, which cluster runs do not carry out.</exception>
    public async Task<RunMetrics> RunAsync(Scenario scenario, Action<RoundMetrics>? onRound = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        RequireClusterSupported(scenario);
        await WaitForMembersAsync(scenario, null, cancellationToken).ConfigureAwait(false);
        var runId = $"{scenario.Name}-{scenario.Seed}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4))}";
        RunStore.StartFresh(scenario.Output.Directory, scenario.Text, runId);
        return await RunCoreAsync(scenario, runId, null, onRound ?? (_ => { }), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Continues the run in <paramref name="runDirectory"/> (its coordinator was killed) from its journal, with the client
    /// nodes that are members now: the scenario and run id it recorded, the last completed round's model from its
    /// checkpoint, new client identities (journaled as <c>RunResumed</c>), an interrupted round opened again.
    /// </summary>
    /// <param name="runDirectory">The run directory (scenario.conf, run-id; the journal where scenario.persistence says).</param>
    /// <param name="onRound">Called with each round's metrics: the recovered rounds first, then those run now.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>Every round's metrics, recovered and new.</returns>
    /// <exception cref="ResumeException">The directory is not a run directory, or its journal, scenario and checkpoints do not fit together.</exception>
    /// <exception cref="ClusterRunException">The members are not Up in time or a node refused the run.</exception>
    public async Task<RunMetrics> ResumeAsync(string runDirectory, Action<RoundMetrics>? onRound = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runDirectory);
        var (scenario, runId, recovered) = await ScenarioRunner.ReadRunAsync(runDirectory, _node.System.Config.GetConfig("fedactors.persistence"), _time, cancellationToken)
            .ConfigureAwait(false);
        RequireClusterSupported(scenario);
        await WaitForMembersAsync(scenario, null, cancellationToken).ConfigureAwait(false);
        return await RunCoreAsync(scenario, runId, recovered, onRound ?? (_ => { }), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Refuses what a cluster run does not carry out, before anything starts.</summary>
    /// <exception cref="NotSupportedException">The scenario has attacks or a model assembly, or secure-sum settings a run does not support.</exception>
    public static void RequireClusterSupported(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ScenarioRunner.RequireSecureSupported(scenario);
        if (scenario.Attacks.Count > 0)
        {
            throw new NotSupportedException($"attacks: a cluster run has no attackers (the {scenario.Attacks.Count} attacks of the scenario are simulation-only); run it without --cluster, or remove the attacks section");
        }
        if (scenario.Model.Assembly is not null)
        {
            throw new NotSupportedException("model.assembly: a cluster run builds the model on every node from model.type; an encrypted model assembly runs only without --cluster");
        }
    }

    private async Task<RunMetrics> RunCoreAsync(Scenario scenario, string runId, JournaledRun? recovered, Action<RoundMetrics> onRound, CancellationToken cancellationToken)
    {
        var startedAt = _time.GetUtcNow();
        var started = _time.GetTimestamp();
        var system = _node.System;
        using var pool = new TrainerPool(_learning.TrainerWorkers, _learning.CreateGemm());
        var node = ScenarioRunner.CreateNode(scenario, _learning, null, pool);
        var store = new ModelStore(node);
        var checkpoints = ModelCheckpoints.FromSettings(scenario.Output);
        var oracle = new Oracle(node, scenario, onRound);
        if (recovered is not null)
        {
            ScenarioRunner.Replay(recovered, node, checkpoints, OwnerKey, oracle);
        }
        var federation = await SetUpAsync(scenario, runId, node.Data.Train, ClientPlacement.Journaled(recovered, scenario.Federation.Clients), cancellationToken).ConfigureAwait(false);
        try
        {
            var rounds = await RunActorsAsync(scenario, runId, recovered?.Variant, federation, store, checkpoints, oracle, cancellationToken).ConfigureAwait(false);
            var run = scenario.ToRunInfo(recovered?.Variant, startedAt) with
            {
                DurationSeconds = _time.GetElapsedTime(started).TotalSeconds,
                FinalModelHash = Convert.ToHexStringLower(node.Global.Hash),
            };
            var metrics = new RunMetrics { Run = run, Rounds = rounds };
            ScenarioRunner.WriteOutputs(scenario, metrics, node.Global);
            return metrics;
        }
        finally
        {
            store.Abandon($"run {runId} ended");
            foreach (var host in federation.Hosts)
            {
                host.Tell(new RunEnd { RunId = runId }, ActorRefs.NoSender);
            }
            federation.CoordinatorKey?.Dispose();
        }
    }

    /// <summary>Offers the run to the members' hosts, places one client per index, and starts the clients and the KeyManager with the roster.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="runId">The run id.</param>
    /// <param name="data">The scenario's training set: the sample shape and classes a node with its own data must have.</param>
    /// <param name="journaled">When resuming, the node whose own data each client index trained on.</param>
    /// <param name="cancellationToken">Stops the set-up.</param>
    private async Task<Federation> SetUpAsync(Scenario scenario, string runId, Dataset data, IReadOnlyDictionary<int, string> journaled, CancellationToken cancellationToken)
    {
        var system = _node.System;
        var state = _node.Cluster.State;
        var clientMembers = Reachable(state, NodeRole.Client);
        var offers = clientMembers.Select(member =>
        {
            var host = system.ResolveActorRef(member.Address + FederationHost.Path);
            var offer = new HostOffer { RunId = runId, ScenarioText = scenario.Text, Classes = data.Classes };
            offer.SampleShape.Add(data.SampleShape.Dimensions.ToArray());
            return (Member: member, Host: host, Answer: OfferAsync(host, offer, member, cancellationToken));
        }).ToArray();
        var hosts = offers.Select(o => o.Host).ToList();
        var keyManagerMember = scenario.Federation.IsSecure ? Reachable(state, NodeRole.KeyManager)[0] : null;
        var keyManagerHost = keyManagerMember is null ? null : system.ResolveActorRef(keyManagerMember.Address + FederationHost.Path);
        if (keyManagerHost is not null)
        {
            hosts.Add(keyManagerHost);
            await AskHostAsync<HostJoined>(keyManagerHost, new HostOffer { RunId = runId, ScenarioText = scenario.Text }, keyManagerMember!, cancellationToken).ConfigureAwait(false);
        }
        // A client node that refuses or does not answer is left out; the run fails only if its index is then missing.
        await Task.WhenAll(offers.Select(o => o.Answer)).ConfigureAwait(false);
        foreach (var failure in offers.Select(o => o.Answer.Result.Failure).OfType<string>())
        {
            system.Log.LogWarning("Run {RunId}: {Failure} It takes no part in the run.", runId, failure);
        }
        var joinedOffers = offers.Where(o => o.Answer.Result.Joined is not null).ToArray();
        var placed = ClientPlacement.Place(scenario.Federation.Clients, joinedOffers.Select(o => o.Answer.Result.Joined!).ToArray(), journaled);
        var clients = new Joined[scenario.Federation.Clients];
        for (var i = 0; i < joinedOffers.Length; i++)
        {
            if (placed[i] != ClientPlacement.Unused)
            {
                clients[placed[i]] = new Joined(joinedOffers[i].Member, joinedOffers[i].Host, joinedOffers[i].Answer.Result.Joined!);
            }
        }
        var missing = Enumerable.Range(0, clients.Length).Where(i => clients[i] is null).ToArray();
        if (missing.Length > 0)
        {
            var answers = offers.Select(o => o.Answer.Result.Joined is { } j ? (j.OwnData ? $"{j.NodeName} has its own data" : $"{j.NodeName} took {j.ClientIndex}") : o.Answer.Result.Failure);
            var absent = missing.Where(journaled.ContainsKey).Select(i => $"client index {i} trained on the own data of node {journaled[i]}, which must take part again").ToArray();
            throw new ClusterRunException(
                $"No client node takes client index {string.Join(", ", missing)} ({string.Join("; ", answers.Concat(absent))}); " +
                $"give each catalog client node a distinct fedactors.node.data.partition-index in 0..{clients.Length - 1}, or start more client nodes with their own data (fedactors.node.data.path).");
        }
        for (var i = 0; i < clients.Length; i++)
        {
            var answer = clients[i].Answer;
            system.Log.LogInformation("Run {RunId}: {ClientId} is node {Node} ({Data}, {Samples} samples)",
                runId, CoordinatorActor.ClientId(i), answer.NodeName, answer.OwnData ? "its own data" : $"partition {answer.ClientIndex}", answer.Samples);
        }
        foreach (var unused in offers.Where(o => !clients.Any(c => c.Host.Equals(o.Host))))
        {
            unused.Host.Tell(new RunEnd { RunId = runId }, ActorRefs.NoSender);
        }
        var coordinatorKey = scenario.Federation.IsSecure ? EcKeyPair.Generate() : null;
        var start = new RunStart { RunId = runId, CoordinatorKey = coordinatorKey is null ? ByteString.Empty : ByteString.CopyFrom(coordinatorKey.PublicKey.ExportSubjectPublicKeyInfo()) };
        start.Roster.Add(clients.Select((c, i) => new RosterMember { ClientId = CoordinatorActor.ClientId(i), PublicKey = c.Answer.PublicKey }));
        var ready = await Task.WhenAll(clients.Select((c, i) =>
        {
            var placement = start.Clone();
            placement.ClientIndex = i;
            return AskHostAsync<RunReady>(c.Host, placement, c.Member, cancellationToken);
        })).ConfigureAwait(false);
        var paths = clients.Select((c, i) => c.Member.Address + ready[i].Path).ToArray();
        IActorRef? keyManager = null;
        if (keyManagerHost is not null)
        {
            var keyManagerStart = start.Clone();
            for (var i = 0; i < paths.Length; i++)
            {
                keyManagerStart.Roster[i].Path = paths[i];
            }
            var keyManagerReady = await AskHostAsync<RunReady>(keyManagerHost, keyManagerStart, keyManagerMember!, cancellationToken).ConfigureAwait(false);
            keyManager = system.ResolveActorRef(keyManagerMember!.Address + keyManagerReady.Path);
        }
        return new Federation(
            clients.Select((c, i) => new Participant(CoordinatorActor.ClientId(i), system.ResolveActorRef(paths[i]), c.Host, c.Answer.ModelHash.ToByteArray(),
                EcPublicKey.FromSubjectPublicKeyInfo(c.Answer.PublicKey.Span), c.Answer.OwnData ? c.Answer.NodeName : null)).ToArray(),
            hosts.Distinct().ToArray(), keyManager, coordinatorKey);
    }

    private async Task<IReadOnlyList<RoundMetrics>> RunActorsAsync(
        Scenario scenario, string runId, string? variant, Federation federation, ModelStore store, ModelCheckpoints checkpoints, Oracle oracle, CancellationToken cancellationToken)
    {
        var system = _node.System;
        var storeSettings = RunStore.StoreSettings(scenario.Persistence, scenario.Output.Directory, system.Config.GetConfig("fedactors.persistence"));
        await using var journal = RunStore.OpenJournal(scenario.Persistence, storeSettings, _time);
        await using var snapshots = RunStore.OpenSnapshotStore(scenario.Persistence, storeSettings, _time);
        PersistenceExtension.Register(system, journal, snapshots);
        var links = federation.Clients.Select(c => system.ActorOf(ClientLink.Props(c.Actor, store, c.ModelHash, _time), c.ClientId)).ToArray();
        var roster = federation.Clients.ToDictionary(c => c.ClientId, c => c.PublicKey, StringComparer.Ordinal);
        var dataNodes = federation.Clients.Where(c => c.DataNode is not null).ToDictionary(c => c.ClientId, c => c.DataNode!, StringComparer.Ordinal);
        var completion = new TaskCompletionSource<IReadOnlyList<RoundMetrics>>(TaskCreationOptions.RunContinuationsAsynchronously);
        SecureCoordination? secure = null;
        Action<RoundMetrics> observe = oracle.Observe;
        var agreed = new AgreedModels(federation.Clients.Select(c => c.Host).ToArray(), store, checkpoints, oracle, scenario.Federation.RoundTimeout, completion);
        if (scenario.Federation.IsSecure)
        {
            var settings = SecureSettings.From(scenario, Crypto.Multiparty.FloodingSettings.FromConfig(system.Config), Crypto.Ckks.CkksSettings.FromConfig(system.Config).EffectiveEncryptionThreads);
            secure = new SecureCoordination(settings, federation.KeyManager!, federation.CoordinatorKey!, store.Node.Spec.ParameterCount + 1);
            observe = agreed.Observe;
        }
        var coordinator = system.ActorOf(
            CoordinatorActor.Props(scenario, runId, variant, store.Node, links, roster, checkpoints, _time, observe, completion, secure, dataNodes),
            "coordinator");
        try
        {
            await completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            await agreed.Drained.WaitAsync(cancellationToken).ConfigureAwait(false);
            return await oracle.CompleteAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            system.Stop(coordinator);
            foreach (var link in links)
            {
                system.Stop(link);
            }
        }
    }

    private async Task<(HostJoined? Joined, string? Failure)> OfferAsync(IActorRef host, HostOffer offer, Member member, CancellationToken cancellationToken)
    {
        try
        {
            return (await AskHostAsync<HostJoined>(host, offer, member, cancellationToken).ConfigureAwait(false), null);
        }
        catch (ClusterRunException e)
        {
            return (null, e.Message);
        }
    }

    /// <summary>The Up members with <paramref name="role"/> that no member finds unreachable, ordered by address.</summary>
    private static IReadOnlyList<Member> Reachable(Cluster.Events.CurrentClusterState state, NodeRole role) =>
        state.MembersWith(role).Where(m => !state.IsUnreachable(m.UniqueAddress)).OrderBy(m => m.Address.ToString(), StringComparer.Ordinal).ToArray();

    private async Task<T> AskHostAsync<T>(IActorRef host, IMessage message, Member member, CancellationToken cancellationToken)
        where T : class
    {
        object answer;
        try
        {
            answer = await host.Ask(message, _settings.HostTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException e)
        {
            throw new ClusterRunException($"The node at {member.Address} did not answer {message.Descriptor.Name} within {_settings.HostTimeout.TotalSeconds:0} s (fedactors.deployment.host-timeout); check that it runs `fedactors node` (with its federation host) and its log.", e);
        }
        return answer switch
        {
            T expected => expected,
            HostRefused refused => throw new ClusterRunException($"Node {refused.NodeName} at {member.Address} refused the run: {refused.Reason}."),
            _ => throw new ClusterRunException($"The node at {member.Address} answered {message.Descriptor.Name} with {answer.GetType().Name}, not {typeof(T).Name}."),
        };
    }

    private sealed record Joined(Member Member, IActorRef Host, HostJoined Answer);

    private sealed record Participant(string ClientId, IActorRef Actor, IActorRef Host, byte[] ModelHash, EcPublicKey PublicKey, string? DataNode);

    private sealed record Federation(IReadOnlyList<Participant> Clients, IReadOnlyList<IActorRef> Hosts, IActorRef? KeyManager, EcKeyPair? CoordinatorKey);
}
