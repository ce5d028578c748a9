using FedActors.Federation.Protocol;
using FedActors.Federation.Scenarios;

namespace FedActors.Federation.Client.Adversaries;

/// <summary>
/// <c>replay</c> with plaintext contributions. In active rounds: <c>own-previous</c> re-sends, instead of
/// this round's contribution, its own signed contribution from <c>round-offset</c> rounds back (or the
/// latest before that; its honest one when it has none), which the Coordinator rejects as <c>late</c>;
/// <c>duplicate</c> sends this round's contribution twice (one accepted, one rejected as <c>duplicate</c>);
/// <c>copy-other</c> skips training and signs, under its own identity, the update another client sent this
/// round (seen through the <see cref="Eavesdropper"/>, from <c>source-client</c> when given), which the
/// Coordinator rejects as <c>replay</c> because an accepted contribution has the same content.
/// <c>rerandomized-copy</c> needs ciphertexts and exists only in secure-sum mode.
/// </summary>
public sealed class ReplayAdversary : Adversary
{
    private readonly ReplayAttack _attack;
    private readonly int _rounds;
    private readonly string _clientId;
    private readonly Eavesdropper? _eavesdropper;
    private readonly TimeProvider _time;
    private readonly SortedDictionary<int, PlaintextContribution> _sent = [];

    /// <summary>Creates the adversary of <paramref name="attack"/> for client <paramref name="clientId"/>.</summary>
    /// <param name="attack">The attack.</param>
    /// <param name="rounds">The scenario's number of rounds.</param>
    /// <param name="clientId">The attacker's own client id (copy-other never copies itself).</param>
    /// <param name="eavesdropper">What the attacker sees on the wire; required for <c>copy-other</c>.</param>
    /// <param name="time">The clock against which a copy-other attacker stops waiting at the round's deadline.</param>
    /// <exception cref="NotSupportedException">The mode is <c>rerandomized-copy</c>, or <c>copy-other</c> without an eavesdropper.</exception>
    public ReplayAdversary(ReplayAttack attack, int rounds, string clientId, Eavesdropper? eavesdropper, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(attack);
        ArgumentNullException.ThrowIfNull(clientId);
        ArgumentNullException.ThrowIfNull(time);
        if (attack.Mode == "rerandomized-copy")
        {
            throw new NotSupportedException("attacks.mode = rerandomized-copy re-randomizes a ciphertext and needs federation.aggregation = secure-sum; in plaintext mode choose own-previous, copy-other or duplicate.");
        }
        if (attack.Mode == "copy-other" && eavesdropper is null)
        {
            throw new NotSupportedException("A copy-other replay attacker needs an eavesdropper on the honest clients' links.");
        }
        _attack = attack;
        _rounds = rounds;
        _clientId = clientId;
        _eavesdropper = eavesdropper;
        _time = time;
    }

    /// <inheritdoc />
    public override TrainingPlan PlanTraining(AdversaryRound round, TrainingPlan honest)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(honest);
        return _attack.Mode == "copy-other" && Active(round) ? honest with { Skip = true } : honest;
    }

    /// <inheritdoc />
    public override async ValueTask<long> ForgeUpdateAsync(AdversaryRound round, float[] update, long samples)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(update);
        if (_attack.Mode != "copy-other" || !Active(round))
        {
            return samples;
        }
        var source = _attack.SourceClient is { } s ? Coordinator.CoordinatorActor.ClientId(s) : null;
        var remaining = DateTimeOffset.FromUnixTimeMilliseconds(round.Request.DeadlineUnixMs) - _time.GetUtcNow();
        using var timeout = new CancellationTokenSource(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, _time);
        var copied = await _eavesdropper!.NextAsync(round.Request.Round.Round, _clientId, source, timeout.Token).ConfigureAwait(false);
        if (copied is null)
        {
            // Nothing to copy before the deadline: it sends its (untrained) zeros, which arrive late anyway.
            return samples;
        }
        copied.Update.CopyTo(update, 0);
        return (long)copied.SampleCount;
    }

    /// <inheritdoc />
    public override IReadOnlyList<Delivery> Deliver(AdversaryRound round, PlaintextContribution contribution)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(contribution);
        var now = new Delivery(contribution, TimeSpan.Zero);
        IReadOnlyList<Delivery> deliveries = [now];
        if (Active(round))
        {
            if (_attack.Mode == "duplicate")
            {
                deliveries = [now, now];
            }
            else if (_attack.Mode == "own-previous" && _sent.LastOrDefault(p => p.Key <= round.Round - _attack.RoundOffset).Value is { } previous)
            {
                deliveries = [new Delivery(previous, TimeSpan.Zero)];
            }
        }
        _sent[round.Round] = contribution;
        // The latest send at least round-offset rounds back is always among the last round-offset + 1 sends.
        while (_sent.Count > _attack.RoundOffset + 1)
        {
            _sent.Remove(_sent.First().Key);
        }
        return deliveries;
    }

    private bool Active(AdversaryRound round) => _attack.Window.IsActive(round.Round, _rounds);
}
