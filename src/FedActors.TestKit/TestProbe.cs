using FedActors.Actors.Core;

namespace FedActors.TestKit;

/// <summary>An extra test actor with its own message queue and expectations; <see cref="Ref"/> is the reference to hand to actors under test.</summary>
public sealed class TestProbe : TestKitBase
{
    internal TestProbe(ActorSystem system, TestKitSettings settings, string name)
        : base(system, settings, name)
    {
    }

    /// <summary>The probe's actor reference.</summary>
    public IActorRef Ref => TestActor;

    /// <summary>Sends <paramref name="message"/> to <paramref name="recipient"/> with the probe as sender.</summary>
    public void Send(IActorRef recipient, object message)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        recipient.Tell(message, Ref);
    }
}
