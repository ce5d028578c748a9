using FedActors.Actors.Core;

namespace FedActors.Remote.Endpoint;

/// <summary>
/// Resolves paths for a system with a remote transport: paths of this system (its local or its global address)
/// go to the local provider; paths of other systems become <see cref="RemoteActorRef"/>s.
/// </summary>
internal sealed class RemoteActorRefProvider : IActorRefProvider
{
    private readonly IActorRefProvider _local;
    private readonly EndpointManager _manager;

    public RemoteActorRefProvider(IActorRefProvider local, EndpointManager manager)
    {
        _local = local;
        _manager = manager;
    }

    public Address DefaultAddress => _manager.Address;

    public ActorPath RootPath => _local.RootPath;

    public IActorRef DeadLetters => _local.DeadLetters;

    public IActorRef ResolveActorRef(ActorPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Address.Equals(_manager.Address))
        {
            var local = _local.RootPath;
            foreach (var element in path.Elements)
            {
                local /= element;
            }
            return _local.ResolveActorRef(local);
        }
        return path.Address.HasGlobalScope && path.Address.Protocol == Address.DefaultProtocol
            ? new RemoteActorRef(_manager, path)
            : _local.ResolveActorRef(path);
    }
}
