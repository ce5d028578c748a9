namespace FedActors.Actors.Core;

/// <summary>
/// Resolves actor paths to references: the seam where a remote transport plugs in (a remote
/// provider answers paths whose address is another system's, and delegates local ones).
/// </summary>
public interface IActorRefProvider
{
    /// <summary>The address of this system's actors.</summary>
    Address DefaultAddress { get; }

    /// <summary>The root path of this system (<c>fedactors://name/</c>).</summary>
    ActorPath RootPath { get; }

    /// <summary>Where undeliverable messages go.</summary>
    IActorRef DeadLetters { get; }

    /// <summary>The reference for a path. When no actor lives there, a reference whose messages become dead
    /// letters and whose watchers are told at once that it is terminated.</summary>
    IActorRef ResolveActorRef(ActorPath path);
}
