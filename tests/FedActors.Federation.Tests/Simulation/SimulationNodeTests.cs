using FedActors.Federation.Protocol;
using FedActors.Federation.Simulation;
using FedActors.Learning;
using FedActors.Learning.Data;
using FedActors.Learning.Models;
using FedActors.Learning.Training;
using Google.Protobuf;

namespace FedActors.Federation.Tests.Simulation;

public sealed class SimulationNodeTests : IDisposable
{
    private readonly TrainerPool _pool = new(1, new LearningSettings().CreateGemm());

    private SimulationNode Node()
    {
        var data = FedProxSynthetic.Generate(1, 1, 2, 3);
        var spec = ModelSpec.Named("logreg", data.Train.SampleShape, data.Train.Classes);
        return new SimulationNode(data, data.NaturalPartition!, spec, _pool, new TrainingOptions(), spec.InitializeParameters(3));
    }

    private static AggregateResult Result(uint round, byte ciphertext, byte share)
    {
        var result = new AggregateResult { Round = new RoundId { Round = round } };
        result.AggregateCiphertexts.Add(ByteString.CopyFrom(ciphertext, 2, 3));
        result.Shares.Add(new DecryptionShare { Round = result.Round, PartyId = 1, SealedShare = ByteString.CopyFrom(share, 9) });
        return result;
    }

    [Fact]
    public void The_clients_of_a_node_decrypt_an_identical_aggregate_once_and_share_the_sum()
    {
        var node = Node();
        var calls = 0;
        double[] Decrypt()
        {
            calls++;
            return [1.5, 2.0];
        }
        var first = node.DecryptOnce(Result(1, 7, 8), 1, Decrypt);
        var second = node.DecryptOnce(Result(1, 7, 8), 1, Decrypt);
        Assert.Equal(1, calls);
        Assert.Same(first, second);
    }

    [Theory]
    [InlineData(2U, 7, 8, 1L)]
    [InlineData(1U, 6, 8, 1L)]
    [InlineData(1U, 7, 9, 1L)]
    [InlineData(1U, 7, 8, 2L)]
    public void A_different_round_ciphertext_share_or_epoch_is_decrypted_afresh(uint round, byte ciphertext, byte share, long epoch)
    {
        var node = Node();
        node.DecryptOnce(Result(1, 7, 8), 1, () => [1.0]);
        var again = node.DecryptOnce(Result(round, ciphertext, share), epoch, () => [2.0]);
        Assert.Equal([2.0], again);
    }

    [Fact]
    public void A_failed_decryption_is_not_remembered_and_the_next_client_tries_again()
    {
        var node = Node();
        Assert.Throws<ProtocolException>(() => node.DecryptOnce(Result(1, 7, 8), 1, () => throw new ProtocolException("share does not open")));
        Assert.Equal([3.0], node.DecryptOnce(Result(1, 7, 8), 1, () => [3.0]));
    }

    public void Dispose() => _pool.Dispose();
}
