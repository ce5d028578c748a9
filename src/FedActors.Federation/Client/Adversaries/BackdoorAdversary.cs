using FedActors.Federation.Scenarios;
using FedActors.Learning.Attacks;

namespace FedActors.Federation.Client.Adversaries;

/// <summary>
/// <c>scaling</c> and <c>model-replacement</c> (Bagdasaryan et al. 2020): in active rounds the client
/// trains on its own data with the trigger stamped on a <c>poison-fraction</c> of every batch and
/// relabelled as the target (with the attack's own <c>local-epochs</c> and <c>learning-rate</c> when
/// given), then multiplies its clipped update by <c>boost</c> so it outweighs the honest ones. Both
/// types behave alike here; model replacement is scaling with boost ≈ clients per round over the
/// server learning rate. Knows only its own data and the global model.
/// </summary>
public sealed class BackdoorAdversary : Adversary
{
    private readonly BackdoorAttack _attack;
    private readonly int _rounds;
    private readonly BackdoorPoisoning _poisoning;

    /// <summary>Creates the adversary of <paramref name="attack"/> in a run of <paramref name="rounds"/> rounds.</summary>
    public BackdoorAdversary(BackdoorAttack attack, int rounds)
    {
        ArgumentNullException.ThrowIfNull(attack);
        _attack = attack;
        _rounds = rounds;
        _poisoning = new BackdoorPoisoning(Trigger(attack), attack.Target, attack.PoisonFraction);
    }

    /// <summary>The trigger a backdoor attack stamps.</summary>
    /// <param name="attack">The attack.</param>
    /// <returns>Its trigger.</returns>
    /// <exception cref="NotSupportedException">The trigger name is not one of <see cref="BackdoorAttack.Triggers"/>.</exception>
    public static PixelPatternTrigger Trigger(BackdoorAttack attack)
    {
        ArgumentNullException.ThrowIfNull(attack);
        return attack.Trigger == "pixel-pattern"
            ? new PixelPatternTrigger()
            : throw new NotSupportedException($"attacks.trigger = {attack.Trigger} is not a known trigger; valid: {string.Join(", ", BackdoorAttack.Triggers)}");
    }

    /// <inheritdoc />
    public override TrainingPlan PlanTraining(AdversaryRound round, TrainingPlan honest)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(honest);
        if (!_attack.Window.IsActive(round.Round, _rounds))
        {
            return honest;
        }
        var options = honest.Options with
        {
            Epochs = _attack.LocalEpochs ?? honest.Options.Epochs,
            LearningRate = _attack.LearningRate is { } rate ? (float)rate : honest.Options.LearningRate,
        };
        return honest with { Options = options, Transform = _poisoning };
    }

    /// <inheritdoc />
    public override ValueTask<long> ForgeUpdateAsync(AdversaryRound round, float[] update, long samples)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(update);
        if (_attack.Window.IsActive(round.Round, _rounds))
        {
            System.Numerics.Tensors.TensorPrimitives.Multiply(update, (float)_attack.Boost, update);
        }
        return ValueTask.FromResult(samples);
    }
}
