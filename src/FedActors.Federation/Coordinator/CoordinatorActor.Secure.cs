using System.Globalization;
using System.Security.Cryptography;
using FedActors.Actors.Core;
using FedActors.Federation.Journal;
using FedActors.Federation.Metrics;
using FedActors.Federation.Protocol;
using FedActors.Federation.Secure;
using Google.Protobuf;
using DecryptionShare = FedActors.Federation.Protocol.DecryptionShare;
using EpochKeyed = FedActors.Federation.Protocol.EpochKeyed;
using JournalAccepted = FedActors.Federation.Journal.ContributionAccepted;
using JournalEpochKeyed = FedActors.Federation.Journal.EpochKeyed;
using JournalRejected = FedActors.Federation.Journal.ContributionRejected;

namespace FedActors.Federation.Coordinator;

/// <summary>
/// Secure-sum mode of the Coordinator (ARCHITECTURE.md, "One round, secure mode"). Selection, nonces, deadlines and the
/// rejection reasons are the plaintext mode's; on top of them the Coordinator waits for the KeyManager's epoch before
/// the first round, rejects a ciphertext it has already seen in this run as <c>replay</c>, adds the accepted
/// ciphertexts into an <see cref="EncryptedRound"/>, and at close asks t live committee members for decryption shares
/// with a signed manifest. The shares are relayed, still sealed under the group key, with the aggregate to the
/// contributors, who decrypt, apply and report the model hash; the round completes with the hash they agree on.
/// A refusal, a dead or silent key holder fails the round cleanly: the holders that already answered have spent this
/// ciphertext (a key holder never shares a ciphertext twice), so another t-subset is only tried for the next round's
/// new ciphertext, without the failed holders. Keys rotate every <c>rotate-every</c> rounds and when fewer than
/// t + <c>spare-holders</c> committee members remain live. Every step is journaled (<see cref="JournalEpochKeyed"/>,
/// contributions, <see cref="DecryptionRequested"/>, <see cref="DecryptionShareReceived"/>, the round's end); after a
/// crash the Coordinator re-keys before it reopens the interrupted round, since the clients' keys may be gone with the
/// process. The Coordinator never holds secret material, a plaintext update or the plaintext aggregate, and never
/// evaluates the model (the runner's oracle does).
/// </summary>
public sealed partial class CoordinatorActor
{
    private const string ContributionsPhase = "contributions";
    private const string DecryptionPhase = "decryption";
    private const string HashesPhase = "hashes";

    private readonly SecureCoordination? _secure;
    private readonly HashSet<string> _excluded = new(StringComparer.Ordinal);
    private readonly HashSet<ByteString> _seenCiphertexts = [];
    private CiphertextCodec? _codec;
    private uint _epochNumber;
    private string[] _committee = [];
    private uint _nextEpoch = 1;
    private int _epochRounds;
    private ByteCounts _ceremonyBytes = ByteCounts.None;
    private EncryptedRound? _encrypted;
    private string _phase = ContributionsPhase;
    private long _decryptionStartedAt;
    private long _requestBytes;
    private long _resultBytes;
    private long _shareBytes;
    private long _reportBytes;

    private uint CurrentEpoch => _epochNumber;

    private void HandleSecure()
    {
        _codec = new CiphertextCodec(_secure!.Settings.Parameters);
        Recover<JournalEpochKeyed>(ApplyEpoch);
        Recover<DecryptionRequested>(_ => { });
        Recover<DecryptionShareReceived>(_ => { });
        Command<Contribution>(OnEncryptedContribution);
        Command<EpochKeyed>(OnEpochKeyed);
        Command<EpochFailed>(OnEpochFailed);
        Command<DecryptionShare>(OnDecryptionShare);
        Command<DecryptionRefused>(OnDecryptionRefused);
        Command<ModelHashReport>(OnModelHashReport);
        Command<PhaseDeadline>(OnPhaseDeadline);
        Command<Terminated>(OnClientTerminated);
        HandleIsolation();
    }

    private void RequestEpoch(string reason)
    {
        foreach (var client in _clients)
        {
            Context.Watch(client);
        }
        var request = new EpochRequest { Epoch = _nextEpoch, Reason = reason };
        request.Excluded.Add(_excluded.Order(StringComparer.Ordinal));
        _secure!.KeyManager.Tell(request, Self);
    }

    private void OnEpochKeyed(EpochKeyed keyed)
    {
        if (keyed.Epoch < _nextEpoch)
        {
            return;
        }
        var journaled = new JournalEpochKeyed
        {
            Epoch = keyed.Epoch,
            Threshold = keyed.Threshold,
            CollectivePublicKeyHash = ByteString.CopyFrom(SHA256.HashData(keyed.CollectivePublicKey.Span)),
            PublicKeySharesHash = keyed.PublicKeySharesHash,
        };
        journaled.Committee.Add(keyed.Committee);
        Journal(journaled, e =>
        {
            ApplyEpoch(e);
            _ceremonyBytes = _ceremonyBytes.Plus(new ByteCounts((long)keyed.CeremonyBytesSent, (long)keyed.CeremonyBytesReceived));
            var last = _rounds.Count == 0 ? 0 : _rounds[^1].Round;
            if (!_roundEnded)
            {
                OpenRound(_round.Round, _attempt + 1);
            }
            else if (last < _scenario.Rounds)
            {
                OpenRound((uint)last + 1, 1);
            }
            else
            {
                Next();
            }
        });
    }

    private void ApplyEpoch(JournalEpochKeyed keyed)
    {
        _epochNumber = keyed.Epoch;
        _committee = [.. keyed.Committee];
        _nextEpoch = keyed.Epoch + 1;
        _epochRounds = 0;
    }

    private void OnEpochFailed(EpochFailed failed)
    {
        // Without a keyed committee no round can run: the next round fails with the KeyManager's reason, and so on to the end.
        var round = (uint)(_rounds.Count == 0 ? 0 : _rounds[^1].Round) + 1;
        var metrics = new RoundMetrics
        {
            Round = (int)round,
            Status = RoundStatus.Failed,
            FailureReason = $"no epoch could be keyed: {failed.Reason}",
            Contributions = new ContributionCounts(0, 0, 0, new Dictionary<string, int>()),
            Bytes = RoleBytes.None,
            Time = PhaseTimes.Zero,
        };
        Journal(new RoundFailed { Round = round, Reason = metrics.FailureReason, MetricsJson = JournaledMetrics.Write(metrics) }, _ =>
        {
            EndRound(metrics, null);
            _onRound(metrics);
            if (round < _scenario.Rounds)
            {
                OnEpochFailed(failed);
                return;
            }
            Next();
        });
    }

    private void OpenSecureRound()
    {
        if (_secure is null)
        {
            return;
        }
        _phase = ContributionsPhase;
        _encrypted = new EncryptedRound(_codec!, _codec!.CiphertextCount(_secure.VectorLength));
        _phase = ContributionsPhase;
        _epochRounds++;
        _requestBytes = _resultBytes = _shareBytes = _reportBytes = 0;
        _isolation = null;
    }

    private void OnEncryptedContribution(Contribution contribution)
    {
        var sender = Sender;
        var encrypted = _encrypted!;
        var reason = Check(contribution.Round, contribution.ClientId, key => ContributionSignature.Verify(contribution, key), encrypted.HasAccepted(contribution.ClientId));
        if (reason is null && _seenCiphertexts.Contains(contribution.CiphertextHash))
        {
            // The same ciphertext bytes were already contributed in this run (a verbatim copy or an own-previous replay).
            reason = "replay";
        }
        reason ??= encrypted.TryAdd(contribution);
        if (reason is not null)
        {
            Journal(new JournalRejected { Round = _round.Round, ClientId = contribution.ClientId, Reason = reason }, _ =>
            {
                _rejected[reason] = _rejected.GetValueOrDefault(reason) + 1;
                sender.Tell(new Protocol.ContributionRejected { Round = contribution.Round ?? new RoundId(), ClientId = contribution.ClientId, Reason = reason }, Self);
            });
            return;
        }
        _seenCiphertexts.Add(contribution.CiphertextHash);
        // With store-ciphertexts = on the ciphertexts are stored under the hash the client signed before the acceptance is journaled.
        _blobs?.Put(CiphertextCodec.Payload(contribution.Ciphertexts));
        var accepted = new JournalAccepted
        {
            Round = _round.Round,
            ClientId = contribution.ClientId,
            ContributionHash = contribution.CiphertextHash,
            Bytes = (ulong)contribution.Ciphertexts.Sum(c => (long)c.Length),
            Signature = contribution.Signature,
        };
        Journal(accepted, _ =>
        {
            _received++;
            if (encrypted.Accepted.Count == _selected.Count)
            {
                Close("all-received");
            }
        });
    }

    private void CloseSecureRound()
    {
        var encrypted = _encrypted!;
        var settings = _secure!.Settings;
        if (encrypted.Accepted.Count < _scenario.Federation.MinContributions)
        {
            FinishSecure($"only {encrypted.Accepted.Count} of the {_scenario.Federation.MinContributions} contributions min-contributions requires arrived before the deadline", null);
            return;
        }
        var live = LiveHolders().ToArray();
        if (live.Length < settings.Threshold)
        {
            FinishSecure($"only {live.Length} of the committee's key holders are live, fewer than the threshold t = {settings.Threshold}", null);
            return;
        }
        var active = live.Take(settings.Threshold).ToArray();
        if (TryIsolate(active))
        {
            return;
        }
        var request = encrypted.BuildRequest(_round, _secure.CoordinatorKey, active, settings.VerifyAggregate);
        var requested = new DecryptionRequested { Round = _round.Round, AggregateHash = request.Manifest.AggregateHash, ManifestSignature = request.Manifest.CoordinatorSignature };
        requested.ActiveSet.Add(active);
        Journal(requested, _ =>
        {
            _requestBytes = (long)request.CalculateSize() * active.Length;
            _phase = DecryptionPhase;
            _decryptionStartedAt = _time.GetTimestamp();
            foreach (var party in active)
            {
                ClientRef(_committee[(int)party - 1]).Tell(request, Self);
            }
            Context.Timers.StartSingleTimer("phase", new PhaseDeadline { Round = _round.Round, Phase = DecryptionPhase }, _scenario.Federation.RoundTimeout);
        });
    }

    /// <summary>Party ids of the committee members not excluded as dead, silent or refusing, in increasing order.</summary>
    private IEnumerable<uint> LiveHolders() =>
        _committee.Select((id, i) => (Id: id, Party: (uint)(i + 1))).Where(m => !_excluded.Contains(m.Id)).Select(m => m.Party);

    private void OnDecryptionShare(DecryptionShare share)
    {
        if (IsIsolationAnswer(share.Round, share.PartyId, share))
        {
            return;
        }
        if (_phase != DecryptionPhase || !SameRound(share.Round) || !_encrypted!.MissingHolders.Contains(share.PartyId))
        {
            return;
        }
        var received = new DecryptionShareReceived { Round = _round.Round, PartyId = share.PartyId, SealedShareHash = ByteString.CopyFrom(SHA256.HashData(share.SealedShare.Span)) };
        Journal(received, _ =>
        {
            _shareBytes += share.CalculateSize();
            if (_encrypted.AddShare(share))
            {
                RelayAggregate();
            }
        });
    }

    private void RelayAggregate()
    {
        var result = _encrypted!.BuildResult(_round);
        _resultBytes = (long)result.CalculateSize() * result.Contributors.Count;
        _phase = HashesPhase;
        foreach (var contributor in result.Contributors)
        {
            ClientRef(contributor).Tell(result, Self);
        }
        Context.Timers.StartSingleTimer("phase", new PhaseDeadline { Round = _round.Round, Phase = HashesPhase }, _scenario.Federation.RoundTimeout);
    }

    private void OnDecryptionRefused(DecryptionRefused refused)
    {
        if (IsIsolationAnswer(refused.Round, refused.PartyId, refused))
        {
            return;
        }
        if (_phase != DecryptionPhase || !SameRound(refused.Round) || !_encrypted!.ActiveSet.Contains(refused.PartyId))
        {
            return;
        }
        var holder = _committee[(int)refused.PartyId - 1];
        _excluded.Add(holder);
        FinishSecure(
            $"key holder {holder} (party {refused.PartyId}) refused to decrypt: {refused.Reason}; the shares already given spend this ciphertext, so another t-subset is asked only for the next round's new aggregate",
            null);
    }

    private void OnPhaseDeadline(PhaseDeadline deadline)
    {
        if (deadline.Round != _round.Round || deadline.Phase != _phase)
        {
            return;
        }
        if (_phase == IsolationPhase)
        {
            ExpireIsolation();
            return;
        }
        if (_phase == DecryptionPhase)
        {
            var silent = _encrypted!.MissingHolders.Select(p => _committee[(int)p - 1]).ToArray();
            _excluded.UnionWith(silent);
            FinishSecure($"key holders {string.Join(", ", silent)} did not answer before the deadline; another t-subset is asked only for the next round's new aggregate", null);
            return;
        }
        var hashes = _encrypted!.Hashes.Values.Distinct().ToArray();
        FinishSecure(
            hashes.Length == 0 ? "no contributor reported its model hash before the deadline" : AgreementFailure(),
            hashes.Length == 1 ? hashes[0] : null);
    }

    private void OnModelHashReport(ModelHashReport report)
    {
        if (_phase != HashesPhase || !SameRound(report.Round))
        {
            return;
        }
        _reportBytes += report.CalculateSize();
        if (!_encrypted!.AddHash(report))
        {
            return;
        }
        var hashes = _encrypted.Hashes.Values.Distinct().ToArray();
        FinishSecure(hashes.Length == 1 ? null : AgreementFailure(), hashes.Length == 1 ? hashes[0] : null);
    }

    private string AgreementFailure() =>
        "the contributors disagree on the model hash: " + string.Join(", ", _encrypted!.Hashes.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => $"{h.Key} {Convert.ToHexStringLower(h.Value.Span)[..12]}"));

    private void OnClientTerminated(Terminated terminated)
    {
        var index = _clients.ToList().IndexOf(terminated.ActorRef);
        if (index < 0)
        {
            return;
        }
        var id = ClientId(index);
        _excluded.Add(id);
        if (_phase == DecryptionPhase && _encrypted!.MissingHolders.Any(p => _committee[(int)p - 1] == id))
        {
            FinishSecure($"key holder {id} stopped before answering; another t-subset is asked only for the next round's new aggregate", null);
        }
    }

    private bool SameRound(RoundId? round) => round is not null && round.Round == _round.Round && round.Nonce == _round.Nonce && round.Epoch == _round.Epoch;

    private IActorRef ClientRef(string clientId) =>
        _clients[int.Parse(clientId.AsSpan(clientId.LastIndexOf('-') + 1), NumberStyles.None, CultureInfo.InvariantCulture)];

    /// <summary>Completes the round with <paramref name="agreedHash"/>, or fails it with <paramref name="failure"/>.</summary>
    private void FinishSecure(string? failure, ByteString? agreedHash)
    {
        Context.Timers.Cancel("phase");
        _phase = ContributionsPhase;
        var encrypted = _encrypted!;
        var accepted = encrypted.Accepted;
        var counts = new ContributionCounts(_selected.Count, _received + _rejected.Values.Sum(), accepted.Count, new Dictionary<string, int>(_rejected));
        var clientsSent = encrypted.ContributionBytes + _shareBytes + _reportBytes;
        var coordinatorSent = _requestBytes + _resultBytes;
        var bytes = new RoleBytes(new ByteCounts(coordinatorSent, clientsSent), _ceremonyBytes, new ByteCounts(clientsSent, coordinatorSent));
        _ceremonyBytes = ByteCounts.None;
        var decryption = _decryptionStartedAt == 0 || _requestBytes == 0 ? 0 : _time.GetElapsedTime(_decryptionStartedAt).TotalSeconds;
        var time = new PhaseTimes(
            accepted.Select(c => c.TrainingSeconds).DefaultIfEmpty(0).Max(),
            accepted.Select(c => c.EncryptionSeconds).DefaultIfEmpty(0).Max(),
            encrypted.AggregationSeconds,
            decryption,
            0);
        _decryptionStartedAt = 0;
        var completed = failure is null && agreedHash is not null;
        var metrics = new RoundMetrics
        {
            Round = (int)_round.Round,
            Status = completed ? RoundStatus.Completed : RoundStatus.Failed,
            FailureReason = completed ? null : failure,
            Contributions = counts,
            Bytes = bytes,
            Time = time,
            ModelHash = completed ? Convert.ToHexStringLower(agreedHash!.Span) : null,
        };
        metrics = _isolation?.Annotate(metrics) ?? metrics;
        var hash = completed ? agreedHash!.ToByteArray() : null;
        IMessage ended = completed
            ? new RoundCompleted { Round = _round.Round, ModelHash = agreedHash, MetricsJson = JournaledMetrics.Write(metrics) }
            : new RoundFailed { Round = _round.Round, Reason = failure ?? string.Empty, MetricsJson = JournaledMetrics.Write(metrics) };
        Journal(ended, _ =>
        {
            EndRound(metrics, hash);
            _onRound(metrics);
            Next();
        });
    }

    /// <summary>Asks the KeyManager for a new epoch when the schedule or the live committee requires it; true when it did (the next round opens on <see cref="EpochKeyed"/>).</summary>
    private bool RekeyBeforeNextRound()
    {
        var settings = _secure!.Settings;
        var live = LiveHolders().Count();
        string? reason = null;
        if (settings.RotateEvery > 0 && _epochRounds >= settings.RotateEvery)
        {
            reason = $"rotate-every = {settings.RotateEvery} rounds";
        }
        else if (live < settings.Threshold + settings.SpareHolders)
        {
            reason = $"only {live} committee members remain live, fewer than t + spare-holders = {settings.Threshold + settings.SpareHolders}";
        }
        if (reason is null)
        {
            return false;
        }
        RequestEpoch(reason);
        return true;
    }
}
