namespace FedActors.Actors.Core;

/// <summary>
/// Holds messages back while an actor is not ready for them. <see cref="Stash"/> keeps the
/// message being handled; <see cref="UnstashAll"/> puts kept messages back in front of the mailbox
/// in their original order. On restart, stashed messages return to the mailbox; on stop they become dead letters.
/// </summary>
public interface IStash
{
    /// <summary>The number of stashed messages.</summary>
    int Count { get; }

    /// <summary>Keeps the message currently being handled (with its sender).</summary>
    /// <exception cref="IllegalActorStateException">Called outside a handler or twice for one message.</exception>
    void Stash();

    /// <summary>Puts the oldest stashed message back at the front of the mailbox.</summary>
    void Unstash();

    /// <summary>Puts every stashed message back at the front of the mailbox, oldest first.</summary>
    void UnstashAll();

    /// <summary>Drops every stashed message and returns them.</summary>
    IReadOnlyList<object> ClearStash();
}
