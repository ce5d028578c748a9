using System.Diagnostics;
using FedActors.Actors.Core;
using FedActors.Crypto.Envelope;
using FedActors.Federation.Client.Adversaries;
using FedActors.Federation.Protocol;
using FedActors.Federation.Secure;
using FedActors.Federation.Simulation;

namespace FedActors.Federation.Client;

/// <summary>
/// A federation client (secure-sum mode and key holding: see <c>ClientActor.Secure.cs</c>). In plaintext mode, on a <see cref="TrainRequest"/> it checks that its node's
/// global model has the requested hash, trains on its partition on the node's trainer pool, clips
/// the update to the round's bound, signs it with its identity key and answers with a
/// <see cref="PlaintextContribution"/>. An <see cref="Adversary"/>, when given, changes the round at
/// three points (how it trains, the clipped update and sample count it signs, what it sends and when);
/// the honest path is the same code with no adversary.
/// </summary>
public sealed partial class ClientActor : ReceiveActor
{
    private readonly string _clientId;
    private readonly int _index;
    private readonly SimulationNode _node;
    private readonly EcKeyPair _identity;
    private readonly ulong _seed;
    private readonly Adversary? _adversary;

    /// <summary>
    /// Creates client number <paramref name="index"/> of the node's partition; <paramref name="adversary"/> makes it an
    /// attacker, <paramref name="secure"/> a secure-sum client.
    /// </summary>
    public ClientActor(string clientId, int index, SimulationNode node, EcKeyPair identity, ulong seed, Adversary? adversary = null, SecureClientContext? secure = null)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(identity);
        _clientId = clientId;
        _index = index;
        _node = node;
        _identity = identity;
        _seed = seed;
        _adversary = adversary;
        ReceiveAsync<TrainRequest>(TrainAsync);
        _secure = secure;
        if (secure is not null)
        {
            ReceiveSecure(secure);
        }
    }

    /// <summary>The props of a client.</summary>
    public static Props Props(string clientId, int index, SimulationNode node, EcKeyPair identity, ulong seed, Adversary? adversary = null, SecureClientContext? secure = null) =>
        Actors.Core.Props.Create(() => new ClientActor(clientId, index, node, identity, seed, adversary, secure));

    private async Task TrainAsync(TrainRequest request)
    {
        var coordinator = Sender;
        var self = Self;
        var scheduler = Context.System.Scheduler;
        var global = request.Model.Values.Count > 0 ? Adopt(request.Model) : _node.Global;
        if (!global.Hash.AsSpan().SequenceEqual(request.Model.Hash.Span))
        {
            throw new ProtocolException($"Client {_clientId} was asked to train round {request.Round.Round} from a model its node does not hold; the node's model hash differs from the request's.");
        }
        var round = new AdversaryRound(request, _index, _node, global);
        var honest = new TrainingPlan(_node.Training);
        var plan = _adversary?.PlanTraining(round, honest) ?? honest;
        var clock = Stopwatch.StartNew();
        var delta = await LocalTraining.RunAsync(_node, global, _index, _seed, round.Round, plan, request.ClipNorm);
        var samples = (long)_node.Partition.Indices(_index).Length;
        if (_adversary is not null)
        {
            samples = await _adversary.ForgeUpdateAsync(round, delta, samples);
        }
        if (_secure is not null)
        {
            await ContributeEncryptedAsync(coordinator, self, round, delta, samples, clock.Elapsed.TotalSeconds);
            return;
        }
        var contribution = new PlaintextContribution
        {
            Round = request.Round,
            ClientId = _clientId,
            SampleCount = (ulong)samples,
            TrainingSeconds = clock.Elapsed.TotalSeconds,
        };
        contribution.Update.Add(delta);
        ContributionSignature.Sign(contribution, _identity);
        foreach (var delivery in _adversary?.Deliver(round, contribution) ?? [new Delivery(contribution, TimeSpan.Zero)])
        {
            if (delivery.Delay > TimeSpan.Zero)
            {
                scheduler.ScheduleTellOnce(delivery.Delay, coordinator, delivery.Contribution, self);
            }
            else
            {
                coordinator.Tell(delivery.Contribution, self);
            }
        }
    }
}
