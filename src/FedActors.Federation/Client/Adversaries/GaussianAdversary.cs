using FedActors.Federation.Scenarios;
using FedActors.Learning.Randomness;

namespace FedActors.Federation.Client.Adversaries;

/// <summary>
/// <c>gaussian</c>: in active rounds the client skips training and sends N(mean, std²) noise in
/// every coordinate, drawn from a seed of its own and the round (so a run is reproducible). Knows nothing.
/// </summary>
public sealed class GaussianAdversary : Adversary
{
    private readonly GaussianAttack _attack;
    private readonly int _rounds;
    private readonly ulong _seed;

    /// <summary>Creates the adversary of <paramref name="attack"/>, drawing its noise from <paramref name="seed"/>.</summary>
    public GaussianAdversary(GaussianAttack attack, int rounds, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(attack);
        _attack = attack;
        _rounds = rounds;
        _seed = seed;
    }

    /// <inheritdoc />
        public override TrainingPlan PlanTraining(AdversaryRound round, TrainingPlan honest) =>
        honest.SkippedIf(_attack.Window.IsActive(round.Round, _rounds));

    /// <inheritdoc />
    public override ValueTask<long> ForgeUpdateAsync(AdversaryRound round, float[] update, long samples)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(update);
        if (_attack.Window.IsActive(round.Round, _rounds))
        {
            var random = new SeededRandom(SeededRandom.Derive(_seed, (ulong)round.Round));
            for (var i = 0; i < update.Length; i++)
            {
                update[i] = (float)(_attack.Mean + _attack.Std * random.NextGaussian());
            }
        }
        return ValueTask.FromResult(samples);
    }
}
