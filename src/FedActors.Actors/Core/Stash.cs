using FedActors.Actors.Dispatch;

namespace FedActors.Actors.Core;

/// <summary>The <see cref="IStash"/> of one actor: envelopes kept in order, put back in front of the mailbox on unstash.</summary>
internal sealed class Stash(ActorCell cell) : IStash
{
    private readonly LinkedList<Envelope> _envelopes = new();

    public int Count => _envelopes.Count;

    void IStash.Stash()
    {
        var message = cell.CurrentMessage ?? throw new IllegalActorStateException("Stash() can only be called while the actor handles a message.");
        if (_envelopes.Last is { } last && ReferenceEquals(last.Value.Message, message))
        {
            throw new IllegalActorStateException($"Message {message} of type {message.GetType()} is stashed already; stash each message once.");
        }
        _envelopes.AddLast(new Envelope(message, cell.CurrentSender));
    }

    public void Unstash()
    {
        if (_envelopes.First is { } first)
        {
            _envelopes.RemoveFirst();
            cell.Mailbox.Prepend([first.Value]);
        }
    }

    public void UnstashAll()
    {
        if (_envelopes.Count > 0)
        {
            cell.Mailbox.Prepend(_envelopes);
            _envelopes.Clear();
        }
    }

    public IReadOnlyList<object> ClearStash()
    {
        var messages = _envelopes.Select(e => e.Message).ToArray();
        _envelopes.Clear();
        return messages;
    }

    /// <summary>Empties the stash into dead letters (the actor stopped).</summary>
    public void DrainToDeadLetters()
    {
        foreach (var envelope in _envelopes)
        {
            cell.SendToDeadLetters(envelope);
        }
        _envelopes.Clear();
    }
}
