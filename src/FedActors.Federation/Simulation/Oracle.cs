using FedActors.Federation.Client.Adversaries;
using FedActors.Federation.Metrics;
using FedActors.Federation.Scenarios;
using FedActors.Learning.Attacks;
using FedActors.Learning.Training;

namespace FedActors.Federation.Simulation;

/// <summary>
/// The researcher's view of a simulated run (ARCHITECTURE.md, "oracle view"): it evaluates the
/// global model the node published after a round on the held-out test set (accuracy, loss,
/// per-class recall and, when asked, backdoor success) and merges the figures into the round's
/// metrics. Only the <see cref="ScenarioRunner"/> holds it; the Coordinator reports rounds without
/// any oracle figure and never waits for it.
/// </summary>
/// <remarks>
/// <see cref="Observe"/> snapshots the published model at once (the node's global model is an
/// immutable snapshot) and evaluates it on the node's trainer pool while the next round trains;
/// merged rounds reach the listener in round order. Rounds are evaluated every
/// <c>metrics.evaluate-every</c> rounds and always in the last round; the rounds between, and failed
/// rounds, carry no oracle figures.
/// </remarks>
public sealed class Oracle
{
    private readonly SimulationNode _node;
    private readonly Scenario _scenario;
    private readonly BackdoorAttack? _backdoor;
    private readonly Action<RoundMetrics> _onRound;
    private readonly List<RoundMetrics> _rounds = [];
    private Task _pending = Task.CompletedTask;

    /// <summary>Creates the oracle of <paramref name="scenario"/>'s run on <paramref name="node"/>.</summary>
    /// <param name="node">The node whose published global model and test set are evaluated.</param>
    /// <param name="scenario">The scenario (its <c>metrics</c> section, rounds and backdoor attack).</param>
    /// <param name="onRound">Called with each round's merged metrics, in round order.</param>
    public Oracle(SimulationNode node, Scenario scenario, Action<RoundMetrics> onRound)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(onRound);
        _node = node;
        _scenario = scenario;
        _onRound = onRound;
        _backdoor = scenario.Metrics.BackdoorSuccess ? BackdoorOf(scenario.Attacks) : null;
    }

    /// <summary>True when the oracle evaluates the model after <paramref name="round"/>.</summary>
    /// <param name="round">The round, from 1.</param>
    /// <returns>Whether the round is evaluated (if it completes).</returns>
    public bool Evaluates(int round) => round % _scenario.Metrics.EvaluateEvery == 0 || round == _scenario.Rounds;

    /// <summary>
    /// Takes a round as the Coordinator reported it, right after the node published the round's model,
    /// and schedules its evaluation. Call it from one thread, in round order.
    /// </summary>
    /// <param name="round">The Coordinator's metrics of the round (no oracle figures).</param>
    /// <exception cref="InvalidOperationException">A completed round's model hash is not the node's published model.</exception>
    public void Observe(RoundMetrics round)
    {
        ArgumentNullException.ThrowIfNull(round);
        var model = round.Status == RoundStatus.Completed && Evaluates(round.Round) ? _node.Global : null;
        if (model is not null && round.ModelHash != Convert.ToHexStringLower(model.Hash))
        {
            throw new InvalidOperationException($"The oracle was handed round {round.Round} with model hash {round.ModelHash}, but the node publishes {Convert.ToHexStringLower(model.Hash)}; the round must be observed right after its model is published.");
        }
        // The evaluation starts now; only the hand-over to the listener waits for the earlier rounds.
        var evaluation = model is null ? Task.FromResult(round) : EvaluateAsync(round, model);
        _pending = DeliverAfterAsync(_pending, evaluation);
    }

    /// <summary>Waits until every observed round is evaluated and delivered.</summary>
    /// <returns>Every observed round with its oracle figures, in round order.</returns>
    public async Task<IReadOnlyList<RoundMetrics>> CompleteAsync()
    {
        await _pending.ConfigureAwait(false);
        return _rounds.ToArray();
    }

    private async Task DeliverAfterAsync(Task previous, Task<RoundMetrics> evaluation)
    {
        await previous.ConfigureAwait(false);
        var merged = await evaluation.ConfigureAwait(false);
        _rounds.Add(merged);
        _onRound(merged);
    }

    private async Task<RoundMetrics> EvaluateAsync(RoundMetrics round, GlobalModel model)
    {
        var test = _node.Data.Test;
        var (evaluation, backdoor) = await _node.Pool.RunAsync(_node.Spec, t =>
        {
            var evaluation = t.Evaluate(model.Parameters, test);
            double? backdoor = _backdoor is null ? null : BackdoorEvaluation.SuccessRate(t, model.Parameters, test, BackdoorAdversary.Trigger(_backdoor), _backdoor.Target);
            return (evaluation, backdoor);
        }).ConfigureAwait(false);
        return round with
        {
            TestAccuracy = evaluation.Accuracy,
            TestLoss = evaluation.Loss,
            PerClassRecall = PerClassRecall(evaluation),
            BackdoorSuccess = backdoor,
        };
    }

    private IReadOnlyList<double>? PerClassRecall(Evaluation evaluation)
    {
        // A class absent from the test set has no recall (NaN); metrics.json then carries no recall list rather than a made-up value.
        var recall = evaluation.PerClassRecall();
        return _scenario.Metrics.PerClassRecall && recall.All(double.IsFinite) ? recall : null;
    }

    private static BackdoorAttack? BackdoorOf(IEnumerable<Attack> attacks) =>
        attacks.Select(a => a is SybilAttack sybil ? sybil.With : a).OfType<BackdoorAttack>().FirstOrDefault();
}
