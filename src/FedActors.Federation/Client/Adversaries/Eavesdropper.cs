using FedActors.Federation.Protocol;

namespace FedActors.Federation.Client.Adversaries;

/// <summary>
/// What a network eavesdropper sees: the plaintext contributions that honest clients send, as
/// <see cref="WiretapActor"/>s in front of them report them. The <c>copy-other</c> replay attacker reads it.
/// A contribution is reported only after it was passed on to the Coordinator, so a copy always arrives after its original.
/// </summary>
public sealed class Eavesdropper
{
    private readonly Lock _lock = new();
    private readonly List<PlaintextContribution> _seen = [];
    private readonly List<(Func<PlaintextContribution, bool> Match, TaskCompletionSource<PlaintextContribution> Waiter)> _waiters = [];
    private uint _round;

    /// <summary>Records a contribution seen on the wire and wakes attackers waiting for one like it.</summary>
    /// <param name="contribution">The contribution, already passed on to the Coordinator.</param>
    public void Observe(PlaintextContribution contribution)
    {
        ArgumentNullException.ThrowIfNull(contribution);
        var woken = new List<TaskCompletionSource<PlaintextContribution>>();
        lock (_lock)
        {
            var round = contribution.Round?.Round ?? 0;
            if (round > _round)
            {
                // Only the current round is worth copying; older contributions are dropped.
                _round = round;
                _seen.Clear();
            }
            _seen.Add(contribution);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(contribution))
                {
                    woken.Add(_waiters[i].Waiter);
                    _waiters.RemoveAt(i);
                }
            }
        }
        foreach (var waiter in woken)
        {
            waiter.TrySetResult(contribution);
        }
    }

    /// <summary>
    /// The first contribution of <paramref name="round"/> from a client other than <paramref name="self"/>
    /// (from <paramref name="source"/> only, when given), waiting for one until <paramref name="cancellationToken"/> fires.
    /// </summary>
    /// <returns>The contribution, or null when none arrived in time.</returns>
    public async Task<PlaintextContribution?> NextAsync(uint round, string self, string? source, CancellationToken cancellationToken)
    {
        bool Match(PlaintextContribution c) => c.Round?.Round == round && c.ClientId != self && (source is null || c.ClientId == source);
        var waiter = new TaskCompletionSource<PlaintextContribution>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            var seen = _seen.FirstOrDefault(Match);
            if (seen is not null)
            {
                return seen;
            }
            _waiters.Add((Match, waiter));
        }
        using (cancellationToken.Register(() => waiter.TrySetCanceled(cancellationToken)))
        {
            try
            {
                return await waiter.Task.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                lock (_lock)
                {
                    _waiters.RemoveAll(w => w.Waiter == waiter);
                }
                return null;
            }
        }
    }
}
