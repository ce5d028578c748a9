namespace FedActors.Actors.Core;

/// <summary>Posts <c>await</c> continuations of an actor's async handler back into its mailbox, so they run in the actor's turn.</summary>
internal sealed class ActorSynchronizationContext(ActorCell cell) : SynchronizationContext
{
    public override void Post(SendOrPostCallback d, object? state) => cell.SendSystemMessage(new AsyncContinuation(d, state));

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Synchronous Send on an actor's context would deadlock; await instead.");

    public override SynchronizationContext CreateCopy() => this;
}
