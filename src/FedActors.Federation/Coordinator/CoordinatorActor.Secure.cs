using System.Globalization;
using FedActors.Actors.Core;
using FedActors.Federation.Metrics;
using FedActors.Federation.Protocol;
using FedActors.Federation.Secure;
using Google.Protobuf;

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
/// t + <c>spare-holders</c> committee members remain live. The Coordinator never holds secret material, a plaintext
/// update or the plaintext aggregate, and never evaluates the model in this mode (the runner's oracle does).
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
    private EpochKeyed? _epoch;
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

    private uint CurrentEpoch => _epoch?.Epoch ?? 0;

    private void ReceiveSecure()
    {
        Receive<Contribution>(OnEncryptedContribution);
        Receive<EpochKeyed>(OnEpochKeyed);
        Receive<EpochFailed>(OnEpochFailed);
        Receive<Protocol.DecryptionShare>(OnDecryptionShare);
        Receive<DecryptionRefused>(OnDecryptionRefused);
        Receive<ModelHashReport>(OnModelHashReport);
        Receive<PhaseDeadline>(OnPhaseDeadline);
        Receive<Terminated>(OnClientTerminated);
    }

    private void StartSecure()
    {
        _codec = new CiphertextCodec(_secure!.Settings.Parameters);
        foreach (var client in _clients)
        {
            Context.Watch(client);
        }
        RequestEpoch("federation start");
    }

    private void RequestEpoch(string reason)
    {
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
        _epoch = keyed;
        _nextEpoch = keyed.Epoch + 1;
        _epochRounds = 0;
        _ceremonyBytes = _ceremonyBytes.Plus(new ByteCounts((long)keyed.CeremonyBytesSent, (long)keyed.CeremonyBytesReceived));
        OpenRound(_round.Round + 1);
    }

    private void OnEpochFailed(EpochFailed failed)
    {
        // Without a keyed committee no round can run: the remaining rounds fail with the KeyManager's reason.
        for (var round = _round.Round + 1; round <= _scenario.Rounds; round++)
        {
            var metrics = new RoundMetrics
            {
                Round = (int)round,
                Status = RoundStatus.Failed,
                FailureReason = $"no epoch could be keyed: {failed.Reason}",
                Contributions = new ContributionCounts(0, 0, 0, new Dictionary<string, int>()),
                Bytes = RoleBytes.None,
                Time = PhaseTimes.Zero,
            };
            _rounds.Add(metrics);
            _onRound(metrics);
        }
        _completion.TrySetResult(_rounds.ToArray());
    }

    private void OpenSecureRound()
    {
        if (_secure is null)
        {
            return;
        }
        _encrypted = new EncryptedRound(_codec!, _codec!.CiphertextCount(_secure.VectorLength));
        _phase = ContributionsPhase;
        _epochRounds++;
        _requestBytes = _resultBytes = _shareBytes = _reportBytes = 0;
    }

    private void OnEncryptedContribution(Contribution contribution)
    {
        var encrypted = _encrypted!;
        var reason = Check(contribution.Round, contribution.ClientId, key => ContributionSignature.Verify(contribution, key), encrypted.HasAccepted(contribution.ClientId));
        if (reason is null && !_seenCiphertexts.Add(contribution.CiphertextHash))
        {
            // The same ciphertext bytes were already contributed in this run (a verbatim copy or an own-previous replay).
            reason = "replay";
        }
        reason ??= encrypted.TryAdd(contribution);
        if (reason is not null)
        {
            Reject(contribution.Round, contribution.ClientId, reason);
            return;
        }
        _received++;
        if (encrypted.Accepted.Count == _selected.Count)
        {
            CloseRound();
        }
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
        var request = encrypted.BuildRequest(_round, _secure.CoordinatorKey, active, settings.VerifyAggregate);
        _requestBytes = (long)request.CalculateSize() * active.Length;
        _phase = DecryptionPhase;
        _decryptionStartedAt = _time.GetTimestamp();
        foreach (var party in active)
        {
            ClientRef(_epoch!.Committee[(int)party - 1]).Tell(request, Self);
        }
        Context.Timers.StartSingleTimer("phase", new PhaseDeadline { Round = _round.Round, Phase = DecryptionPhase }, _scenario.Federation.RoundTimeout);
    }

    /// <summary>Party ids of the committee members not excluded as dead, silent or refusing, in increasing order.</summary>
    private IEnumerable<uint> LiveHolders() =>
        _epoch!.Committee.Select((id, i) => (Id: id, Party: (uint)(i + 1))).Where(m => !_excluded.Contains(m.Id)).Select(m => m.Party);

    private void OnDecryptionShare(Protocol.DecryptionShare share)
    {
        if (_phase != DecryptionPhase || !SameRound(share.Round))
        {
            return;
        }
        _shareBytes += share.CalculateSize();
        if (!_encrypted!.AddShare(share))
        {
            return;
        }
        var result = _encrypted.BuildResult(_round);
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
        if (_phase != DecryptionPhase || !SameRound(refused.Round) || !_encrypted!.ActiveSet.Contains(refused.PartyId))
        {
            return;
        }
        var holder = _epoch!.Committee[(int)refused.PartyId - 1];
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
        if (_phase == DecryptionPhase)
        {
            var silent = _encrypted!.MissingHolders.Select(p => _epoch!.Committee[(int)p - 1]).ToArray();
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
        if (_phase == DecryptionPhase && _encrypted!.MissingHolders.Any(p => _epoch!.Committee[(int)p - 1] == id))
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
        Finish(new RoundMetrics
        {
            Round = (int)_round.Round,
            Status = completed ? RoundStatus.Completed : RoundStatus.Failed,
            FailureReason = completed ? null : failure,
            Contributions = counts,
            Bytes = bytes,
            Time = time,
            ModelHash = completed ? Convert.ToHexStringLower(agreedHash!.Span) : null,
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
