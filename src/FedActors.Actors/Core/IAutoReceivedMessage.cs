namespace FedActors.Actors.Core;

/// <summary>A user-queued message the runtime handles itself (PoisonPill, Kill, Identify, Terminated, timers).</summary>
internal interface IAutoReceivedMessage;
