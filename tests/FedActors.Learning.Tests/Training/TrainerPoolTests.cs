using FedActors.Learning.Kernels.Managed;
using FedActors.Learning.Models;
using FedActors.Learning.Tensors;
using FedActors.Learning.Training;
using Xunit;

namespace FedActors.Learning.Tests.Training;

public sealed class TrainerPoolTests
{
    private static readonly ModelSpec Spec = ModelSpec.LogReg(new TensorShape(8, 8, 1), 4);

    [Fact]
    public async Task Many_clients_on_two_workers_get_the_same_updates_as_serial_training()
    {
        var data = TinyData.Bands(200, 4, 8, seed: 1);
        var start = Spec.InitializeParameters(1);
        var options = new TrainingOptions { Epochs = 1, BatchSize = 5, LearningRate = 0.1f };
        const int Clients = 40;
        int[] Indices(int client) => Enumerable.Range(client * 5, 5).ToArray();

        using var pool = new TrainerPool(2, ManagedGemm.Instance);
        var jobs = Enumerable.Range(0, Clients).Select(client => pool.RunAsync(Spec, trainer =>
        {
            var delta = new float[Spec.ParameterCount];
            trainer.Train(start, delta, data, Indices(client), options, (ulong)client);
            return delta;
        })).ToArray();
        var pooled = await Task.WhenAll(jobs);

        var serial = new Trainer(Spec, ManagedGemm.Instance);
        for (var client = 0; client < Clients; client++)
        {
            var delta = new float[Spec.ParameterCount];
            serial.Train(start, delta, data, Indices(client), options, (ulong)client);
            Assert.Equal(delta, pooled[client]);
        }
    }

    [Fact]
    public async Task Workers_reuse_one_trainer_per_architecture()
    {
        using var pool = new TrainerPool(1, ManagedGemm.Instance);
        var first = await pool.RunAsync(Spec, trainer => trainer);
        var second = await pool.RunAsync(Spec, trainer => trainer);
        Assert.Same(first, second);
    }

    [Fact]
    public async Task A_failing_job_faults_its_task_and_the_worker_keeps_running()
    {
        using var pool = new TrainerPool(1, ManagedGemm.Instance);
        await Assert.ThrowsAsync<InvalidOperationException>(() => pool.RunAsync<int>(Spec, _ => throw new InvalidOperationException("boom")));
        Assert.Equal(7, await pool.RunAsync(Spec, _ => 7));
    }

    [Fact]
    public void Submitting_after_dispose_is_rejected()
    {
        var pool = new TrainerPool(1, ManagedGemm.Instance);
        pool.Dispose();
        Assert.Throws<ObjectDisposedException>(() => { _ = pool.RunAsync(Spec, _ => 1); });
    }

    [Fact]
    public void A_pool_without_workers_is_rejected()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new TrainerPool(0, ManagedGemm.Instance));
        Assert.Contains("trainer-workers must be > 0", ex.Message);
    }
}
