using FedActors.Federation.Metrics;
using FedActors.Federation.Protocol;
using Google.Protobuf;

namespace FedActors.Federation.Coordinator;

/// <summary>
/// The answers to one round's isolation requests (<see cref="CuriousCoordinator"/>): every member of the active set gets
/// every request in the same order and answers them in that order, so its k-th answer is to the k-th request. Counts
/// refusals by reason (the reason's code, before any ':' detail), shares released, and the requests that got shares
/// from the whole active set (t shares: the isolation succeeded). Members that did not answer before the deadline are
/// counted as <see cref="NoAnswer"/>. The requests sent and the answers received are added to the round's traffic.
/// </summary>
public sealed class IsolationAttempt
{
    /// <summary>The refusal key under which answers missing at the deadline are counted.</summary>
    public const string NoAnswer = "no-answer";

    private readonly uint[] _activeSet;
    private readonly int[] _shares;
    private readonly Dictionary<uint, int> _answered = [];
    private readonly Dictionary<uint, int> _late = [];
    private readonly SortedDictionary<string, int> _refusals = new(StringComparer.Ordinal);
    private readonly long _requestBytes;
    private long _answerBytes;

    /// <summary>Starts counting the answers of <paramref name="activeSet"/> to <paramref name="requests"/>.</summary>
    public IsolationAttempt(IReadOnlyList<IsolationRequest> requests, IReadOnlyList<uint> activeSet)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(activeSet);
        Requests = requests;
        _activeSet = [.. activeSet];
        _shares = new int[requests.Count];
        _requestBytes = requests.Sum(r => (long)r.Request.CalculateSize()) * _activeSet.Length;
    }

    /// <summary>The requests sent, in the order every member received them.</summary>
    public IReadOnlyList<IsolationRequest> Requests { get; }

    /// <summary>True once every member answered every request (or the deadline counted the rest as <see cref="NoAnswer"/>).</summary>
    public bool IsComplete => _activeSet.All(p => _answered.GetValueOrDefault(p) >= Requests.Count);

    /// <summary>
    /// Records member <paramref name="partyId"/>'s next answer, a <see cref="DecryptionShare"/> or a
    /// <see cref="DecryptionRefused"/>; answers from outside the active set or beyond the requests sent are ignored.
    /// </summary>
    /// <returns><see cref="IsComplete"/>.</returns>
    public bool Record(uint partyId, IMessage answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var index = _answered.GetValueOrDefault(partyId);
        if (Array.IndexOf(_activeSet, partyId) < 0 || index >= Requests.Count)
        {
            return IsComplete;
        }
        _answered[partyId] = index + 1;
        _answerBytes += answer.CalculateSize();
        switch (answer)
        {
            case DecryptionShare:
                _shares[index]++;
                break;
            case DecryptionRefused refused:
                Count(Code(refused.Reason), 1);
                break;
        }
        return IsComplete;
    }

    /// <summary>Counts every answer still missing as <see cref="NoAnswer"/> (the isolation phase's deadline).</summary>
    public void Expire()
    {
        foreach (var party in _activeSet)
        {
            var missing = Requests.Count - _answered.GetValueOrDefault(party);
            Count(NoAnswer, missing);
            _late[party] = missing;
            _answered[party] = Requests.Count;
        }
    }

    /// <summary>
    /// True when member <paramref name="partyId"/> still owes an answer counted as <see cref="NoAnswer"/> at the deadline:
    /// its next answer is that late one (members answer in order), consumed here so it is never taken for another.
    /// </summary>
    public bool TakeLate(uint partyId)
    {
        if (_late.GetValueOrDefault(partyId) == 0)
        {
            return false;
        }
        _late[partyId]--;
        return true;
    }

    /// <summary><paramref name="metrics"/> with this attempt's isolation counts, and its requests and answers in the Coordinator's and the clients' traffic.</summary>
    public RoundMetrics Annotate(RoundMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return metrics with
        {
            IsolationAttempts = Requests.Count,
            IsolationRefusals = new SortedDictionary<string, int>(_refusals, StringComparer.Ordinal),
            IsolationShares = _shares.Sum(),
            IsolationSucceeded = _shares.Count(s => s >= _activeSet.Length),
            Bytes = metrics.Bytes.Plus(new RoleBytes(new ByteCounts(_requestBytes, _answerBytes), ByteCounts.None, new ByteCounts(_answerBytes, _requestBytes))),
        };
    }

    private void Count(string reason, int count)
    {
        if (count > 0)
        {
            _refusals[reason] = _refusals.GetValueOrDefault(reason) + count;
        }
    }

    private static string Code(string reason)
    {
        var colon = reason.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? reason : reason[..colon];
    }
}
