using FedActors.Federation.Protocol;
using Google.Protobuf;

namespace FedActors.Federation.Client.Adversaries;

/// <summary>
/// What a network eavesdropper sees: the contributions that honest clients send (<see cref="PlaintextContribution"/>s in
/// plaintext mode, ciphertext <see cref="Contribution"/>s in secure-sum mode), as <see cref="WiretapActor"/>s in front of
/// them report them. The <c>copy-other</c> and <c>rerandomized-copy</c> replay attackers read it.
/// A contribution is reported only after it was passed on to the Coordinator, so a copy always arrives after its original.
/// </summary>
public sealed class Eavesdropper
{
    private readonly Lock _lock = new();
    private readonly List<IMessage> _seen = [];
    private readonly List<(Func<IMessage, bool> Match, TaskCompletionSource<IMessage> Waiter)> _waiters = [];
    private uint _round;

    /// <summary>Records a contribution seen on the wire and wakes attackers waiting for one like it.</summary>
    /// <param name="contribution">The contribution (plaintext or encrypted), already passed on to the Coordinator.</param>
    /// <exception cref="ArgumentException">The message is not a contribution.</exception>
    public void Observe(IMessage contribution)
    {
        ArgumentNullException.ThrowIfNull(contribution);
        var woken = new List<TaskCompletionSource<IMessage>>();
        lock (_lock)
        {
            var round = Sender(contribution).Round;
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
    /// <typeparam name="T">The kind of contribution the attacker copies (the run's mode).</typeparam>
    /// <returns>The contribution, or null when none arrived in time.</returns>
    public async Task<T?> NextAsync<T>(uint round, string self, string? source, CancellationToken cancellationToken)
        where T : class, IMessage
    {
        bool Match(IMessage m) => m is T && Sender(m) is var (r, client) && r == round && client != self && (source is null || client == source);
        var waiter = new TaskCompletionSource<IMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            var seen = _seen.FirstOrDefault(Match);
            if (seen is not null)
            {
                return (T)seen;
            }
            _waiters.Add((Match, waiter));
        }
        using (cancellationToken.Register(() => waiter.TrySetCanceled(cancellationToken)))
        {
            try
            {
                return (T)await waiter.Task.ConfigureAwait(false);
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

    private static (uint Round, string Client) Sender(IMessage contribution) => contribution switch
    {
        PlaintextContribution p => (p.Round?.Round ?? 0, p.ClientId),
        Contribution c => (c.Round?.Round ?? 0, c.ClientId),
        _ => throw new ArgumentException($"An eavesdropper records contributions only, not {contribution.Descriptor.Name} messages.", nameof(contribution)),
    };
}
