namespace FedActors.Cluster.Events;

/// <summary>A change of the membership as this node sees it; what <see cref="Cluster.Subscribe"/> delivers after the initial <see cref="CurrentClusterState"/>.</summary>
public interface IClusterDomainEvent
{
}
