using FedActors.Federation.Protocol;
using Google.Protobuf;

namespace FedActors.Federation.Tests.Protocol;

public sealed class ModelHashTests
{
    [Fact]
    public void Equal_parameters_hash_equal_and_a_one_bit_change_changes_the_hash()
    {
        float[] model = [1f, 2f, 3f];
        Assert.Equal(ModelHash.Compute(model), ModelHash.Compute([1f, 2f, 3f]));
        Assert.NotEqual(ModelHash.Compute(model), ModelHash.Compute([1f, 2f, BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(3f) ^ 1)]));
    }

    [Fact]
    public void A_model_message_round_trips_and_a_tampered_one_is_refused()
    {
        var message = ModelHash.ToMessage([0.5f, -0.25f]);
        Assert.Equal([0.5f, -0.25f], ModelHash.FromMessage(message));
        var tampered = message.Clone();
        tampered.Values[0] = 0.75f;
        Assert.Throws<ProtocolException>(() => ModelHash.FromMessage(tampered));
        var wrongHash = message.Clone();
        wrongHash.Hash = ByteString.CopyFrom(new byte[32]);
        Assert.Throws<ProtocolException>(() => ModelHash.FromMessage(wrongHash));
    }
}
