using FedActors.Federation.Protocol;
using FedActors.Federation.Simulation;

namespace FedActors.Federation.Client.Adversaries;

/// <summary>What an adversary knows about the round it plays: the request, its own identity and its node.</summary>
/// <param name="Request">The Coordinator's train request (round id, model hash, deadline, clip norm).</param>
/// <param name="ClientIndex">The client's index in the federation.</param>
/// <param name="Node">The client's node: data, partition, trainer pool and the global model of this round.</param>
/// <param name="Global">The global model the round starts from.</param>
public sealed record AdversaryRound(TrainRequest Request, int ClientIndex, SimulationNode Node, GlobalModel Global)
{
    /// <summary>The round number, from 1.</summary>
    public int Round => (int)Request.Round.Round;
}
