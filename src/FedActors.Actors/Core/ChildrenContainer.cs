using FedActors.Actors.Supervision;

namespace FedActors.Actors.Core;

/// <summary>
/// The children of one actor by name. Read by path resolution from any thread and changed by the
/// parent (or, for the user guardian, by any thread calling <c>system.ActorOf</c>), so every access
/// takes the container's lock; the lock is never taken on the message path.
/// </summary>
internal sealed class ChildrenContainer
{
    private readonly Dictionary<string, ChildRestartStats> _children = new(StringComparer.Ordinal);

    public void Reserve(string name, ChildRestartStats stats, ActorPath parent)
    {
        lock (_children)
        {
            if (!_children.TryAdd(name, stats))
            {
                throw new InvalidActorNameException($"Actor name '{name}' is not unique under {parent}: a child with that name exists or is still stopping.");
            }
        }
    }

    public ChildRestartStats? Find(IActorRef child)
    {
        lock (_children)
        {
            return _children.TryGetValue(child.Path.Name, out var stats) && stats.Child.Equals(child) ? stats : null;
        }
    }

    public IInternalActorRef? FindByName(string name)
    {
        lock (_children)
        {
            return _children.TryGetValue(name, out var stats) && !stats.IsStopping ? stats.Child : null;
        }
    }

    public bool Remove(IActorRef child)
    {
        lock (_children)
        {
            return _children.TryGetValue(child.Path.Name, out var stats) && stats.Child.Equals(child) && _children.Remove(child.Path.Name);
        }
    }

    public bool MarkStopping(IActorRef child)
    {
        lock (_children)
        {
            if (_children.TryGetValue(child.Path.Name, out var stats) && stats.Child.Equals(child))
            {
                stats.IsStopping = true;
                return true;
            }
            return false;
        }
    }

    public ChildRestartStats[] Snapshot()
    {
        lock (_children)
        {
            return [.. _children.Values];
        }
    }

    public bool AnyStopping
    {
        get
        {
            lock (_children)
            {
                return _children.Values.Any(c => c.IsStopping);
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_children)
            {
                return _children.Count;
            }
        }
    }
}
