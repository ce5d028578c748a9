using FedActors.Federation.Protocol;
using FedActors.Federation.Scenarios;
using FedActors.Learning.Randomness;

namespace FedActors.Federation.Client.Adversaries;

/// <summary>
/// <c>dropout</c>, <c>straggler</c> and <c>crash</c>: in an active round a dropout sends nothing with
/// probability p, a straggler sends its honest contribution <c>delay</c> late with probability p (after
/// the deadline it is rejected as <c>late</c>), and a crashed client sends nothing from <c>round</c> on,
/// for good. Draws are seeded per client and round. In secure-sum mode the same draw is the client's
/// <see cref="Presence"/>: a dropout key holder does not answer that round's decryption requests, a straggler answers
/// them <c>delay</c> late, and a crashed client's actor stops (the Coordinator sees it terminate).
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
    public override TrainingPlan PlanTraining(AdversaryRound round, TrainingPlan honest) =>
        // A crashed client does no work at all.
        honest.SkippedIf(PresenceIn(round.Round).Stops);

    /// <inheritdoc />
    public override IReadOnlyList<Delivery> Deliver(AdversaryRound round, PlaintextContribution contribution)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(contribution);
        var presence = PresenceIn(round.Round);
        return presence.Answers ? [new Delivery(contribution, presence.Delay)] : [];
    }

    /// <inheritdoc />
    public override Presence PresenceIn(int round)
    {
        if (_attack.Type == "crash")
        {
            return round >= _attack.CrashRound ? Presence.Crashed : Presence.OnTime;
        }
        var hit = _attack.Window.IsActive(round, _rounds)
            && new SeededRandom(SeededRandom.Derive(_seed, (ulong)round)).NextDouble() < _attack.Probability;
        return !hit ? Presence.OnTime
            : _attack.Type == "straggler" ? Presence.Late(_attack.Delay)
            : Presence.Absent;
    }
}
