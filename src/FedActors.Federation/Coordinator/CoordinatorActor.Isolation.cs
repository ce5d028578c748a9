using FedActors.Federation.Protocol;
using Google.Protobuf;

namespace FedActors.Federation.Coordinator;

/// <summary>
/// The <c>curious-coordinator</c> attack in the Coordinator's secure-sum round (<see cref="CuriousCoordinator"/>, given
/// by the runner in the secure coordination): in an attacked round, once the round is closed, the isolation requests go
/// to the active set first (each journaled as <see cref="Journal.IsolationRequested"/> before it is sent); when every
/// member answered them, or at the phase deadline, the honest decryption request follows exactly as without the attack.
/// The answers are counted in the round's metrics (<see cref="IsolationAttempt"/>); an isolation answer that arrives
/// after the deadline is recognised (members answer in order) and never taken for an answer to the honest request.
/// </summary>
public sealed partial class CoordinatorActor
{
    private const string IsolationPhase = "isolation";

    private IsolationAttempt? _isolation;

    private void HandleIsolation() => Recover<Journal.IsolationRequested>(_ => { });

    /// <summary>Sends the round's isolation requests to <paramref name="active"/> when the attack covers it; true when it did (the round's close continues once they are answered).</summary>
    private bool TryIsolate(uint[] active)
    {
        if (_secure!.Curious is not { } curious || _isolation is not null || !curious.IsActive(_round.Round))
        {
            return false;
        }
        var requests = curious.BuildRequests(_encrypted!.Accepted, _round, _secure.CoordinatorKey, active, _secure.Settings.VerifyAggregate);
        if (requests.Count == 0)
        {
            return false;
        }
        _isolation = new IsolationAttempt(requests, active);
        _phase = IsolationPhase;
        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            var last = i == requests.Count - 1;
            var requested = new Journal.IsolationRequested
            {
                Round = _round.Round,
                Mode = curious.Mode,
                Variant = request.Variant,
                AggregateHash = request.Request.Manifest.AggregateHash,
                ManifestSignature = request.Request.Manifest.CoordinatorSignature,
            };
            requested.Isolated.Add(request.Isolated);
            requested.Listed.Add(request.Request.Manifest.Entries.Select(e => e.ClientId));
            requested.ActiveSet.Add(active);
            Journal(requested, _ =>
            {
                foreach (var party in active)
                {
                    ClientRef(_committee[(int)party - 1]).Tell(request.Request, Self);
                }
                if (last)
                {
                    Context.Timers.StartSingleTimer("phase", new PhaseDeadline { Round = _round.Round, Phase = IsolationPhase }, _scenario.Federation.RoundTimeout);
                }
            });
        }
        return true;
    }

    /// <summary>True when <paramref name="answer"/> answers an isolation request (and was counted or, late, dropped).</summary>
    private bool IsIsolationAnswer(RoundId? round, uint partyId, IMessage answer)
    {
        if (_isolation is null || !SameRound(round))
        {
            return false;
        }
        if (_phase != IsolationPhase)
        {
            return _isolation.TakeLate(partyId);
        }
        if (_isolation.Record(partyId, answer))
        {
            EndIsolation();
        }
        return true;
    }

    private void ExpireIsolation()
    {
        _isolation!.Expire();
        EndIsolation();
    }

    private void EndIsolation()
    {
        Context.Timers.Cancel("phase");
        _phase = ContributionsPhase;
        CloseSecureRound();
    }
}
