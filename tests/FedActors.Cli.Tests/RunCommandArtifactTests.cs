using System.Security.Cryptography;
using FedActors.Federation.Metrics;
using Xunit;

namespace FedActors.Cli.Tests;

/// <summary><c>fedactors run</c> with <c>output.encrypt-to</c>, read back with <c>fedactors artifact decrypt</c>.</summary>
public sealed class RunCommandArtifactTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fedactors-cli-run-artifact-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathOf(params string[] parts) => Path.Combine([_directory, .. parts]);

    private CliRunner.Result Run(params string[] args) => CliRunner.RunIn(_directory, args);

    [Fact]
    public void A_final_model_encrypted_to_the_owner_decrypts_to_the_bytes_whose_sha256_is_the_final_model_hash()
    {
        Assert.Equal(0, Run("keys", "new", "--name", "owner", "--out", "owner").ExitCode);
        File.WriteAllText(PathOf("scenario.conf"), $$"""
            scenario {
              name = owned
              rounds = 2
              data { set = synthetic }
              model = logreg
              federation { clients = 3, clients-per-round = 3, aggregation = mean }
              output { dir = "{{PathOf("run").Replace("\\", "/", StringComparison.Ordinal)}}", report = none, encrypt-to = "owner/node.pub" }
            }
            """);

        var run = Run("run", "scenario.conf");
        Assert.True(run.ExitCode == 0, run.StandardError + run.StandardOutput);
        Assert.False(File.Exists(PathOf("run", "model.final.weights")));

        var decrypt = Run("artifact", "decrypt", "--in", PathOf("run", "model.final.weights.enc"), "--out", PathOf("final.weights"), "--key", PathOf("owner", "node.key"));
        Assert.True(decrypt.ExitCode == 0, decrypt.StandardError);

        var metrics = MetricsFile.Read(PathOf("run", MetricsFile.FileName));
        Assert.Equal(metrics.Run.FinalModelHash, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(PathOf("final.weights")))));
    }

    [Fact]
    public void A_scenario_whose_encrypt_to_file_is_missing_is_refused_with_its_location_before_running()
    {
        File.WriteAllText(PathOf("scenario.conf"), """
            scenario {
              data { set = synthetic }
              model = logreg
              federation { aggregation = mean }
              output { dir = "run", encrypt-to = "nobody/node.pub" }
            }
            """);

        var run = Run("run", "scenario.conf");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("scenario.conf:5:", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("scenario.output.encrypt-to", run.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(PathOf("run")));
    }
}
