using FedActors.Federation.Scenarios;
using FedActors.Learning.Attacks;

namespace FedActors.Federation.Client.Adversaries;

/// <summary>
/// <c>label-flip</c> (Tolpegin et al. 2020): in active rounds the client trains honestly on relabelled
/// data, <c>source → target</c> or every label l → L−1−l, on a <c>fraction</c> of the eligible samples.
/// Knows only its own data.
/// </summary>
public sealed class LabelFlipAdversary : Adversary
{
    private readonly LabelFlipAttack _attack;
    private readonly int _rounds;
    private readonly LabelFlip _flip;

    /// <summary>Creates the adversary of <paramref name="attack"/> for data of <paramref name="classes"/> classes in a run of <paramref name="rounds"/> rounds.</summary>
    public LabelFlipAdversary(LabelFlipAttack attack, int classes, int rounds)
    {
        ArgumentNullException.ThrowIfNull(attack);
        _attack = attack;
        _rounds = rounds;
        _flip = attack.Source is { } source
            ? LabelFlip.SourceToTarget(source, attack.Target, classes, attack.Fraction)
            : LabelFlip.Everything(classes, attack.Fraction);
    }

    /// <inheritdoc />
    public override TrainingPlan PlanTraining(AdversaryRound round, TrainingPlan honest)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(honest);
        return _attack.Window.IsActive(round.Round, _rounds) ? honest with { Transform = _flip } : honest;
    }
}
