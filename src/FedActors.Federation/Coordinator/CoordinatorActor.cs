using System.Diagnostics;
using FedActors.Actors.Core;
using FedActors.Crypto.Envelope;
using FedActors.Federation.Aggregation;
using FedActors.Federation.Metrics;
using FedActors.Federation.Protocol;
using FedActors.Federation.Scenarios;
using FedActors.Federation.Secure;
using FedActors.Federation.Simulation;
using FedActors.Learning.Randomness;
using Google.Protobuf;

namespace FedActors.Federation.Coordinator;

/// <summary>
/// The Coordinator of a federation (secure-sum mode: see <c>CoordinatorActor.Secure.cs</c>). Each round it selects
/// <c>clients-per-round</c> clients with the scenario's seed, sends them a <see cref="TrainRequest"/>
/// with a fresh nonce, and accepts each selected client's first correctly signed contribution for
/// this run, round and nonce; everything else is rejected and counted by reason
/// (<c>bad-signature</c>, <c>wrong-round</c>, <c>not-selected</c>, <c>duplicate</c>, <c>late</c>).
/// When every selected client answered, or at the deadline, it aggregates with the scenario's
/// aggregator if it holds at least <c>min-contributions</c> (else the round fails and the run
/// continues), publishes the new global model to the node and reports the round's metrics (without
/// oracle figures: the runner's <see cref="Oracle"/> evaluates the published model, the Coordinator
/// never sees the test set). After the last round it completes the run's completion source.
/// </summary>
public sealed partial class CoordinatorActor : ReceiveActor
{
    private readonly Scenario _scenario;
    private readonly string _runId;
    private readonly SimulationNode _node;
    private readonly IReadOnlyList<IActorRef> _clients;
    private readonly IReadOnlyDictionary<string, EcPublicKey> _roster;
    private readonly IAggregator? _aggregator;
    private readonly TimeProvider _time;
    private readonly Action<RoundMetrics> _onRound;
    private readonly TaskCompletionSource<IReadOnlyList<RoundMetrics>> _completion;
    private readonly SeededRandom _random;
    private readonly List<RoundMetrics> _rounds = [];
    private readonly Dictionary<string, PlaintextContribution> _accepted = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _rejected = new(StringComparer.Ordinal);
    private HashSet<string> _selected = new(StringComparer.Ordinal);
    private RoundId _round = new();
    private int _received;
    private bool _open;
    private long _openedAt;

    /// <summary>Creates the Coordinator of <paramref name="scenario"/>'s run <paramref name="runId"/>.</summary>
    /// <param name="scenario">The validated scenario (plaintext aggregation).</param>
    /// <param name="runId">The run id every round message carries.</param>
    /// <param name="node">The node whose global model the Coordinator publishes.</param>
    /// <param name="clients">The clients, in client-index order.</param>
    /// <param name="roster">Each client id's signature key.</param>
    /// <param name="time">The clock of deadlines and phase times.</param>
    /// <param name="onRound">Called in the actor after each round with its metrics.</param>
    /// <param name="completion">Completed with every round's metrics after the last round, or faulted if the Coordinator fails.</param>
    /// <param name="secure">The KeyManager, signing key and settings of secure-sum mode; null in plaintext mode.</param>
    public CoordinatorActor(
        Scenario scenario, string runId, SimulationNode node, IReadOnlyList<IActorRef> clients, IReadOnlyDictionary<string, EcPublicKey> roster,
        TimeProvider time, Action<RoundMetrics> onRound, TaskCompletionSource<IReadOnlyList<RoundMetrics>> completion, SecureCoordination? secure = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        _scenario = scenario;
        _runId = runId;
        _node = node;
        _clients = clients;
        _roster = roster;
        _secure = secure;
        _aggregator = secure is null ? scenario.Federation.CreateAggregator() : null;
        _time = time;
        _onRound = onRound;
        _completion = completion;
        _random = new SeededRandom(SeededRandom.Derive((ulong)scenario.Seed, 0xC00D));
        ReceiveAsync<PlaintextContribution>(OnContributionAsync);
        Receive<RoundDeadline>(d =>
        {
            if (d.Round == _round.Round && _open)
            {
                CloseRound();
            }
        });
        if (secure is not null)
        {
            ReceiveSecure();
        }
    }

    /// <summary>The props of a Coordinator; see the constructor for the arguments.</summary>
    public static Props Props(
        Scenario scenario, string runId, SimulationNode node, IReadOnlyList<IActorRef> clients, IReadOnlyDictionary<string, EcPublicKey> roster,
        TimeProvider time, Action<RoundMetrics> onRound, TaskCompletionSource<IReadOnlyList<RoundMetrics>> completion, SecureCoordination? secure = null) =>
        Actors.Core.Props.Create(() => new CoordinatorActor(scenario, runId, node, clients, roster, time, onRound, completion, secure));

    /// <inheritdoc/>
    protected override void PreStart()
    {
        if (_secure is not null)
        {
            StartSecure();
            return;
        }
        OpenRound(1);
    }

    /// <inheritdoc/>
    protected override void PostStop() =>
        _completion.TrySetException(new InvalidOperationException($"The Coordinator of run {_runId} stopped after {_rounds.Count} of {_scenario.Rounds} rounds."));

    private void OpenRound(uint round)
    {
        _accepted.Clear();
        _rejected.Clear();
        _received = 0;
        var nonce = new byte[16];
        for (var i = 0; i < nonce.Length; i += 8)
        {
            BitConverter.TryWriteBytes(nonce.AsSpan(i), _random.NextUInt64());
        }
        _round = new RoundId { RunId = _runId, Epoch = CurrentEpoch, Round = round, Nonce = ByteString.CopyFrom(nonce) };
        var order = Enumerable.Range(0, _clients.Count).ToArray();
        _random.Shuffle(order.AsSpan());
        var chosen = order.Take(_scenario.Federation.ClientsPerRound).Order().ToArray();
        _selected = chosen.Select(ClientId).ToHashSet(StringComparer.Ordinal);
        var deadline = _time.GetUtcNow() + _scenario.Federation.RoundTimeout;
        var model = new ModelParameters { Hash = ByteString.CopyFrom(_node.Global.Hash) };
        var request = new TrainRequest
        {
            Round = _round,
            Model = model,
            DeadlineUnixMs = deadline.ToUnixTimeMilliseconds(),
            ClipNorm = _scenario.Federation.ClipNorm,
        };
        _open = true;
        _openedAt = _time.GetTimestamp();
        OpenSecureRound();
        foreach (var index in chosen)
        {
            _clients[index].Tell(request, Self);
        }
        Context.Timers.StartSingleTimer("deadline", new RoundDeadline { Round = round }, _scenario.Federation.RoundTimeout);
    }

    /// <summary>The id of client number <paramref name="index"/>.</summary>
    public static string ClientId(int index) => $"client-{index:D4}";

    private Task OnContributionAsync(PlaintextContribution contribution)
    {
        var reason = Check(contribution.Round, contribution.ClientId, key => ContributionSignature.Verify(contribution, key), _accepted.ContainsKey(contribution.ClientId));
        if (reason is not null)
        {
            Reject(contribution.Round, contribution.ClientId, reason);
            return Task.CompletedTask;
        }
        _received++;
        _accepted[contribution.ClientId] = contribution;
        if (_accepted.Count == _selected.Count)
        {
            CloseRound();
        }
        return Task.CompletedTask;
    }

    private void Reject(RoundId? round, string clientId, string reason)
    {
        _rejected[reason] = _rejected.GetValueOrDefault(reason) + 1;
        Sender.Tell(new ContributionRejected { Round = round ?? new RoundId(), ClientId = clientId, Reason = reason }, Self);
    }

    /// <summary>The rejection reason of a contribution of either mode, or null when it is accepted.</summary>
    private string? Check(RoundId? round, string clientId, Func<EcPublicKey, bool> verifySignature, bool alreadyAccepted)
    {
        if (round is null || round.RunId != _runId)
        {
            return "wrong-run";
        }
        if (round.Epoch != _round.Epoch)
        {
            return _secure is null ? "wrong-run" : "wrong-epoch";
        }
        if (round.Round != _round.Round || round.Nonce != _round.Nonce)
        {
            return round.Round < _round.Round ? "late" : "wrong-round";
        }
        if (!_open)
        {
            return "late";
        }
        if (!_roster.TryGetValue(clientId, out var key) || !verifySignature(key))
        {
            return "bad-signature";
        }
        if (!_selected.Contains(clientId))
        {
            return "not-selected";
        }
        return alreadyAccepted ? "duplicate" : null;
    }

    private (AggregationResult? Result, string? Failure) Aggregate(IAggregator aggregator, List<ClientUpdate> updates)
    {
        if (updates.Count < _scenario.Federation.MinContributions)
        {
            return (null, $"only {updates.Count} of the {_scenario.Federation.MinContributions} contributions min-contributions requires arrived before the deadline");
        }
        try
        {
            return (aggregator.Aggregate(updates), null);
        }
        catch (AggregationException e)
        {
            // A robust rule that cannot run on this many usable updates fails the round, not the run.
            return (null, e.Message);
        }
    }

    private void CloseRound()
    {
        _open = false;
        Context.Timers.Cancel("deadline");
        if (_secure is not null)
        {
            CloseSecureRound();
            return;
        }
        var training = _accepted.Values.Select(c => c.TrainingSeconds).DefaultIfEmpty(0).Max();
        var counts = new ContributionCounts(_selected.Count, _received + _rejected.Values.Sum(), _accepted.Count, new Dictionary<string, int>(_rejected));
        var updates = _accepted.Values.Select(c => new ClientUpdate(c.ClientId, c.Update.ToArray(), (long)c.SampleCount)).ToList();
        var aggregateClock = Stopwatch.StartNew();
        var (result, failure) = Aggregate(_aggregator!, updates);
        RoundMetrics metrics;
        if (result is null)
        {
            metrics = new RoundMetrics
            {
                Round = (int)_round.Round,
                Status = RoundStatus.Failed,
                FailureReason = failure,
                Contributions = counts,
                Bytes = RoleBytes.None,
                Time = PhaseTimes.Zero with { Training = training },
            };
        }
        else
        {
            var next = (float[])_node.Global.Parameters.Clone();
            for (var i = 0; i < next.Length; i++)
            {
                next[i] += result.Update[i];
            }
            var published = _node.Publish(next);
            var aggregation = aggregateClock.Elapsed.TotalSeconds;
            var rejectedByAggregator = new Dictionary<string, int>(_rejected);
            foreach (var decision in result.Rejected)
            {
                var key = decision.MetricsKey;
                rejectedByAggregator[key] = rejectedByAggregator.GetValueOrDefault(key) + 1;
            }
            metrics = new RoundMetrics
            {
                Round = (int)_round.Round,
                Status = RoundStatus.Completed,
                Contributions = counts with { Accepted = result.Accepted.Count(), Rejected = rejectedByAggregator },
                Bytes = RoleBytes.None,
                Time = new PhaseTimes(training, 0, aggregation, 0, 0),
                ModelHash = Convert.ToHexStringLower(published.Hash),
            };
        }
        Finish(metrics);
    }

    private void Finish(RoundMetrics metrics)
    {
        _rounds.Add(metrics);
        _onRound(metrics);
        if (_round.Round >= _scenario.Rounds)
        {
            _completion.TrySetResult(_rounds.ToArray());
        }
        else if (_secure is null || !RekeyBeforeNextRound())
        {
            OpenRound(_round.Round + 1);
        }
    }
}
