using FedActors.Actors.Core;
using FedActors.Federation.Protocol;

namespace FedActors.Federation.Client.Adversaries;

/// <summary>
/// A tap on one honest client's link to the Coordinator, as an eavesdropping attacker has: it passes the
/// Coordinator's messages to the client and the client's contributions (plaintext or encrypted) to the
/// Coordinator unchanged, then reports each contribution to the <see cref="Eavesdropper"/>. Every other
/// message (key ceremony, decryption requests, aggregates) is forwarded with its original sender, so the
/// client answers its sender directly. The client itself is not changed.
/// </summary>
public sealed class WiretapActor : ReceiveActor
{
    private IActorRef? _coordinator;

    /// <summary>Creates a tap in front of <paramref name="client"/> reporting to <paramref name="eavesdropper"/>.</summary>
    public WiretapActor(IActorRef client, Eavesdropper eavesdropper)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(eavesdropper);
        Receive<TrainRequest>(request =>
        {
            _coordinator = Sender;
            client.Tell(request, Self);
        });
        Receive<PlaintextContribution>(contribution =>
        {
            var coordinator = _coordinator ?? throw new InvalidOperationException($"Client {contribution.ClientId} sent a contribution through its wiretap before any train request passed; the tap cannot know the Coordinator.");
            coordinator.Tell(contribution, Self);
            eavesdropper.Observe(contribution);
        });
        Receive<Contribution>(contribution =>
        {
            var coordinator = _coordinator ?? throw new InvalidOperationException($"Client {contribution.ClientId} sent a contribution through its wiretap before any train request passed; the tap cannot know the Coordinator.");
            coordinator.Tell(contribution, Self);
            eavesdropper.Observe(contribution);
        });
        Receive<ContributionRejected>(rejection => client.Tell(rejection, Self));
        ReceiveAny(client.Forward);
    }

    /// <summary>The props of a tap.</summary>
    public static Props Props(IActorRef client, Eavesdropper eavesdropper) =>
        Actors.Core.Props.Create(() => new WiretapActor(client, eavesdropper));
}
