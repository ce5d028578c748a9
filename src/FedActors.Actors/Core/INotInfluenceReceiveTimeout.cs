namespace FedActors.Actors.Core;

/// <summary>Marks a message whose arrival does not restart the receive timeout (see <see cref="IActorContext.SetReceiveTimeout"/>).</summary>
public interface INotInfluenceReceiveTimeout;
