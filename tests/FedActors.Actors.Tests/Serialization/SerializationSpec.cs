using FedActors.Actors.Core;
using FedActors.Actors.Serialization;
using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf.WellKnownTypes;

namespace FedActors.Actors.Tests.Serialization;

public sealed class SerializationSpec : TestKit.TestKit
{
    public SerializationSpec()
        : base("fedactors.actor.serialize-messages = on")
    {
    }

    private sealed record NotSerializable(int Value);

    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m));
    }

    [Fact]
    public void Protobuf_messages_round_trip_with_a_type_manifest()
    {
        var registry = new SerializerRegistry();
        var serialized = registry.Serialize(new StringValue { Value = "hello" });
        Assert.Equal(ProtobufSerializer.Id, serialized.SerializerId);
        Assert.Equal("Google.Protobuf.WellKnownTypes.StringValue, Google.Protobuf", serialized.Manifest);
        Assert.Equal(new StringValue { Value = "hello" }, registry.Deserialize(serialized));
    }

    [Fact]
    public void Byte_arrays_round_trip()
    {
        var registry = new SerializerRegistry();
        var serialized = registry.Serialize(new byte[] { 1, 2, 3 });
        Assert.Equal(ByteArraySerializer.Id, serialized.SerializerId);
        Assert.Equal(new byte[] { 1, 2, 3 }, registry.Deserialize(serialized));
    }

    [Fact]
    public void An_unregistered_type_fails_naming_the_type_and_the_remedy()
    {
        var e = Assert.Throws<SerializationException>(() => new SerializerRegistry().Serialize(new NotSerializable(1)));
        Assert.Contains(typeof(NotSerializable).FullName!, e.Message, StringComparison.Ordinal);
        Assert.Contains("Bind<NotSerializable>", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_serializer_id_or_manifest_fails_cleanly()
    {
        var registry = new SerializerRegistry();
        Assert.Throws<SerializationException>(() => registry.Deserialize(new SerializedMessage(99, "", [])));
        Assert.Throws<SerializationException>(() => registry.Deserialize(new SerializedMessage(ProtobufSerializer.Id, "System.String, System.Private.CoreLib", [])));
    }

    [Fact]
    public void With_serialize_messages_on_a_protobuf_message_arrives_as_an_equal_copy()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>());
        var sent = new Int32Value { Value = 5 };
        echo.Tell(sent, TestActor);
        var received = ExpectMsg<Int32Value>();
        Assert.Equal(sent, received);
        Assert.NotSame(sent, received);
    }

    [Fact]
    public void With_serialize_messages_on_an_unserializable_message_is_refused_at_the_sender()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>());
        Assert.Throws<SerializationException>(() => echo.Tell(new NotSerializable(1), TestActor));
    }

    [Fact]
    public void Random_and_mutated_protobuf_payloads_fail_cleanly_or_parse()
    {
        var registry = new SerializerRegistry();
        var valid = registry.Serialize(new StringValue { Value = "a fairly long string value" });
        Prop.ForAll<byte[], int>((noise, position) =>
        {
            var mutated = valid.Payload.ToArray();
            if (mutated.Length > 0)
            {
                mutated[Math.Abs(position % mutated.Length)] ^= 0x5A;
            }
            foreach (var payload in new[] { noise ?? [], mutated })
            {
                try
                {
                    Assert.IsType<StringValue>(registry.Deserialize(valid with { Payload = payload }));
                }
                catch (SerializationException)
                {
                }
            }
        }).QuickCheckThrowOnFailure();
    }
}
