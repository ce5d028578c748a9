using FedActors.Federation.Protocol;
using FedActors.Federation.Scenarios;

namespace FedActors.Federation.Client.Adversaries;

/// <summary>
/// <c>replay</c>. With plaintext contributions, in active rounds: <c>own-previous</c> re-sends, instead of
/// this round's contribution, its own signed contribution from <c>round-offset</c> rounds back (or the
/// latest before that; its honest one when it has none), which the Coordinator rejects as <c>late</c>;
/// <c>duplicate</c> sends this round's contribution twice (one accepted, one rejected as <c>duplicate</c>);
/// <c>copy-other</c> skips training and signs, under its own identity, the update another client sent this
/// round (seen through the <see cref="Eavesdropper"/>, from <c>source-client</c> when given), which the
/// Coordinator rejects as <c>replay</c> because an accepted contribution has the same content.
/// <c>rerandomized-copy</c> needs ciphertexts and exists only in secure-sum mode.
/// In secure-sum mode (<see cref="DeliverEncryptedAsync"/>): <c>own-previous</c> signs its own ciphertext of
/// <c>round-offset</c> rounds back for this round and <c>copy-other</c> signs another client's ciphertext of this round
/// verbatim (both rejected as <c>replay</c>: the Coordinator has seen those bytes); <c>duplicate</c> sends its
/// contribution twice (the second rejected as <c>duplicate</c>); <c>rerandomized-copy</c> adds a fresh encryption of
/// zero to another client's ciphertext, which replay protection cannot tell from a fresh contribution: it is accepted,
/// the copied update counts twice in the aggregate, and the attacker notes it in the <see cref="ReplayLedger"/> so the
/// run reports it as an undetected replay. A copying attacker does not train; when nothing is copied before the
/// round's deadline it sends nothing.
/// </summary>
public sealed class ReplayAdversary : Adversary
{
    private readonly ReplayAttack _attack;
    private readonly int _rounds;
    private readonly string _clientId;
    private readonly Eavesdropper? _eavesdropper;
    private readonly TimeProvider _time;
    private readonly bool _secure;
    private readonly ReplayLedger? _ledger;
    private readonly SortedDictionary<int, PlaintextContribution> _sent = [];
    private readonly SortedDictionary<int, Contribution> _sentEncrypted = [];

    /// <summary>Creates the adversary of <paramref name="attack"/> for client <paramref name="clientId"/>.</summary>
    /// <param name="attack">The attack.</param>
    /// <param name="rounds">The scenario's number of rounds.</param>
    /// <param name="clientId">The attacker's own client id (copy-other never copies itself).</param>
    /// <param name="eavesdropper">What the attacker sees on the wire; required for <c>copy-other</c>.</param>
    /// <param name="time">The clock against which a copy-other attacker stops waiting at the round's deadline.</param>
    /// <param name="secure">True in secure-sum mode (the attacker copies ciphertexts).</param>
    /// <param name="ledger">Where a <c>rerandomized-copy</c> attacker notes its undetectable replays; required for that mode.</param>
    /// <exception cref="NotSupportedException">The mode is <c>rerandomized-copy</c> in plaintext mode or without a ledger, or a copying mode without an eavesdropper.</exception>
    public ReplayAdversary(ReplayAttack attack, int rounds, string clientId, Eavesdropper? eavesdropper, TimeProvider time, bool secure = false, ReplayLedger? ledger = null)
    {
        ArgumentNullException.ThrowIfNull(attack);
        ArgumentNullException.ThrowIfNull(clientId);
        ArgumentNullException.ThrowIfNull(time);
        if (attack.Mode == "rerandomized-copy" && (!secure || ledger is null))
        {
            throw new NotSupportedException("attacks.mode = rerandomized-copy re-randomizes a ciphertext and needs federation.aggregation = secure-sum; in plaintext mode choose own-previous, copy-other or duplicate.");
        }
        if (Copies(attack.Mode) && eavesdropper is null)
        {
            throw new NotSupportedException($"A {attack.Mode} replay attacker needs an eavesdropper on the honest clients' links.");
        }
        _attack = attack;
        _rounds = rounds;
        _clientId = clientId;
        _eavesdropper = eavesdropper;
        _time = time;
        _secure = secure;
        _ledger = ledger;
    }

    /// <inheritdoc />
        public override TrainingPlan PlanTraining(AdversaryRound round, TrainingPlan honest) =>
        honest.SkippedIf(Copies(_attack.Mode) && Active(round));

    /// <inheritdoc />
    public override async ValueTask<long> ForgeUpdateAsync(AdversaryRound round, float[] update, long samples)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(update);
        if (_secure || _attack.Mode != "copy-other" || !Active(round))
        {
            // In secure-sum mode the attacker copies ciphertexts when it delivers, not plaintext updates.
            return samples;
        }
        var copied = await CopyAsync<PlaintextContribution>(round).ConfigureAwait(false);
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
        Remember(_sent, round.Round, contribution);
        return deliveries;
    }

    private bool Active(AdversaryRound round) => _attack.Window.IsActive(round.Round, _rounds);

    /// <inheritdoc />
    public override async ValueTask<IReadOnlyList<Contribution>> DeliverEncryptedAsync(AdversaryRound round, Contribution contribution, CiphertextForge forge)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(contribution);
        ArgumentNullException.ThrowIfNull(forge);
        IReadOnlyList<Contribution> deliveries = [contribution];
        if (Active(round))
        {
            var id = round.Request.Round;
            switch (_attack.Mode)
            {
                case "duplicate":
                    deliveries = [contribution, contribution];
                    break;
                case "own-previous" when _sentEncrypted.LastOrDefault(p => p.Key <= round.Round - _attack.RoundOffset).Value is { } previous:
                    deliveries = [forge.Verbatim(id, previous)];
                    break;
                case "copy-other":
                    deliveries = await CopyAsync<Contribution>(round).ConfigureAwait(false) is { } original ? [forge.Verbatim(id, original)] : [];
                    break;
                case "rerandomized-copy":
                    var copied = await CopyAsync<Contribution>(round).ConfigureAwait(false);
                    deliveries = copied is null ? [] : [forge.Rerandomized(id, copied)];
                    if (copied is not null)
                    {
                        _ledger!.RecordUndetectable(id.Round);
                    }
                    break;
            }
        }
        Remember(_sentEncrypted, round.Round, contribution);
        return deliveries;
    }

    private static bool Copies(string mode) => mode is "copy-other" or "rerandomized-copy";

    /// <summary>Another client's contribution of this round (the source client's, when set), or null at the round's deadline.</summary>
    private async Task<T?> CopyAsync<T>(AdversaryRound round)
        where T : class, Google.Protobuf.IMessage
    {
        var source = _attack.SourceClient is { } s ? Coordinator.CoordinatorActor.ClientId(s) : null;
        var remaining = DateTimeOffset.FromUnixTimeMilliseconds(round.Request.DeadlineUnixMs) - _time.GetUtcNow();
        using var timeout = new CancellationTokenSource(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, _time);
        return await _eavesdropper!.NextAsync<T>(round.Request.Round.Round, _clientId, source, timeout.Token).ConfigureAwait(false);
    }

    private void Remember<T>(SortedDictionary<int, T> sent, int round, T contribution)
    {
        sent[round] = contribution;
        // The latest send at least round-offset rounds back is always among the last round-offset + 1 sends.
        while (sent.Count > _attack.RoundOffset + 1)
        {
            sent.Remove(sent.First().Key);
        }
    }
}
