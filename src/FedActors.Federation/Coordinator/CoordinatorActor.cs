using System.Diagnostics;
using System.Security.Cryptography;
using FedActors.Actors.Core;
using FedActors.Crypto.Envelope;
using FedActors.Federation.Aggregation;
using FedActors.Federation.Journal;
using FedActors.Federation.Metrics;
using FedActors.Federation.Protocol;
using FedActors.Federation.Scenarios;
using FedActors.Federation.Secure;
using FedActors.Federation.Simulation;
using FedActors.Learning.Randomness;
using FedActors.Persistence;
using Google.Protobuf;
using JournalAccepted = FedActors.Federation.Journal.ContributionAccepted;
using JournalRejected = FedActors.Federation.Journal.ContributionRejected;
using ProtocolRejected = FedActors.Federation.Protocol.ContributionRejected;

namespace FedActors.Federation.Coordinator;

/// <summary>
/// The Coordinator of a federation (secure-sum mode: see <c>CoordinatorActor.Secure.cs</c>), event-sourced under persistence id
/// <c>coordinator-</c> + run id. Each round it selects <c>clients-per-round</c> clients (derived from
/// the seed and the round number alone), sends them a <see cref="TrainRequest"/> with a fresh nonce,
/// and accepts each selected client's first correctly signed contribution for this run, round and
/// nonce; everything else is rejected and counted by reason (<c>bad-signature</c>, <c>wrong-round</c>,
/// <c>not-selected</c>, <c>duplicate</c>, <c>late</c>, and <c>replay</c> for an update whose
/// content equals one already accepted this round, i.e. another client's update re-signed). When every selected client answered, or at the
/// deadline, it aggregates with the scenario's aggregator if it holds at least
/// <c>min-contributions</c> (else the round fails and the run continues), checkpoints and publishes
/// the new global model to the node and reports the round's metrics (without oracle figures: the
/// runner's <see cref="Oracle"/> evaluates the published model, the Coordinator never sees the test set).
/// Every decision is journaled (Protos/journal.proto) before it takes effect. After a crash the
/// Coordinator recovers from its journal: completed rounds keep their metrics, the node's model must
/// be the last <c>RoundCompleted</c>'s (a new process restores it from the checkpoint first, see
/// <see cref="ScenarioRunner.ResumeAsync"/>), and a round interrupted mid-way is opened again as a new
/// attempt, so the run ends with the model an uninterrupted run would have. After the last round it
/// completes the run's completion source.
/// </summary>
public sealed partial class CoordinatorActor : ReceivePersistentActor
{
    private readonly Scenario _scenario;
    private readonly string _runId;
    private readonly string? _variant;
    private readonly SimulationNode _node;
    private readonly IReadOnlyList<IActorRef> _clients;
    private readonly IReadOnlyDictionary<string, EcPublicKey> _roster;
    private readonly IReadOnlyDictionary<string, string>? _dataNodes;
    private readonly ModelCheckpoints _checkpoints;
    private readonly BlobStore? _blobs;
    private readonly IAggregator? _aggregator;
    private readonly TimeProvider _time;
    private readonly Action<RoundMetrics> _onRound;
    private readonly TaskCompletionSource<IReadOnlyList<RoundMetrics>> _completion;
    private readonly Action<IMessage>? _afterEvent;
    private readonly List<RoundMetrics> _rounds = [];
    private readonly Dictionary<string, PlaintextContribution> _accepted = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _rejected = new(StringComparer.Ordinal);
    private RunStarted? _run;
    private IReadOnlyList<RosterEntry> _journaledRoster = [];
    private byte[] _modelHash = [];
    private int _lastCompletedRound;
    private readonly HashSet<string> _acceptedContent = new(StringComparer.Ordinal);
    private HashSet<string> _selected = new(StringComparer.Ordinal);
    private RoundId _round = new();
    private uint _attempt;
    private int _received;
    private bool _open;
    private DateTimeOffset _deadline;
    private bool _roundEnded = true;
    private bool _runCompleted;

    /// <summary>Creates the Coordinator of <paramref name="scenario"/>'s run <paramref name="runId"/>.</summary>
    /// <param name="scenario">The validated scenario (plaintext aggregation).</param>
    /// <param name="runId">The run id every round message carries; the persistence id is <c>coordinator-</c> + run id.</param>
    /// <param name="variant">The sweep variant's name, if any (journaled with the run).</param>
    /// <param name="node">The node whose global model the Coordinator publishes.</param>
    /// <param name="clients">The clients, in client-index order.</param>
    /// <param name="roster">Each client id's signature key.</param>
    /// <param name="checkpoints">Where each completed round's model is written before the round's completion is journaled.</param>
    /// <param name="time">The clock of deadlines and phase times.</param>
    /// <param name="onRound">Called in the actor after each round it runs (not for rounds recovered from the journal) with its metrics.</param>
    /// <param name="completion">Completed with every round's metrics after the last round, or faulted if the Coordinator fails or stops.</param>
    /// <param name="secure">The KeyManager, signing key and settings of secure-sum mode; null in plaintext mode.</param>
    /// <param name="dataNodes">In a cluster run, the node whose own data directory each such client id trains on (journaled with the roster); null otherwise.</param>
    public CoordinatorActor(
        Scenario scenario, string runId, string? variant, SimulationNode node, IReadOnlyList<IActorRef> clients, IReadOnlyDictionary<string, EcPublicKey> roster,
        ModelCheckpoints checkpoints, TimeProvider time, Action<RoundMetrics> onRound, TaskCompletionSource<IReadOnlyList<RoundMetrics>> completion,
        SecureCoordination? secure = null, IReadOnlyDictionary<string, string>? dataNodes = null)
        : this(scenario, runId, variant, node, clients, roster, checkpoints, time, onRound, completion, afterEvent: null, secure, dataNodes)
    {
    }

    /// <summary>As the public constructor; <paramref name="afterEvent"/> is called after each journaled event took effect, and an exception it throws crashes the Coordinator (tests).</summary>
    internal CoordinatorActor(
        Scenario scenario, string runId, string? variant, SimulationNode node, IReadOnlyList<IActorRef> clients, IReadOnlyDictionary<string, EcPublicKey> roster,
        ModelCheckpoints checkpoints, TimeProvider time, Action<RoundMetrics> onRound, TaskCompletionSource<IReadOnlyList<RoundMetrics>> completion,
        Action<IMessage>? afterEvent, SecureCoordination? secure, IReadOnlyDictionary<string, string>? dataNodes = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        _scenario = scenario;
        _runId = runId;
        _variant = variant;
        _node = node;
        _clients = clients;
        _roster = roster;
        _dataNodes = dataNodes;
        _checkpoints = checkpoints;
        _blobs = scenario.Persistence.StoreCiphertexts ? new BlobStore(scenario.Output.Directory) : null;
        _secure = secure;
        _aggregator = secure is null ? scenario.Federation.CreateAggregator() : null;
        _time = time;
        _onRound = onRound;
        _completion = completion;
        _afterEvent = afterEvent;
        Recover<RunStarted>(e =>
        {
            _run = e;
            _journaledRoster = e.Roster;
            _modelHash = e.InitialModelHash.ToByteArray();
        });
        Recover<RunResumed>(e => _journaledRoster = e.Roster);
        Recover<RoundOpened>(ApplyOpened);
        // Contributions of an interrupted round are not kept (their updates are not journaled): the round is opened again.
        Recover<JournalAccepted>(_ => { });
        Recover<JournalRejected>(_ => { });
        Recover<RoundClosed>(_ => _open = false);
        Recover<RoundCompleted>(e => EndRound(JournaledMetrics.Read(e.MetricsJson), e.ModelHash.ToByteArray()));
        Recover<RoundFailed>(e => EndRound(JournaledMetrics.Read(e.MetricsJson), null));
        Recover<RunCompleted>(_ => _runCompleted = true);
        Recover<RecoveryCompleted>(_ => Start());
        Command<PlaintextContribution>(OnContribution);
        Command<RoundDeadline>(d =>
        {
            if (d.Round == _round.Round && d.Attempt == _attempt && _open)
            {
                Close("deadline");
            }
        });
        if (secure is not null)
        {
            HandleSecure();
        }
    }

    /// <inheritdoc/>
    public override string PersistenceId => PersistenceIdOf(_runId);

    /// <summary>The persistence id of the Coordinator of run <paramref name="runId"/>.</summary>
    public static string PersistenceIdOf(string runId) => "coordinator-" + runId;

    /// <summary>The props of a Coordinator; see the constructor for the arguments.</summary>
    public static Props Props(
        Scenario scenario, string runId, string? variant, SimulationNode node, IReadOnlyList<IActorRef> clients, IReadOnlyDictionary<string, EcPublicKey> roster,
        ModelCheckpoints checkpoints, TimeProvider time, Action<RoundMetrics> onRound, TaskCompletionSource<IReadOnlyList<RoundMetrics>> completion,
        SecureCoordination? secure = null, IReadOnlyDictionary<string, string>? dataNodes = null) =>
        Actors.Core.Props.Create(() => new CoordinatorActor(scenario, runId, variant, node, clients, roster, checkpoints, time, onRound, completion, secure, dataNodes));

    /// <summary>The props of a Coordinator with a hook after each journaled event (tests inject crashes with it).</summary>
    internal static Props Props(
        Scenario scenario, string runId, string? variant, SimulationNode node, IReadOnlyList<IActorRef> clients, IReadOnlyDictionary<string, EcPublicKey> roster,
        ModelCheckpoints checkpoints, TimeProvider time, Action<RoundMetrics> onRound, TaskCompletionSource<IReadOnlyList<RoundMetrics>> completion,
        Action<IMessage> afterEvent, SecureCoordination? secure = null) =>
        Actors.Core.Props.Create(() => new CoordinatorActor(scenario, runId, variant, node, clients, roster, checkpoints, time, onRound, completion, afterEvent, secure));

    /// <summary>The id of client number <paramref name="index"/>.</summary>
    public static string ClientId(int index) => $"client-{index:D4}";

    /// <summary>The roster as journaled: each client's SubjectPublicKeyInfo and, for a cluster client with its own data, its node, in client-id order.</summary>
    public static IReadOnlyList<RosterEntry> RosterEntries(IReadOnlyDictionary<string, EcPublicKey> roster, IReadOnlyDictionary<string, string>? dataNodes = null)
    {
        ArgumentNullException.ThrowIfNull(roster);
        return roster.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new RosterEntry
            {
                ClientId = p.Key,
                PublicKey = ByteString.CopyFrom(p.Value.ExportSubjectPublicKeyInfo()),
                DataNode = dataNodes?.GetValueOrDefault(p.Key) ?? string.Empty,
            })
            .ToArray();
    }

    /// <summary>The clients selected in <paramref name="round"/>: a function of the seed and the round only, so a re-opened round selects the same clients.</summary>
    public static IReadOnlyList<int> Select(Scenario scenario, uint round)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var random = new SeededRandom(SeededRandom.Derive(SeededRandom.Derive((ulong)scenario.Seed, 0xC00D), round));
        var order = Enumerable.Range(0, scenario.Federation.Clients).ToArray();
        random.Shuffle(order.AsSpan());
        return order.Take(scenario.Federation.ClientsPerRound).Order().ToArray();
    }

    // A restart keeps the run going (recovery resumes it), so the failed incarnation must not fault the completion as PostStop does.
    /// <inheritdoc/>
    protected override void PreRestart(Exception reason, object? message)
    {
    }

    /// <inheritdoc/>
    protected override void PostStop() =>
        _completion.TrySetException(new InvalidOperationException($"The Coordinator of run {_runId} stopped after {_rounds.Count} of {_scenario.Rounds} rounds."));

    /// <inheritdoc/>
    protected override void OnRecoveryFailure(Exception cause, object? @event)
    {
        _completion.TrySetException(cause);
        base.OnRecoveryFailure(cause, @event);
    }

    /// <inheritdoc/>
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _completion.TrySetException(new InvalidOperationException(
            $"The Coordinator of run {_runId} could not journal {@event.GetType().Name} (sequence number {sequenceNr}) and stopped: {cause.Message}", cause));
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    /// <summary>After recovery: start the run, or continue it where the journal ends.</summary>
    private void Start()
    {
        var roster = RosterEntries(_roster, _dataNodes);
        if (_run is null)
        {
            var started = new RunStarted
            {
                RunId = _runId,
                ScenarioText = _scenario.Text,
                Seed = _scenario.Seed,
                Mode = _scenario.Federation.Mode,
                Variant = _variant ?? string.Empty,
                InitialModelHash = ByteString.CopyFrom(_node.Global.Hash),
            };
            started.Roster.Add(roster);
            Journal(started, e =>
            {
                _run = e;
                _journaledRoster = e.Roster;
                _modelHash = e.InitialModelHash.ToByteArray();
                if (_secure is not null)
                {
                    RequestEpoch("federation start");
                    return;
                }
                OpenRound(1, 1);
            });
            return;
        }
        if (_run.ScenarioText != _scenario.Text)
        {
            throw new ResumeException($"Run {_runId} was journaled with another scenario than the one given to resume it; resume with the scenario text of its RunStarted event (scenario.conf in the run directory).");
        }
        CheckModel();
        if (_runCompleted)
        {
            _completion.TrySetResult(_rounds.ToArray());
            return;
        }
        if (!roster.SequenceEqual(_journaledRoster))
        {
            var resumed = new RunResumed { ModelHash = ByteString.CopyFrom(_modelHash) };
            resumed.Roster.Add(roster);
            Journal(resumed, e => _journaledRoster = e.Roster);
        }
        if (_secure is not null)
        {
            // The clients' keys of a journaled epoch may be gone with the crashed process: re-key before any round.
            RequestEpoch("resumed from the journal");
            return;
        }
        if (!_roundEnded)
        {
            OpenRound(_round.Round, _attempt + 1);
        }
        else
        {
            Next();
        }
    }

    /// <summary>The node must hold the model the journal says the run continues from.</summary>
    private void CheckModel()
    {
        if (!_node.Global.Hash.AsSpan().SequenceEqual(_modelHash))
        {
            throw new ResumeException(_lastCompletedRound == 0
                ? $"The node's initial model has hash {Convert.ToHexStringLower(_node.Global.Hash)}, but run {_runId} started from {Convert.ToHexStringLower(_modelHash)}; resume with the run's scenario and seed."
                : $"The node's model has hash {Convert.ToHexStringLower(_node.Global.Hash)}, but run {_runId} continues from round {_lastCompletedRound}'s model {Convert.ToHexStringLower(_modelHash)}; restore that round's checkpoint into the node before the Coordinator starts.");
        }
    }

    private void OpenRound(uint round, uint attempt)
    {
        var deadline = _time.GetUtcNow() + _scenario.Federation.RoundTimeout;
        var opened = new RoundOpened
        {
            Round = round,
            Attempt = attempt,
            DeadlineUnixMs = deadline.ToUnixTimeMilliseconds(),
            Nonce = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(16)),
            ModelHash = ByteString.CopyFrom(_modelHash),
            Epoch = CurrentEpoch,
        };
        opened.Selected.Add(Select(_scenario, round).Select(ClientId));
        Journal(opened, e =>
        {
            ApplyOpened(e);
            var request = new TrainRequest
            {
                Round = _round,
                Model = new ModelParameters { Hash = e.ModelHash },
                DeadlineUnixMs = e.DeadlineUnixMs,
                ClipNorm = _scenario.Federation.ClipNorm,
            };
            foreach (var index in Select(_scenario, round))
            {
                _clients[index].Tell(request, Self);
            }
            Context.Timers.StartSingleTimer("deadline", new RoundDeadline { Round = round, Attempt = attempt }, _scenario.Federation.RoundTimeout);
        });
    }

    private void ApplyOpened(RoundOpened e)
    {
        _accepted.Clear();
        _acceptedContent.Clear();
        _rejected.Clear();
        _received = 0;
        _round = new RoundId { RunId = _runId, Epoch = e.Epoch, Round = e.Round, Nonce = e.Nonce };
        _attempt = e.Attempt;
        _selected = e.Selected.ToHashSet(StringComparer.Ordinal);
        _open = true;
        _deadline = DateTimeOffset.FromUnixTimeMilliseconds(e.DeadlineUnixMs);
        _roundEnded = false;
        OpenSecureRound();
    }

    private void OnContribution(PlaintextContribution contribution)
    {
        var sender = Sender;
        // The payload is encoded and hashed once: the signature, the content check, the journal and the blob store share it.
        var payload = ContributionSignature.PlaintextPayload(contribution);
        var payloadHash = SHA256.HashData(payload);
        var content = ContentHash(payload);
        var reason = Check(contribution.Round, contribution.ClientId, key => ContributionSignature.Verify(contribution, payloadHash, key), _accepted.ContainsKey(contribution.ClientId))
            ?? (content is not null && _acceptedContent.Contains(content) ? "replay" : null);
        if (reason is not null)
        {
            Journal(new JournalRejected { Round = _round.Round, ClientId = contribution.ClientId, Reason = reason }, _ =>
            {
                _rejected[reason] = _rejected.GetValueOrDefault(reason) + 1;
                sender.Tell(new ProtocolRejected { Round = contribution.Round ?? new RoundId(), ClientId = contribution.ClientId, Reason = reason }, Self);
            });
            return;
        }
        // With store-ciphertexts = on the payload is stored before its acceptance is journaled, so every journaled contribution has its blob.
        var accepted = new JournalAccepted
        {
            Round = _round.Round,
            ClientId = contribution.ClientId,
            ContributionHash = ByteString.CopyFrom(_blobs?.Put(payload) ?? payloadHash),
            Bytes = (ulong)payload.Length,
            Signature = contribution.Signature,
            SampleCount = contribution.SampleCount,
        };
        Journal(accepted, _ =>
        {
            _received++;
            _accepted[contribution.ClientId] = contribution;
            if (content is not null)
            {
                _acceptedContent.Add(content);
            }
            if (_accepted.Count == _selected.Count)
            {
                Close("all-received");
            }
        });
    }

    /// <summary>The rejection reason of a contribution of either mode (content replays aside), or null when it is accepted.</summary>
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
        if (!_roster.TryGetValue(clientId, out var key) || !verifySignature(key))
        {
            return "bad-signature";
        }
        if (alreadyAccepted)
        {
            return "duplicate";
        }
        // A contribution handled after the deadline is late even if the deadline timer has not been handled yet:
        // journal writes delay handling, and the outcome must not depend on which queued message comes first.
        if (!_open || _time.GetUtcNow() >= _deadline)
        {
            return "late";
        }
        return _selected.Contains(clientId) ? null : "not-selected";
    }

    /// <summary>
    /// SHA-256 of the update's bytes (the payload without its trailing sample count): equal for a copy of another
    /// client's update, whoever signed it and whatever count it claims. Null for an all-zero update, which copies
    /// nothing (any client that did not train sends it).
    /// </summary>
    private static string? ContentHash(byte[] payload)
    {
        var update = payload.AsSpan(0, payload.Length - sizeof(ulong));
        if (!System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(update).ContainsAnyExcept(0f))
        {
            return null;
        }
        return Convert.ToHexString(SHA256.HashData(update));
    }

    private void Close(string trigger)
    {
        _open = false;
        Context.Timers.Cancel("deadline");
        Journal(new RoundClosed { Round = _round.Round, Trigger = trigger }, _ =>
        {
            if (_secure is not null)
            {
                CloseSecureRound();
                return;
            }
            Aggregate();
        });
    }

    private void Aggregate()
    {
        var training = _accepted.Values.Select(c => c.TrainingSeconds).DefaultIfEmpty(0).Max();
        var counts = new ContributionCounts(_selected.Count, _received + _rejected.Values.Sum(), _accepted.Count, new Dictionary<string, int>(_rejected));
        var updates = _accepted.Values.Select(c => new ClientUpdate(c.ClientId, c.Update.ToArray(), (long)c.SampleCount)).ToList();
        var clock = Stopwatch.StartNew();
        var (result, failure) = Aggregate(_aggregator!, updates);
        if (result is null)
        {
            var metrics = new RoundMetrics
            {
                Round = (int)_round.Round,
                Status = RoundStatus.Failed,
                FailureReason = failure,
                Contributions = counts,
                Bytes = RoleBytes.None,
                Time = PhaseTimes.Zero with { Training = training },
            };
            Journal(new RoundFailed { Round = _round.Round, Reason = failure ?? string.Empty, MetricsJson = JournaledMetrics.Write(metrics) }, _ =>
            {
                EndRound(metrics, null);
                _onRound(metrics);
                Next();
            });
            return;
        }
        var next = (float[])_node.Global.Parameters.Clone();
        for (var i = 0; i < next.Length; i++)
        {
            next[i] += result.Update[i];
        }
        var aggregation = clock.Elapsed.TotalSeconds;
        var rejected = new Dictionary<string, int>(_rejected);
        foreach (var decision in result.Rejected)
        {
            rejected[decision.MetricsKey] = rejected.GetValueOrDefault(decision.MetricsKey) + 1;
        }
        var hash = ModelHash.Compute(next);
        var completed = new RoundMetrics
        {
            Round = (int)_round.Round,
            Status = RoundStatus.Completed,
            Contributions = counts with { Accepted = result.Accepted.Count(), Rejected = rejected },
            Bytes = RoleBytes.None,
            Time = new PhaseTimes(training, 0, aggregation, 0, 0),
            ModelHash = Convert.ToHexStringLower(hash),
        };
        // The checkpoint exists before the journal says the round completed, so a resumed run always finds it.
        _checkpoints.Write((int)_round.Round, next);
        Journal(new RoundCompleted { Round = _round.Round, ModelHash = ByteString.CopyFrom(hash), MetricsJson = JournaledMetrics.Write(completed) }, _ =>
        {
            _node.Publish(next);
            EndRound(completed, hash);
            _onRound(completed);
            Next();
        });
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

    private void EndRound(RoundMetrics metrics, byte[]? modelHash)
    {
        _open = false;
        _roundEnded = true;
        _rounds.Add(metrics);
        if (modelHash is not null)
        {
            _modelHash = modelHash;
            _lastCompletedRound = metrics.Round;
        }
    }

    private void Next()
    {
        var last = _rounds.Count == 0 ? 0 : _rounds[^1].Round;
        if (last < _scenario.Rounds)
        {
            if (_secure is null || !RekeyBeforeNextRound())
            {
                OpenRound((uint)last + 1, 1);
            }
            return;
        }
        Journal(new RunCompleted { Rounds = (uint)last, FinalModelHash = ByteString.CopyFrom(_modelHash) }, _ =>
        {
            _runCompleted = true;
            _completion.TrySetResult(_rounds.ToArray());
        });
    }

    /// <summary>Persists <paramref name="event"/>; once it is stored, applies it and calls the test hook.</summary>
    private void Journal<TEvent>(TEvent @event, Action<TEvent> apply)
        where TEvent : IMessage
    {
        Persist(@event, e =>
        {
            apply(e);
            _afterEvent?.Invoke(e);
        });
    }
}
