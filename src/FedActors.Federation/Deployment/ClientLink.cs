using FedActors.Actors.Core;
using FedActors.Federation.Protocol;
using FedActors.Federation.Simulation;
using Microsoft.Extensions.Logging;

namespace FedActors.Federation.Deployment;

/// <summary>
/// The Coordinator's reference to one client on another node in a cluster run: it forwards every message to the
/// remote <see cref="Client.ClientActor"/> (the Coordinator stays the sender, so answers go straight back), and adds
/// the model's values to a <see cref="TrainRequest"/> whose model the client's node does not hold (known from the
/// host's answer, the models shipped and the hash the client reported after a secure round). It watches the remote
/// client and stops when the client's actor or node is gone, so the Coordinator's DeathWatch of its clients works
/// across processes.
/// </summary>
internal sealed class ClientLink : ReceiveActor
{
    private readonly IActorRef _client;
    private readonly ModelStore _models;
    private readonly TimeProvider _time;
    private byte[] _clientHash;
    private IActorRef? _coordinator;

    public ClientLink(IActorRef client, ModelStore models, byte[] clientHash, TimeProvider time)
    {
        _client = client;
        _models = models;
        _time = time;
        _clientHash = clientHash;
        Context.Watch(client);
        ReceiveAsync<TrainRequest>(ForwardTrainingAsync);
        // The link relays a secure round's aggregate itself, so that the client's hash report tells it which model the client now holds.
        Receive<AggregateResult>(result =>
        {
            _coordinator = Sender;
            _client.Tell(result, Self);
        });
        Receive<ModelHashReport>(report =>
        {
            _clientHash = report.ModelHash.ToByteArray();
            _coordinator?.Tell(report, Self);
        });
        Receive<Terminated>(_ => Context.Stop(Self), t => t.ActorRef.Equals(_client));
        ReceiveAny(message => _client.Forward(message));
    }

    public static Props Props(IActorRef client, ModelStore models, byte[] clientHash, TimeProvider time) =>
        Actors.Core.Props.Create(() => new ClientLink(client, models, clientHash, time));

    private async Task ForwardTrainingAsync(TrainRequest request)
    {
        var coordinator = Sender;
        if (!request.Model.Hash.Span.SequenceEqual(_clientHash))
        {
            GlobalModel model;
            try
            {
                model = await _models.WhenHoldsAsync(request.Model.Hash.Span).WaitAsync(TimeSpan.FromMilliseconds(Math.Max(0, request.DeadlineUnixMs - _time.GetUtcNow().ToUnixTimeMilliseconds())));
            }
            catch (TimeoutException)
            {
                Context.Log.LogWarning("Round {Round}: the model {Hash} was not available before the deadline; client {Client} is not asked to train", request.Round.Round, Convert.ToHexStringLower(request.Model.Hash.Span)[..12], _client.Path);
                return;
            }
            request = request.Clone();
            request.Model.Values.Add(model.Parameters);
            _clientHash = request.Model.Hash.ToByteArray();
        }
        _client.Tell(request, coordinator);
    }
}
