using System.Diagnostics;
using FedActors.Actors.Core;
using FedActors.Crypto.Envelope;
using FedActors.Federation.Aggregation;
using FedActors.Federation.Protocol;
using FedActors.Federation.Secure;
using FedActors.Federation.Simulation;
using FedActors.Learning.Randomness;

namespace FedActors.Federation.Client;

/// <summary>
/// A federation client (secure-sum mode and key holding: see <c>ClientActor.Secure.cs</c>); in plaintext mode, on a <see cref="TrainRequest"/> it checks that its node's
/// global model has the requested hash, trains on its partition on the node's trainer pool, clips
/// the update to the round's bound, signs it with its identity key and answers with a
/// <see cref="PlaintextContribution"/>. A sign-flip adversary rewrites its update before signing.
/// </summary>
public sealed partial class ClientActor : ReceiveActor
{
    private readonly string _clientId;
    private readonly int _index;
    private readonly SimulationNode _node;
    private readonly EcKeyPair _identity;
    private readonly ulong _seed;
    private readonly SignFlipBehaviour? _signFlip;

    /// <summary>
    /// Creates client number <paramref name="index"/> of the node's partition; <paramref name="signFlip"/> makes it a
    /// sign-flip adversary, <paramref name="secure"/> a secure-sum client.
    /// </summary>
    public ClientActor(string clientId, int index, SimulationNode node, EcKeyPair identity, ulong seed, SignFlipBehaviour? signFlip = null, SecureClientContext? secure = null)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(identity);
        _clientId = clientId;
        _index = index;
        _node = node;
        _identity = identity;
        _seed = seed;
        _signFlip = signFlip;
        ReceiveAsync<TrainRequest>(TrainAsync);
        _secure = secure;
        if (secure is not null)
        {
            ReceiveSecure(secure);
        }
    }

    /// <summary>The props of a client.</summary>
    public static Props Props(string clientId, int index, SimulationNode node, EcKeyPair identity, ulong seed, SignFlipBehaviour? signFlip = null, SecureClientContext? secure = null) =>
        Actors.Core.Props.Create(() => new ClientActor(clientId, index, node, identity, seed, signFlip, secure));

    private async Task TrainAsync(TrainRequest request)
    {
        var coordinator = Sender;
        var global = _node.Global;
        if (!global.Hash.AsSpan().SequenceEqual(request.Model.Hash.Span))
        {
            throw new ProtocolException($"Client {_clientId} was asked to train round {request.Round.Round} from a model its node does not hold; the node's model hash differs from the request's.");
        }
        var delta = new float[_node.Spec.ParameterCount];
        var seed = SeededRandom.Derive(_seed, request.Round.Round);
        var clock = Stopwatch.StartNew();
        await _node.Pool.RunAsync(_node.Spec, t => t.Train(global.Parameters, delta, _node.Data.Train, _node.Partition.Indices(_index), _node.Training, seed));
        if (request.ClipNorm > 0)
        {
            UpdateClipping.ClipInPlace(delta, request.ClipNorm);
        }
        _signFlip?.Apply((int)request.Round.Round, delta);
        if (_secure is not null)
        {
            ContributeEncrypted(coordinator, request, global, delta, clock.Elapsed.TotalSeconds);
            return;
        }
        var contribution = new PlaintextContribution
        {
            Round = request.Round,
            ClientId = _clientId,
            SampleCount = (ulong)_node.Partition.Indices(_index).Length,
            TrainingSeconds = clock.Elapsed.TotalSeconds,
        };
        contribution.Update.Add(delta);
        ContributionSignature.Sign(contribution, _identity);
        coordinator.Tell(contribution, Self);
    }
}
