using FedActors.Actors.Core;
using Google.Protobuf.WellKnownTypes;

namespace FedActors.Persistence.Tests.Actors;

/// <summary>
/// A persistent list of strings driven by StringValue commands ("add:x", "many:a,b,c", "get",
/// "snap", "snap-bad", "bad", "tagged"), so every message is a protobuf type and the tests can run with
/// serialize-messages on. Recovery progress is reported to <c>observer</c>.
/// </summary>
public sealed class Journaling(string persistenceId, IActorRef observer) : PersistentActor
{
    private List<string> _items = [];

    public override string PersistenceId => persistenceId;

    public static StringValue S(string value) => new() { Value = value };

    protected override bool ReceiveRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer { Snapshot: StringValue snapshot }:
                _items = snapshot.Value.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList();
                observer.Tell(S($"snapshot {snapshot.Value} at {LastSequenceNr}"), Self);
                return true;
            case StringValue e:
                _items.Add(e.Value);
                return true;
            case RecoveryCompleted:
                observer.Tell(S($"recovered [{string.Join(",", _items)}] at {LastSequenceNr}"), Self);
                return true;
            default:
                return false;
        }
    }

    protected override bool ReceiveCommand(object message)
    {
        switch (message)
        {
            case StringValue { Value: var command } when command.StartsWith("add:", StringComparison.Ordinal):
                Persist(S(command[4..]), e =>
                {
                    _items.Add(e.Value);
                    Sender.Tell(S($"added {e.Value} at {LastSequenceNr}"), Self);
                });
                return true;
            case StringValue { Value: var command } when command.StartsWith("many:", StringComparison.Ordinal):
                PersistAll(command[5..].Split(',').Select(S), e =>
                {
                    _items.Add(e.Value);
                    Sender.Tell(S($"added {e.Value} at {LastSequenceNr}"), Self);
                });
                Defer(S("deferred"), d => Sender.Tell(S($"{d.Value} after {LastSequenceNr}"), Self));
                return true;
            case StringValue { Value: "tagged" }:
                Persist(new Tagged(S("t"), ["red"]), _ => Sender.Tell(S($"tagged at {LastSequenceNr}"), Self));
                return true;
            case StringValue { Value: "bad" }:
                Persist(new NotSerializable(), _ => Sender.Tell(S("handler of a rejected event ran"), Self));
                return true;
            case StringValue { Value: "get" }:
                Sender.Tell(S($"[{string.Join(",", _items)}] at {LastSequenceNr}"), Self);
                return true;
            case StringValue { Value: "snap" }:
                SaveSnapshot(S(string.Join(",", _items)));
                return true;
            case StringValue { Value: "snap-bad" }:
                SaveSnapshot(new NotSerializable());
                return true;
            case SaveSnapshotFailure failure:
                observer.Tell(S($"snapshot failed at {failure.Metadata.SequenceNr}: {failure.Cause.GetType().Name}"), Self);
                return true;
            case SaveSnapshotSuccess success:
                observer.Tell(S($"snapshot saved at {success.Metadata.SequenceNr}"), Self);
                return true;
            default:
                return false;
        }
    }

    public sealed record NotSerializable;
}
