namespace FedActors.Actors.Core;

/// <summary>
/// A handle to an actor, the only way to talk to it. A reference is safe to share between threads
/// and to put inside messages; it names its actor by <see cref="Path"/>, which carries an
/// <see cref="Address"/>, so a remote transport can route it. Two references are equal when they
/// point to the same incarnation of the same path; never rely on reference identity.
/// </summary>
public interface IActorRef
{
    /// <summary>The path of the actor, including its system's address.</summary>
    ActorPath Path { get; }

    /// <summary>
    /// Sends a message without waiting (fire and forget). Messages from one sender to one
    /// recipient arrive in the order they were sent. A message to a stopped actor becomes a dead letter.
    /// </summary>
    /// <param name="message">The message; must not be null.</param>
    /// <param name="sender">The actor replies should go to, or <c>null</c> for none.</param>
    void Tell(object message, IActorRef? sender);
}
