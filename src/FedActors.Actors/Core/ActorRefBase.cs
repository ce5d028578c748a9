namespace FedActors.Actors.Core;

/// <summary>Common equality and printing for references: equal paths and equal incarnation ids.</summary>
internal abstract class ActorRefBase : IInternalActorRef, IEquatable<IActorRef>
{
    protected ActorRefBase(ActorPath path, long uid)
    {
        Path = path;
        Uid = uid;
    }

    public ActorPath Path { get; }

    /// <summary>The incarnation id; 0 for references that have no incarnation (dead letters, temporary ones).</summary>
    public long Uid { get; }

    public abstract ActorSystem System { get; }

    public abstract bool IsTerminated { get; }

    public abstract void Tell(object message, IActorRef? sender);

    public abstract void SendSystemMessage(SystemMessage message);

    public bool Equals(IActorRef? other) =>
        other is not null && (ReferenceEquals(this, other) ||
        (Path.Equals(other.Path) && (other is not ActorRefBase b || b.Uid == Uid)));

    public override bool Equals(object? obj) => obj is IActorRef other && Equals(other);

    public override int GetHashCode() => Path.GetHashCode();

    public override string ToString() => Uid == 0 ? $"[{Path}]" : $"[{Path}#{Uid}]";
}
