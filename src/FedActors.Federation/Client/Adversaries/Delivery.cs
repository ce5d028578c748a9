using FedActors.Federation.Protocol;

namespace FedActors.Federation.Client.Adversaries;

/// <summary>One message a client sends to the Coordinator for a round (<see cref="Adversary.Deliver"/>).</summary>
/// <param name="Contribution">The signed contribution.</param>
/// <param name="Delay">How long after the round's work the client sends it; zero for at once.</param>
public sealed record Delivery(PlaintextContribution Contribution, TimeSpan Delay);
