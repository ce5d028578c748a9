using System.Security.Cryptography;
using FedActors.Crypto.Artifacts;
using FedActors.Federation.Protocol;
using FedActors.Federation.Simulation;
using FedActors.Federation.Tests.Metrics;

namespace FedActors.Federation.Tests.Artifacts;

public sealed class ModelOutputTests : IClassFixture<ArtifactFixture>, IDisposable
{
    private readonly ArtifactFixture _keys;
    private readonly string _run = Directory.CreateTempSubdirectory("fedactors-model-output-").FullName;

    public ModelOutputTests(ArtifactFixture keys) => _keys = keys;

    public void Dispose() => Directory.Delete(_run, recursive: true);

    private static float[] Parameters(int seed, int count = 1000)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
    }

    [Fact]
    public void A_plaintext_final_model_is_the_little_endian_float32_bytes_whose_sha256_is_the_model_hash()
    {
        var parameters = Parameters(1);
        var path = new ModelOutput(_run, owner: null, checkpointEvery: 0, node: null).WriteFinal(parameters);

        Assert.Equal(Path.Combine(_run, "model.final.weights"), path);
        Assert.Equal(4 * parameters.Length, new FileInfo(path).Length);
        Assert.Equal(ModelHash.Compute(parameters), SHA256.HashData(File.ReadAllBytes(path)));
        Assert.Equal(parameters, ModelOutput.Read(path, key: null));
        Assert.Equal([path], Directory.GetFiles(_run, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void An_encrypted_final_model_decrypts_with_the_owner_key_to_the_same_bytes_and_no_plaintext_file_is_written()
    {
        var parameters = Parameters(2);
        var path = new ModelOutput(_run, _keys.Owner.PublicKey, checkpointEvery: 0, node: null).WriteFinal(parameters);

        Assert.Equal(Path.Combine(_run, "model.final.weights.enc"), path);
        Assert.Equal([path], Directory.GetFiles(_run, "*", SearchOption.AllDirectories));
        Assert.Equal(ModelHash.Compute(parameters), SHA256.HashData(ArtifactFile.ReadAllBytes(path, ArtifactKey.FromKeyPair(_keys.Owner))));
        Assert.Equal(parameters, ModelOutput.Read(path, ArtifactKey.FromKeyPair(_keys.Owner)));
        var wrong = Assert.Throws<ArtifactException>(() => ModelOutput.Read(path, ArtifactKey.FromKeyPair(_keys.Node)));
        Assert.Contains("wrong key", wrong.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Checkpoints_are_written_every_checkpoint_every_rounds_and_the_replica_every_round_encrypted_to_the_node()
    {
        var output = new ModelOutput(_run, _keys.Owner.PublicKey, checkpointEvery: 2, _keys.Node.PublicKey);
        for (var round = 1; round <= 5; round++)
        {
            output.WriteRound(round, Parameters(round));
        }

        Assert.Equal(
            ["round-2.weights.enc", "round-4.weights.enc"],
            Directory.GetFiles(Path.Combine(_run, "checkpoints")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(Parameters(4), ModelOutput.Read(output.CheckpointPath(4), ArtifactKey.FromKeyPair(_keys.Owner)));
        Assert.Equal(Path.Combine(_run, "replicas", "node.weights.enc"), output.ReplicaPath);
        Assert.Equal(Parameters(5), ModelOutput.Read(output.ReplicaPath, ArtifactKey.FromKeyPair(_keys.Node)));
        Assert.Throws<ArtifactException>(() => ModelOutput.Read(output.ReplicaPath, ArtifactKey.FromKeyPair(_keys.Owner)));
    }

    [Fact]
    public void Without_checkpoints_or_replica_key_a_round_writes_nothing()
    {
        new ModelOutput(_run, owner: null, checkpointEvery: 0, node: null).WriteRound(1, Parameters(1));
        Assert.Empty(Directory.GetFileSystemEntries(_run));
    }

    [Fact]
    public void A_file_that_is_not_whole_float32_values_is_refused_when_read()
    {
        var path = Path.Combine(_run, "odd.weights");
        File.WriteAllBytes(path, [1, 2, 3, 4, 5]);
        var error = Assert.Throws<ArtifactException>(() => ModelOutput.Read(path, key: null));
        Assert.Contains("5 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_file_that_cannot_be_written_is_an_artifact_error_naming_the_path()
    {
        var blocked = Path.Combine(_run, "blocked");
        File.WriteAllText(blocked, "a file where the run directory should be");
        var error = Assert.Throws<ArtifactException>(() => new ModelOutput(blocked, owner: null, checkpointEvery: 0, node: null).WriteFinal(Parameters(1)));
        Assert.Contains(blocked, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_failure_after_a_round_cancels_the_run_and_is_rethrown()
    {
        var blocked = Path.Combine(_run, "blocked");
        File.WriteAllText(blocked, "a file where the run directory should be");
        var output = new ModelOutput(blocked, owner: null, checkpointEvery: 1, node: null);
        var cancelled = false;

        var error = await Assert.ThrowsAsync<ArtifactException>(() => output.RecordAsync(
            () => Parameters(1),
            async (record, token) =>
            {
                record(SampleMetrics.Create(rounds: 1).Rounds[0]);
                using var registration = token.Register(() => cancelled = true);
                await Task.Delay(Timeout.Infinite, token);
                return 0;
            },
            CancellationToken.None));

        Assert.Contains("round-1.weights", error.Message, StringComparison.Ordinal);
        Assert.True(cancelled);
    }

    [Fact]
    public async Task Each_recorded_round_writes_the_model_published_at_that_moment()
    {
        var output = new ModelOutput(_run, owner: null, checkpointEvery: 1, node: null);
        var current = Parameters(1);

        var result = await output.RecordAsync(
            () => current,
            (record, _) =>
            {
                foreach (var round in SampleMetrics.Create(rounds: 2).Rounds)
                {
                    current = Parameters(round.Round * 10);
                    record(round);
                }

                return Task.FromResult("done");
            },
            CancellationToken.None);

        Assert.Equal("done", result);
        Assert.Equal(Parameters(10), ModelOutput.Read(output.CheckpointPath(1), key: null));
        Assert.Equal(Parameters(20), ModelOutput.Read(output.CheckpointPath(2), key: null));
    }
}
