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

    [Fact]
    public void The_very_message_object_already_decrypted_is_recognised_without_a_new_decryption_and_another_epoch_is_not()
    {
        var node = Node();
        var result = Result(1, 7, 8);
        var calls = 0;
        double[] Decrypt()
        {
            calls++;
            return [calls];
        }
        var first = node.DecryptOnce(result, 1, Decrypt);
        Assert.Same(first, node.DecryptOnce(result, 1, Decrypt));
        Assert.Equal(1, calls);
        Assert.Equal([2.0], node.DecryptOnce(result, 2, Decrypt));
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

    [Fact]
    public void Key_holders_of_a_node_share_one_successful_verification_of_the_same_digest()
    {
        var node = Node();
        var checks = 0;
        bool Verify()
        {
            checks++;
            return true;
        }

        Assert.True(node.VerifyOnce([1, 2, 3], Verify));
        Assert.True(node.VerifyOnce([1, 2, 3], Verify));
        Assert.True(node.VerifyOnce([1, 2, 3], () => throw new InvalidOperationException("a remembered success must not be checked again")));

        Assert.Equal(1, checks);
        Assert.Equal(1, node.Verifications);
    }

    [Fact]
    public void A_failed_or_throwing_verification_is_not_remembered_and_the_next_holder_checks_again()
    {
        var node = Node();
        Assert.False(node.VerifyOnce([4], () => false));
        Assert.Throws<ProtocolException>(() => node.VerifyOnce([4], () => throw new ProtocolException("malformed contribution")));
        Assert.False(node.VerifyOnce([4], () => false));
        Assert.True(node.VerifyOnce([4], () => true));
        Assert.Equal(4, node.Verifications);
    }

    [Fact]
    public void A_different_digest_is_verified_afresh_and_a_failure_on_it_keeps_the_earlier_success()
    {
        var node = Node();
        Assert.True(node.VerifyOnce([5, 6], () => true));

        Assert.False(node.VerifyOnce([5, 7], () => false));
        Assert.False(node.VerifyOnce([5, 6, 0], () => false));
        Assert.True(node.VerifyOnce([5, 6], () => false));

        Assert.Equal(3, node.Verifications);
    }

    [Fact]
    public void Concurrent_holders_with_the_same_digest_run_the_check_once()
    {
        var node = Node();
        var checks = 0;
        var results = Enumerable.Range(0, 8).AsParallel().Select(_ => node.VerifyOnce([9], () =>
        {
            Interlocked.Increment(ref checks);
            return true;
        })).ToArray();
        Assert.All(results, Assert.True);
        Assert.Equal(1, checks);
    }

    public void Dispose() => _pool.Dispose();
}
