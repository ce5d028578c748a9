using FedActors.Learning.Training;

namespace FedActors.Federation.Client.Adversaries;

/// <summary>How a client trains in a round (<see cref="Adversary.PlanTraining"/>).</summary>
/// <param name="Options">Local epochs, batch size, learning rate, optimizer.</param>
/// <param name="Transform">Rewrites each mini-batch copy (label flipping, backdoor poisoning); null for clean data.</param>
/// <param name="Skip">True to send without training: the update starts as zeros.</param>
public sealed record TrainingPlan(TrainingOptions Options, IBatchTransform? Transform = null, bool Skip = false)
{
    /// <summary>This plan, without training when <paramref name="skip"/> is true (attacks that forge the update from nothing).</summary>
    public TrainingPlan SkippedIf(bool skip) => skip ? this with { Skip = true } : this;
}
