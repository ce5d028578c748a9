namespace FedActors.Actors.Core;

/// <summary>A behaviour: handles a message and returns true, or returns false to leave it unhandled.</summary>
/// <param name="message">The message to handle.</param>
public delegate bool Receive(object message);
