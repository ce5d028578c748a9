using FedActors.Actors.Dispatch;
using FedActors.Actors.Supervision;

namespace FedActors.Actors.Core;

/// <summary>
/// An immutable recipe for an actor: how to create an instance (called again on every restart),
/// its mailbox and, optionally, the strategy it uses to supervise its own children.
/// </summary>
public sealed class Props
{
    private readonly Func<ActorBase> _factory;

    private Props(Type actorType, Func<ActorBase> factory, MailboxSettings? mailbox, SupervisorStrategy? supervisorStrategy)
    {
        ActorType = actorType;
        _factory = factory;
        Mailbox = mailbox;
        SupervisorStrategy = supervisorStrategy;
    }

    /// <summary>The type of actor these props create.</summary>
    public Type ActorType { get; }

    /// <summary>The mailbox settings, or <c>null</c> for the system's default mailbox.</summary>
    public MailboxSettings? Mailbox { get; }

    /// <summary>The strategy for this actor's children, or <c>null</c> to use the actor's own <see cref="ActorBase.SupervisorStrategy"/>.</summary>
    public SupervisorStrategy? SupervisorStrategy { get; }

    /// <summary>Props that create the actor with its parameterless constructor.</summary>
    public static Props Create<TActor>()
        where TActor : ActorBase, new() => new(typeof(TActor), static () => new TActor(), null, null);

    /// <summary>Props that create the actor with a factory, e.g. <c>Props.Create(() =&gt; new Worker(settings))</c>.
    /// The factory is called once per incarnation, on the actor's own thread; it must return a new instance each time.</summary>
    public static Props Create<TActor>(Func<TActor> factory)
        where TActor : ActorBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new Props(typeof(TActor), factory, null, null);
    }

    /// <summary>A copy with the given mailbox (e.g. a bounded one).</summary>
    public Props WithMailbox(MailboxSettings mailbox)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        return new Props(ActorType, _factory, mailbox, SupervisorStrategy);
    }

    /// <summary>A copy whose actor supervises its children with <paramref name="strategy"/>.</summary>
    public Props WithSupervisorStrategy(SupervisorStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return new Props(ActorType, _factory, Mailbox, strategy);
    }

    internal ActorBase NewActor() => _factory() ?? throw new InvalidOperationException($"The factory of Props for {ActorType} returned null; it must return a new actor instance.");

    /// <inheritdoc/>
    public override string ToString() => $"Props({ActorType.Name})";
}
