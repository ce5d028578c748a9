using FedActors.Actors.Core;
using FedActors.Cluster.Node;
using FedActors.Configuration;
using FedActors.Crypto.Ckks;
using FedActors.Crypto.Envelope;
using FedActors.Crypto.Identity;
using FedActors.Crypto.Multiparty;
using FedActors.Federation.Client;
using FedActors.Federation.Coordinator;
using FedActors.Federation.KeyManager;
using FedActors.Federation.Protocol;
using FedActors.Federation.Scenarios;
using FedActors.Federation.Secure;
using FedActors.Federation.Simulation;
using FedActors.Learning;
using FedActors.Learning.Data;
using FedActors.Learning.Partitions;
using FedActors.Learning.Randomness;
using FedActors.Learning.Tensors;
using FedActors.Learning.Training;
using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace FedActors.Federation.Deployment;

/// <summary>
/// The actor at <see cref="Path"/> on every client and key-manager node (<c>fedactors node</c> starts it): the
/// coordinator of a cluster run (<see cref="ClusterScenarioRunner"/>) offers it the run (<see cref="HostOffer"/>), and
/// a client host builds its own node for the scenario (its data from <c>fedactors.node.data</c>: a catalog partition,
/// or all the files of its own directory checked against the offer's sample shape and classes; the model initialized
/// from the seed, its trainer pool) and a fresh identity key, and answers <see cref="HostJoined"/> with its client
/// index (-1 with own data: <see cref="RunStart"/> assigns it), sample count and public key. On <see cref="RunStart"/>
/// (the run's roster and the node's client index) it starts its <see cref="ClientActor"/>, a key-manager host its
/// <see cref="KeyManagerActor"/>, and answers <see cref="RunReady"/> with the actor's path.
/// A client host also answers <see cref="ModelRequest"/> with the model its node holds (the coordinator's oracle in
/// secure-sum runs). A new offer replaces the previous run (a coordinator that restarted offers it again); a node
/// hosts one run at a time. Failures to take part are answered with <see cref="HostRefused"/> and the reason.
/// </summary>
public sealed class FederationHost : ReceiveActor
{
    /// <summary>The host's path on every node.</summary>
    public const string Path = "/user/" + Name;

    /// <summary>The host's actor name.</summary>
    public const string Name = "federation-host";

    /// <summary>The client index a node with its own data answers an offer with: the coordinator assigns the real one.</summary>
    private const int OwnDataIndex = -1;

    private readonly NodeRole _role;
    private readonly string _nodeName;
    private readonly NodeDataSettings? _data;
    private readonly Config _systemConfig;
    private readonly LearningSettings _learning;
    private readonly Dictionary<IActorRef, HostedRun> _stopping = [];
    private HostedRun? _run;
    private int _generation;

    /// <summary>Creates the host of a node with <paramref name="role"/> (client or key-manager).</summary>
    /// <param name="role">The node's role.</param>
    /// <param name="nodeName">The node's name (its certificate's), in answers and logs.</param>
    /// <param name="data">A client's data (<c>fedactors.node.data</c>); null on a key-manager.</param>
    /// <param name="systemConfig">The node's configuration (crypto and flooding settings).</param>
    /// <param name="learning">Data cache, trainer workers and GEMM backend of the node.</param>
    public FederationHost(NodeRole role, string nodeName, NodeDataSettings? data, Config systemConfig, LearningSettings learning)
    {
        ArgumentNullException.ThrowIfNull(nodeName);
        ArgumentNullException.ThrowIfNull(systemConfig);
        ArgumentNullException.ThrowIfNull(learning);
        if (role is not (NodeRole.Client or NodeRole.KeyManager))
        {
            throw new ArgumentException($"A federation host runs on client and key-manager nodes, not on a {NodeRoles.ToName(role)} node.", nameof(role));
        }
        _role = role;
        _nodeName = nodeName;
        _data = data;
        _systemConfig = systemConfig;
        _learning = learning;
        Receive<HostOffer>(OnOffer);
        Receive<RunStart>(OnStart);
        Receive<RunEnd>(end =>
        {
            if (_run?.RunId == end.RunId)
            {
                EndRun();
            }
        });
        Receive<ModelRequest>(request => Sender.Tell(ModelOf(request), Self));
        Receive<Terminated>(terminated =>
        {
            if (_stopping.Remove(terminated.ActorRef, out var stopped))
            {
                stopped.Dispose();
                Context.Log.LogInformation("Run {RunId}: {Actor} stopped, its identity and trainer pool released", stopped.RunId, terminated.ActorRef.Path.ToStringWithoutAddress());
            }
        });
    }

    /// <summary>The props of the host of <paramref name="node"/>.</summary>
    public static Props Props(FederationNode node, LearningSettings learning)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Actors.Core.Props.Create(() => new FederationHost(node.Role, node.Name, node.Settings.Data, node.System.Config, learning));
    }

    /// <summary>Whether a node of <paramref name="role"/> runs a host.</summary>
    public static bool Serves(NodeRole role) => role is NodeRole.Client or NodeRole.KeyManager;

    private void OnOffer(HostOffer offer)
    {
        Context.Log.LogInformation("Run {RunId}: offered by {Coordinator}{Replaced}", offer.RunId, Sender.Path.Address, _run is null ? string.Empty : $", ending run {_run.RunId}");
        EndRun();
        Scenario scenario;
        try
        {
            scenario = ScenarioLoader.FromText(offer.ScenarioText, $"run {offer.RunId}").Base;
        }
        catch (ScenarioException e)
        {
            Sender.Tell(new HostRefused { NodeName = _nodeName, Reason = e.Message }, Self);
            return;
        }
        if (_role == NodeRole.KeyManager)
        {
            _run = new HostedRun(offer.RunId, scenario, null, null, -1);
            Sender.Tell(new HostJoined { NodeName = _nodeName, ClientIndex = -1 }, Self);
            return;
        }
        if (_data?.Path is { } directory)
        {
            JoinWithOwnData(offer, scenario, directory);
            return;
        }
        if (_data is not { Set: { } set, PartitionIndex: { } index })
        {
            Sender.Tell(new HostRefused { NodeName = _nodeName, Reason = "it is a client node without fedactors.node.data (set and partition-index, or path)" }, Self);
            return;
        }
        var refusal = set != scenario.Data.Set
            ? $"its fedactors.node.data.set is {set}, but the scenario trains on data.set = {scenario.Data.Set}"
            : index >= scenario.Federation.Clients
                ? $"its partition index {index} is outside the scenario's federation.clients = {scenario.Federation.Clients} (valid: 0..{scenario.Federation.Clients - 1})"
                : null;
        if (refusal is not null)
        {
            Sender.Tell(new HostRefused { NodeName = _nodeName, Reason = refusal }, Self);
            return;
        }
        var pool = new TrainerPool(_learning.TrainerWorkers, _learning.CreateGemm());
        var identity = EcKeyPair.Generate();
        var node = ScenarioRunner.CreateNode(scenario, _learning, null, pool);
        _run = new HostedRun(offer.RunId, scenario, node, identity, index) { Pool = pool };
        Sender.Tell(new HostJoined
        {
            NodeName = _nodeName,
            ClientIndex = index,
            PublicKey = ByteString.CopyFrom(identity.PublicKey.ExportSubjectPublicKeyInfo()),
            ModelHash = ByteString.CopyFrom(node.Global.Hash),
            Samples = node.Partition.Indices(index).Length,
        }, Self);
    }

    /// <summary>
    /// Joins with the site's own files (<c>fedactors.node.data.path</c>): all of them are this client's training data,
    /// checked against the scenario's sample shape and classes (the offer carries them, so a site needs no copy of the
    /// catalog data set); the client index comes with <see cref="RunStart"/>.
    /// </summary>
    private void JoinWithOwnData(HostOffer offer, Scenario scenario, string directory)
    {
        if (offer.SampleShape.Count == 0 || offer.Classes < 2)
        {
            Sender.Tell(new HostRefused { NodeName = _nodeName, Reason = $"its data directory {directory} cannot be checked: the offer names no sample shape and class count of data.set = {scenario.Data.Set} (a coordinator of an older version)" }, Self);
            return;
        }
        var shape = new TensorShape(offer.SampleShape.ToArray());
        Dataset train;
        try
        {
            train = DataDirectory.Load(directory, shape, offer.Classes);
        }
        catch (Exception e) when (e is DataFormatException or IOException or UnauthorizedAccessException)
        {
            Sender.Tell(new HostRefused
            {
                NodeName = _nodeName,
                Reason = $"its data directory (fedactors.node.data.path) does not fit the scenario's data.set = {scenario.Data.Set} (samples of shape {shape}, {offer.Classes} classes): {e.Message.TrimEnd('.')}",
            }, Self);
            return;
        }
        // The node holds only this site's samples, so whichever client index the coordinator assigns, that client's
        // samples are all of them; the test part is never read here (the oracle evaluates on the coordinator).
        var all = Enumerable.Range(0, train.Count).ToArray();
        var partition = new Partition(Enumerable.Repeat(all, scenario.Federation.Clients).ToArray());
        var pool = new TrainerPool(_learning.TrainerWorkers, _learning.CreateGemm());
        var identity = EcKeyPair.Generate();
        var node = ScenarioRunner.CreateNode(scenario, new DataSplit(train, train), partition, null, pool);
        _run = new HostedRun(offer.RunId, scenario, node, identity, OwnDataIndex) { Pool = pool };
        Context.Log.LogInformation("Run {RunId}: offered, {Samples} samples of its own in {Directory}", offer.RunId, train.Count, directory);
        Sender.Tell(new HostJoined
        {
            NodeName = _nodeName,
            ClientIndex = OwnDataIndex,
            PublicKey = ByteString.CopyFrom(identity.PublicKey.ExportSubjectPublicKeyInfo()),
            ModelHash = ByteString.CopyFrom(node.Global.Hash),
            OwnData = true,
            Samples = train.Count,
        }, Self);
    }

    private void OnStart(RunStart start)
    {
        if (_run is not { } run || run.RunId != start.RunId || run.Actor is not null)
        {
            Sender.Tell(new HostRefused { NodeName = _nodeName, Reason = $"run {start.RunId} was not offered to this node, or was started already" }, Self);
            return;
        }
        if (_role == NodeRole.Client && TakeClientIndex(run, start.ClientIndex) is { } misplaced)
        {
            Sender.Tell(new HostRefused { NodeName = _nodeName, Reason = misplaced }, Self);
            return;
        }
        var ids = start.Roster.Select(m => m.ClientId).ToArray();
        var keys = start.Roster.Select(m => EcPublicKey.FromSubjectPublicKeyInfo(m.PublicKey.Span)).ToArray();
        var secure = run.Scenario.Federation.IsSecure ? SecureSettings.From(run.Scenario, FloodingSettings.FromConfig(_systemConfig), CkksSettings.FromConfig(_systemConfig).EffectiveEncryptionThreads) : null;
        _generation++;
        if (_role == NodeRole.KeyManager)
        {
            if (secure is null)
            {
                Sender.Tell(new HostRefused { NodeName = _nodeName, Reason = "a plaintext run has no KeyManager" }, Self);
                return;
            }
            var clients = start.Roster.Select(m => Context.System.ResolveActorRef(m.Path)).ToArray();
            run.Actor = Context.ActorOf(KeyManagerActor.Props(secure, run.RunId, run.Scenario.Seed, clients, ids, keys, run.Scenario.Federation.RoundTimeout), $"key-manager-{_generation}");
        }
        else
        {
            var clientId = CoordinatorActor.ClientId(run.Index);
            var context = secure is null
                ? null
                : new SecureClientContext(secure, run.RunId, EcPublicKey.FromSubjectPublicKeyInfo(start.CoordinatorKey.Span), ids.Zip(keys).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal), null);
            var seed = SeededRandom.Derive((ulong)run.Scenario.Seed, (ulong)run.Index + 1);
            run.Actor = Context.ActorOf(ClientActor.Props(clientId, run.Index, run.Node!, run.Identity!, seed, null, context), $"{clientId}-{_generation}");
        }
        Context.Watch(run.Actor);
        Context.Log.LogInformation("Run {RunId}: started {Actor}", run.RunId, run.Actor.Path.ToStringWithoutAddress());
        Sender.Tell(new RunReady { Path = run.Actor.Path.ToStringWithoutAddress() }, Self);
    }

    /// <summary>Takes the client index <see cref="RunStart"/> gives a node with its own data (a catalog node keeps its partition index, which must be the one given); returns why not, or null.</summary>
    private static string? TakeClientIndex(HostedRun run, int index)
    {
        var clients = run.Scenario.Federation.Clients;
        if (run.Index != OwnDataIndex)
        {
            return index == run.Index ? null : $"the coordinator placed it at client index {index}, but its fedactors.node.data.partition-index is {run.Index}";
        }
        if (index < 0 || index >= clients)
        {
            return $"the coordinator assigned client index {index}, outside the scenario's federation.clients = {clients} (valid: 0..{clients - 1})";
        }
        run.Index = index;
        return null;
    }

    private ModelParameters ModelOf(ModelRequest request)
    {
        if (_run?.Node?.Global is not { } global || !global.Hash.AsSpan().SequenceEqual(request.Hash.Span))
        {
            return new ModelParameters { Hash = _run?.Node is { } node ? ByteString.CopyFrom(node.Global.Hash) : ByteString.Empty };
        }
        var model = new ModelParameters { Hash = ByteString.CopyFrom(global.Hash) };
        model.Values.Add(global.Parameters);
        return model;
    }

    private void EndRun()
    {
        if (_run is not { } run)
        {
            return;
        }
        _run = null;
        if (run.Actor is null)
        {
            run.Dispose();
            return;
        }
        // The identity and trainer pool are released once the actor has stopped (its keys are zeroed in its PostStop),
        // so a round it is still training in does not find them gone.
        _stopping[run.Actor] = run;
        Context.Stop(run.Actor);
    }

    /// <inheritdoc/>
    protected override void PostStop()
    {
        _run?.Dispose();
        foreach (var stopping in _stopping.Values)
        {
            stopping.Dispose();
        }
        base.PostStop();
    }

    /// <summary>The run this node takes part in.</summary>
    private sealed class HostedRun(string runId, Scenario scenario, SimulationNode? node, EcKeyPair? identity, int index) : IDisposable
    {
        public string RunId { get; } = runId;

        public Scenario Scenario { get; } = scenario;

        public SimulationNode? Node { get; } = node;

        public EcKeyPair? Identity { get; } = identity;

        /// <summary>The client index; <see cref="OwnDataIndex"/> for a node with its own data until <see cref="RunStart"/> assigns one.</summary>
        public int Index { get; set; } = index;

        public TrainerPool? Pool { get; init; }

        public IActorRef? Actor { get; set; }

        public void Dispose()
        {
            Pool?.Dispose();
            Identity?.Dispose();
        }
    }
}
