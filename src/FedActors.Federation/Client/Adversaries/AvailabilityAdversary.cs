using FedActors.Federation.Protocol;
using FedActors.Federation.Scenarios;
using FedActors.Learning.Randomness;

namespace FedActors.Federation.Client.Adversaries;

/// <summary>
/// <c>dropout</c>, <c>straggler</c> and <c>crash</c>: in an active round a dropout sends nothing with
/// probability p, a straggler sends its honest contribution <c>delay</c> late with probability p (after
/// the deadline it is rejected as <c>late</c>), and a crashed client sends nothing from <c>round</c> on,
/// for good. Draws are seeded per client and round.
/// </summary>
public sealed class AvailabilityAdversary : Adversary
{
    private readonly AvailabilityAttack _attack;
    private readonly int _rounds;
    private readonly ulong _seed;

    /// <summary>Creates the adversary of <paramref name="attack"/>, drawing its coin flips from <paramref name="seed"/>.</summary>
    public AvailabilityAdversary(AvailabilityAttack attack, int rounds, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(attack);
        _attack = attack;
        _rounds = rounds;
        _seed = seed;
    }

    /// <inheritdoc />
    public override TrainingPlan PlanTraining(AdversaryRound round, TrainingPlan honest)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(honest);
        // A crashed client does no work at all.
        return Crashed(round.Round) ? honest with { Skip = true } : honest;
    }

    /// <inheritdoc />
    public override IReadOnlyList<Delivery> Deliver(AdversaryRound round, PlaintextContribution contribution)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(contribution);
        if (Crashed(round.Round))
        {
            return [];
        }
        var hit = _attack.Type != "crash"
            && _attack.Window.IsActive(round.Round, _rounds)
            && new SeededRandom(SeededRandom.Derive(_seed, (ulong)round.Round)).NextDouble() < _attack.Probability;
        return !hit ? [new Delivery(contribution, TimeSpan.Zero)]
            : _attack.Type == "straggler" ? [new Delivery(contribution, _attack.Delay)]
            : [];
    }

    private bool Crashed(int round) => _attack.Type == "crash" && round >= _attack.CrashRound;
}
