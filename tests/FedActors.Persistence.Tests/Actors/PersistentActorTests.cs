using FedActors.Actors.Core;
using FedActors.Persistence.Journal;
using FedActors.Persistence.Memory;
using FedActors.Persistence.Query;
using FedActors.TestKit;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using static FedActors.Persistence.Tests.Actors.Journaling;

namespace FedActors.Persistence.Tests.Actors;

/// <summary>PersistentActor on the TestKit, with serialize-messages on so every message proves it can cross a network.</summary>
public sealed class PersistentActorTests : TestKit.TestKit
{
    private readonly FailingJournal _journal;
    private readonly MemorySnapshotStore _snapshots = new();

    public PersistentActorTests()
        : base(new ActorSettings(serializeMessages: true))
    {
        _journal = new FailingJournal(Sys.TimeProvider);
        PersistenceExtension.Register(Sys, _journal, _snapshots);
    }

    private IActorRef Start(string persistenceId, string expectRecovered)
    {
        var actor = Sys.ActorOf(Props.Create(() => new Journaling(persistenceId, TestActor)));
        ExpectText(expectRecovered);
        return actor;
    }

    private void ExpectText(string text) => Assert.Equal(text, ExpectMsg<StringValue>().Value);

    private void Restart(IActorRef actor)
    {
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
    }

    [Fact]
    public void Persists_events_and_recovers_them_in_a_new_incarnation()
    {
        var actor = Start("p", "recovered [] at 0");
        actor.Tell(S("add:a"), TestActor);
        actor.Tell(S("add:b"), TestActor);
        ExpectText("added a at 1");
        ExpectText("added b at 2");
        Restart(actor);

        var again = Start("p", "recovered [a,b] at 2");
        again.Tell(S("add:c"), TestActor);
        ExpectText("added c at 3");
    }

    [Fact]
    public void Commands_sent_while_persisting_are_handled_after_the_persist_handlers_in_order()
    {
        var actor = Start("p", "recovered [] at 0");
        actor.Tell(S("add:a"), TestActor);
        actor.Tell(S("get"), TestActor);
        actor.Tell(S("add:b"), TestActor);
        actor.Tell(S("get"), TestActor);

        ExpectText("added a at 1");
        ExpectText("[a] at 1");
        ExpectText("added b at 2");
        ExpectText("[a,b] at 2");
    }

    [Fact]
    public void Commands_sent_during_recovery_wait_for_it()
    {
        var seed = Start("p", "recovered [] at 0");
        seed.Tell(S("many:a,b,c,d,e,f,g,h"), TestActor);
        ReceiveN(9);
        Restart(seed);

        var actor = Sys.ActorOf(Props.Create(() => new Journaling("p", TestActor)));
        actor.Tell(S("get"), TestActor);
        ExpectText("recovered [a,b,c,d,e,f,g,h] at 8");
        ExpectText("[a,b,c,d,e,f,g,h] at 8");
    }

    [Fact]
    public void PersistAll_handlers_run_in_order_and_Defer_runs_after_them()
    {
        var actor = Start("p", "recovered [] at 0");
        actor.Tell(S("many:x,y,z"), TestActor);
        ExpectText("added x at 1");
        ExpectText("added y at 2");
        ExpectText("added z at 3");
        ExpectText("deferred after 3");
    }

    [Fact]
    public void Recovery_starts_from_the_latest_snapshot_then_replays_later_events()
    {
        var actor = Start("p", "recovered [] at 0");
        actor.Tell(S("many:a,b"), TestActor);
        ReceiveN(3);
        actor.Tell(S("snap"), TestActor);
        ExpectText("snapshot saved at 2");
        actor.Tell(S("add:c"), TestActor);
        ExpectText("added c at 3");
        Restart(actor);

        var again = Sys.ActorOf(Props.Create(() => new Journaling("p", TestActor)));
        ExpectText("snapshot a,b at 2");
        ExpectText("recovered [a,b,c] at 3");
        again.Tell(S("add:d"), TestActor);
        ExpectText("added d at 4");
    }

    [Fact]
    public void A_snapshot_that_cannot_be_serialized_is_reported_as_a_failure_and_the_actor_keeps_running()
    {
        var actor = Start("p", "recovered [] at 0");
        actor.Tell(S("add:a"), TestActor);
        ExpectText("added a at 1");
        actor.Tell(S("snap-bad"), TestActor);
        ExpectText("snapshot failed at 1: SerializationException");
        actor.Tell(S("get"), TestActor);
        ExpectText("[a] at 1");
    }

    [Fact]
    public async Task Tagged_events_are_stored_under_their_tags_and_replayed_bare()
    {
        var actor = Start("p", "recovered [] at 0");
        actor.Tell(S("tagged"), TestActor);
        ExpectText("tagged at 1");

        var tagged = await _journal.Inner.CurrentEventsByTagAsync("red", 0).ToListAsync();
        Assert.Equal(["p"], tagged.Select(e => e.Event.PersistenceId));
        Restart(actor);
        Start("p", "recovered [t] at 1");
    }

    [Fact]
    public void An_event_that_cannot_be_serialized_is_rejected_and_the_actor_keeps_running()
    {
        var actor = Start("p", "recovered [] at 0");
        EventFilter.Warning(contains: "Rejected event NotSerializable for persistence id 'p'").ExpectOne(() => actor.Tell(S("bad"), TestActor));

        actor.Tell(S("add:a"), TestActor);
        ExpectText("added a at 1");
    }

    [Fact]
    public void A_write_failure_stops_the_actor_and_logs_why()
    {
        var actor = Start("p", "recovered [] at 0");
        Watch(actor);
        _journal.FailWrites = true;

        EventFilter.Error(contains: "Failed to persist event StringValue with sequence number 1 for persistence id 'p'; stopping the actor. test database is unavailable")
            .ExpectOne(() => actor.Tell(S("add:a"), TestActor));
        ExpectTerminated(actor);
    }

    [Fact]
    public void A_tampered_journal_stops_recovery_and_logs_persistence_id_and_sequence_number()
    {
        var seed = Start("p", "recovered [] at 0");
        seed.Tell(S("many:a,b,c"), TestActor);
        ReceiveN(4);
        Restart(seed);
        _journal.Inner.Tamper("p", 2, r => r with { Payload = S("evil").ToByteArray() });

        IActorRef? actor = null;
        EventFilter.Error(contains: "Journal integrity violated for persistence id 'p' at sequence number 2")
            .ExpectOne(() => actor = Watch(Sys.ActorOf(Props.Create(() => new Journaling("p", TestActor)))));
        ExpectTerminated(actor!);
    }

    [Fact]
    public void An_undecodable_event_stops_recovery_naming_where_it_is()
    {
        var seed = Start("p", "recovered [] at 0");
        seed.Tell(S("add:a"), TestActor);
        ExpectText("added a at 1");
        Restart(seed);
        _journal.Inner.Tamper("p", 1, r => HashChain.Seal(r with { Manifest = "No.Such.Type" }, r.Timestamp, r.PrevHash));

        IActorRef? actor = null;
        EventFilter.Error(contains: "Cannot deserialize the event of persistence id 'p' at sequence number 1")
            .ExpectOne(() => actor = Watch(Sys.ActorOf(Props.Create(() => new Journaling("p", TestActor)))));
        ExpectTerminated(actor!);
    }

    [Fact]
    public async Task Persisting_during_recovery_is_refused()
    {
        var serialized = Sys.Serialization.Serialize(S("x"));
        await _journal.WriteMessagesAsync([new AtomicWrite(new PersistentRepr("eager", 1, serialized.Manifest, serialized.SerializerId, serialized.Payload))]);
        Sys.ActorOf(Props.Create(() => new PersistsWhileRecovering(TestActor)));
        Assert.Contains("during recovery", ExpectMsg<StringValue>().Value, StringComparison.Ordinal);
    }

    [Fact]
    public void A_receive_persistent_actor_dispatches_recovery_and_commands_by_type()
    {
        var counter = Sys.ActorOf(Props.Create(() => new Counter(TestActor)));
        ExpectText("recovered 0");
        counter.Tell(new Int32Value { Value = 5 }, TestActor);
        counter.Tell(new Int32Value { Value = 7 }, TestActor);
        ExpectText("total 5");
        ExpectText("total 12");
        Restart(counter);

        Sys.ActorOf(Props.Create(() => new Counter(TestActor)));
        ExpectText("recovered 12");
    }

    private sealed class Counter : ReceivePersistentActor
    {
        private int _total;

        public Counter(IActorRef observer)
        {
            Recover<Int32Value>(e => _total += e.Value);
            Recover<RecoveryCompleted>(_ => observer.Tell(S($"recovered {_total}"), Self));
            Command<Int32Value>(c => Persist(c, e =>
            {
                _total += e.Value;
                Sender.Tell(S($"total {_total}"), Self);
            }));
        }

        public override string PersistenceId => "counter";
    }

    private sealed class PersistsWhileRecovering(IActorRef observer) : PersistentActor
    {
        public override string PersistenceId => "eager";

        protected override bool ReceiveRecover(object message)
        {
            if (message is RecoveryCompleted)
            {
                return true;
            }

            try
            {
                Persist(S("x"), _ => { });
            }
            catch (InvalidOperationException e)
            {
                observer.Tell(S(e.Message), Self);
            }

            return true;
        }

        protected override bool ReceiveCommand(object message) => false;
    }
}
