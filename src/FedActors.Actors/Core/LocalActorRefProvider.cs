using System.Collections.Concurrent;

namespace FedActors.Actors.Core;

/// <summary>Resolves paths of this process: walks the children from the root; <c>/temp</c> holds Ask's temporary references.</summary>
internal sealed class LocalActorRefProvider : IActorRefProvider
{
    private readonly ActorSystem _system;
    private readonly ConcurrentDictionary<string, IInternalActorRef> _temp = new(StringComparer.Ordinal);
    private readonly ActorPath _tempPath;
    private long _tempCounter;

    public LocalActorRefProvider(ActorSystem system)
    {
        _system = system;
        DefaultAddress = Address.Local(system.Name);
        RootPath = ActorPath.RootOf(DefaultAddress);
        _tempPath = RootPath / "temp";
        DeadLettersRef = new DeadLetterActorRef(system, RootPath / "deadLetters");
        var rootCell = new ActorCell(system, new RootParent(system, RootPath / "bubble-walker"), RootPath, Props.Create(() => new RootGuardian()));
        RootCell = rootCell;
        UserGuardian = rootCell.CreateChild(Props.Create(() => new Guardian()), "user").Cell;
        SystemGuardian = rootCell.CreateChild(Props.Create(() => new Guardian()), "system").Cell;
        rootCell.Start();
    }

    public Address DefaultAddress { get; }

    public ActorPath RootPath { get; }

    public IActorRef DeadLetters => DeadLettersRef;

    public DeadLetterActorRef DeadLettersRef { get; }

    public ActorCell RootCell { get; }

    public ActorCell UserGuardian { get; }

    public ActorCell SystemGuardian { get; }

    public ActorPath NewTempPath() => _tempPath / ("$" + Interlocked.Increment(ref _tempCounter).ToString(System.Globalization.CultureInfo.InvariantCulture));

    public void RegisterTemp(IInternalActorRef actor) => _temp[actor.Path.Name] = actor;

    public void UnregisterTemp(ActorPath path) => _temp.TryRemove(path.Name, out _);

    public IActorRef ResolveActorRef(ActorPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.Address.Equals(DefaultAddress))
        {
            return new DeadLetterActorRef(_system, path);
        }
        var elements = path.Elements;
        if (elements.Count == 0)
        {
            return RootCell.Self;
        }
        if (elements.Count == 1 && elements[0] == "deadLetters")
        {
            return DeadLettersRef;
        }
        if (elements.Count == 2 && elements[0] == "temp")
        {
            return _temp.TryGetValue(elements[1], out var temp) ? temp : new DeadLetterActorRef(_system, path);
        }
        IInternalActorRef current = RootCell.Self;
        foreach (var name in elements)
        {
            var child = (current as LocalActorRef)?.Cell.GetChild(name);
            if (child is null)
            {
                return new DeadLetterActorRef(_system, path);
            }
            current = child;
        }
        return current;
    }
}
