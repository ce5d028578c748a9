using FedActors.Federation.Scenarios;

namespace FedActors.Federation.Client.Adversaries;

/// <summary>
/// <c>ipm</c>, inner-product manipulation (Xie et al. 2020): in active rounds the client sends
/// −ε·μ, where μ, the mean of benign updates, is estimated from its coalition's own honest updates of
/// the round (<see cref="Coalition"/>; the attackers know nothing of the honest clients' updates).
/// </summary>
public sealed class IpmAdversary : Adversary
{
    private readonly IpmAttack _attack;
    private readonly int _rounds;
    private readonly Coalition _coalition;

    /// <summary>Creates a member of <paramref name="coalition"/> carrying out <paramref name="attack"/>.</summary>
    public IpmAdversary(IpmAttack attack, int rounds, Coalition coalition)
    {
        ArgumentNullException.ThrowIfNull(attack);
        ArgumentNullException.ThrowIfNull(coalition);
        _attack = attack;
        _rounds = rounds;
        _coalition = coalition;
    }

    /// <inheritdoc />
    public override TrainingPlan PlanTraining(AdversaryRound round, TrainingPlan honest) =>
        // Its own honest update is part of the coalition's estimate; training it twice would only cost time.
        honest.SkippedIf(_attack.Window.IsActive(round.Round, _rounds));

    /// <inheritdoc />
    public override async ValueTask<long> ForgeUpdateAsync(AdversaryRound round, float[] update, long samples)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(update);
        if (_attack.Window.IsActive(round.Round, _rounds))
        {
            var (mean, _) = Coalition.Moments(await _coalition.HonestUpdatesAsync(round).ConfigureAwait(false));
            System.Numerics.Tensors.TensorPrimitives.Multiply(mean, (float)-_attack.Epsilon, update);
            _coalition.Individualize(round.ClientIndex, update);
        }
        return samples;
    }
}
