using System.Security.Cryptography;
using FedActors.Crypto.Artifacts;
using FedActors.Federation.Protocol;
using FedActors.Federation.Simulation;

namespace FedActors.Federation.Tests.Artifacts;

public sealed class ModelCheckpointsTests : IClassFixture<ArtifactFixture>, IDisposable
{
    private readonly ArtifactFixture _keys;
    private readonly string _run = Directory.CreateTempSubdirectory("fedactors-model-files-").FullName;

    public ModelCheckpointsTests(ArtifactFixture keys) => _keys = keys;

    public void Dispose() => Directory.Delete(_run, recursive: true);

    private static float[] Parameters(int seed, int count = 1000)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
    }

    private string[] Files() => Directory.GetFiles(_run, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_run, f)).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void A_plaintext_final_model_is_the_little_endian_float32_bytes_whose_sha256_is_the_model_hash()
    {
        var parameters = Parameters(1);
        var path = new ModelCheckpoints(_run).WriteFinal(parameters);

        Assert.Equal(Path.Combine(_run, "model.final.weights"), path);
        Assert.Equal(4 * parameters.Length, new FileInfo(path).Length);
        Assert.Equal(ModelHash.Compute(parameters), SHA256.HashData(File.ReadAllBytes(path)));
        Assert.Equal(parameters, ModelCheckpoints.ReadFile(path, key: null));
        Assert.Equal(["model.final.weights"], Files());
    }

    [Fact]
    public void An_encrypted_final_model_decrypts_with_the_owner_key_to_the_same_bytes_and_no_plaintext_file_is_written()
    {
        var parameters = Parameters(2);
        var path = new ModelCheckpoints(_run, _keys.Owner.PublicKey).WriteFinal(parameters);

        Assert.Equal(["model.final.weights.enc"], Files());
        Assert.Equal(ModelHash.Compute(parameters), SHA256.HashData(ArtifactFile.ReadAllBytes(path, ArtifactKey.FromKeyPair(_keys.Owner))));
        var wrong = Assert.Throws<ArtifactException>(() => ModelCheckpoints.ReadFile(path, ArtifactKey.FromKeyPair(_keys.Node)));
        Assert.Contains("wrong key", wrong.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encrypted_checkpoints_read_back_with_the_owner_key_and_are_checked_against_the_journaled_hash()
    {
        var checkpoints = new ModelCheckpoints(_run, _keys.Owner.PublicKey);
        checkpoints.Write(3, Parameters(3));

        Assert.Equal(["checkpoints/round-3.weights.enc"], Files());
        Assert.Equal(Parameters(3), checkpoints.Read(3, ModelHash.Compute(Parameters(3)), ArtifactKey.FromKeyPair(_keys.Owner)));
        var keyless = Assert.Throws<InvalidDataException>(() => checkpoints.Read(3, ModelHash.Compute(Parameters(3))));
        Assert.Contains("encrypted to the model owner", keyless.Message, StringComparison.Ordinal);
        Assert.Contains("--owner-key OWNER/node.key", keyless.Message, StringComparison.Ordinal);
        var other = Assert.Throws<InvalidDataException>(() => checkpoints.Read(3, ModelHash.Compute(Parameters(4)), ArtifactKey.FromKeyPair(_keys.Owner)));
        Assert.Contains("the journal recorded", other.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_a_node_key_each_checkpoint_also_writes_the_replica_encrypted_to_the_node_only()
    {
        var checkpoints = new ModelCheckpoints(_run, owner: null, _keys.Node.PublicKey);
        checkpoints.Write(1, Parameters(1));
        checkpoints.Write(2, Parameters(2));

        Assert.Equal(["checkpoints/round-1.weights", "checkpoints/round-2.weights", "replicas/node.weights.enc"], Files());
        Assert.Equal(Path.Combine(_run, "replicas", "node.weights.enc"), checkpoints.ReplicaPath);
        Assert.Equal(Parameters(2), ModelCheckpoints.ReadFile(checkpoints.ReplicaPath, ArtifactKey.FromKeyPair(_keys.Node)));
        Assert.Throws<ArtifactException>(() => ModelCheckpoints.ReadFile(checkpoints.ReplicaPath, ArtifactKey.FromKeyPair(_keys.Owner)));
    }

    [Fact]
    public void A_file_that_is_not_whole_float32_values_is_refused_when_read()
    {
        var path = Path.Combine(_run, "odd.weights");
        File.WriteAllBytes(path, [1, 2, 3, 4, 5]);
        var error = Assert.Throws<InvalidDataException>(() => ModelCheckpoints.ReadFile(path, key: null));
        Assert.Contains("5 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_file_that_cannot_be_written_is_an_artifact_error_naming_the_path()
    {
        var blocked = Path.Combine(_run, "blocked");
        File.WriteAllText(blocked, "a file where the run directory should be");
        var error = Assert.Throws<ArtifactException>(() => new ModelCheckpoints(blocked, _keys.Owner.PublicKey).Write(1, Parameters(1)));
        Assert.Contains(Path.Combine(blocked, "checkpoints", "round-1.weights.enc"), error.Message, StringComparison.Ordinal);
    }
}
