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

    private static readonly string SampleDll = Path.Combine(AppContext.BaseDirectory, "sample-model", "FedActors.Federation.Tests.SampleModel.dll");

    private string Scenario(string model, string output) => $$"""
        scenario {
          name = owned
          rounds = 2
          data { set = synthetic }
          model {{model}}
          federation { clients = 3, clients-per-round = 3, aggregation = mean }
          output { dir = "{{PathOf("run").Replace("\\", "/", StringComparison.Ordinal)}}", report = none, {{output}} }
        }
        """;

    private string Sha256Of(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public void A_final_model_encrypted_to_the_owner_decrypts_to_the_bytes_whose_sha256_is_the_final_model_hash()
    {
        Assert.Equal(0, Run("keys", "new", "--name", "owner", "--out", "owner").ExitCode);
        File.WriteAllText(PathOf("scenario.conf"), Scenario("= logreg", """encrypt-to = "owner/node.pub" """));

        var run = Run("run", "scenario.conf");
        Assert.True(run.ExitCode == 0, run.StandardError + run.StandardOutput);
        Assert.False(File.Exists(PathOf("run", "model.final.weights")));

        var decrypt = Run("artifact", "decrypt", "--in", PathOf("run", "model.final.weights.enc"), "--out", PathOf("final.weights"), "--key", PathOf("owner", "node.key"));
        Assert.True(decrypt.ExitCode == 0, decrypt.StandardError);

        var metrics = MetricsFile.Read(PathOf("run", MetricsFile.FileName));
        Assert.Equal(metrics.Run.FinalModelHash, Sha256Of(PathOf("final.weights")));
    }

    [Fact]
    public void Encrypted_model_code_with_a_key_from_the_environment_trains_and_only_the_owner_and_the_node_can_read_what_the_run_wrote()
    {
        // The user's flow: an artifact key in an environment variable, the model assembly encrypted with it, an owner
        // and a node identity (the node's key protected by a password), then one run that writes only ciphertext.
        const string KeyVariable = "FEDACTORS_TEST_RUN_MODEL_KEY";
        const string PasswordVariable = "FEDACTORS_TEST_RUN_NODE_PASSWORD";
        Environment.SetEnvironmentVariable(KeyVariable, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        Environment.SetEnvironmentVariable(PasswordVariable, "node password");
        Assert.Equal(0, Run("keys", "new", "--name", "owner", "--out", "owner").ExitCode);
        Assert.Equal(0, Run("keys", "new", "--name", "site-1", "--out", "site-1", "--password-env", PasswordVariable).ExitCode);
        var encrypt = Run("artifact", "encrypt", "--in", SampleDll, "--out", "my-model.dll.enc", "--key-source", $"env:{KeyVariable}");
        Assert.True(encrypt.ExitCode == 0, encrypt.StandardError);
        File.WriteAllText(PathOf("scenario.conf"), Scenario(
            $$"""{ assembly = "my-model.dll.enc", key = "env:{{KeyVariable}}" }""",
            """encrypt-to = "owner/node.pub", encrypt-replicas = on, replica-key = "site-1/node.pub" """));

        var run = Run("run", "scenario.conf");
        Assert.True(run.ExitCode == 0, run.StandardError + run.StandardOutput);

        var written = Directory.GetFiles(PathOf("run"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(PathOf("run"), f).Replace('\\', '/')).Order(StringComparer.Ordinal);
        Assert.Equal(
            ["checkpoints/round-1.weights.enc", "checkpoints/round-2.weights.enc", "journal.db", "metrics.json", "model.final.weights.enc", "replicas/node.weights.enc", "run-id", "scenario.conf"],
            written);
        var finalModelHash = MetricsFile.Read(PathOf("run", MetricsFile.FileName)).Run.FinalModelHash;

        var owner = Run("artifact", "decrypt", "--in", PathOf("run", "model.final.weights.enc"), "--out", PathOf("final.weights"), "--key", PathOf("owner", "node.key"));
        Assert.True(owner.ExitCode == 0, owner.StandardError);
        Assert.Equal(finalModelHash, Sha256Of(PathOf("final.weights")));
        // The sample's layers on the synthetic data: dense 60→16 and 16→10, with biases.
        Assert.Equal(4 * ((16 * 61) + (10 * 17)), new FileInfo(PathOf("final.weights")).Length);

        var node = Run("artifact", "decrypt", "--in", PathOf("run", "replicas", "node.weights.enc"), "--out", PathOf("replica.weights"), "--key", PathOf("site-1", "node.key"), "--key-password-env", PasswordVariable);
        Assert.True(node.ExitCode == 0, node.StandardError);
        Assert.Equal(finalModelHash, Sha256Of(PathOf("replica.weights")));

        var notTheNode = Run("artifact", "decrypt", "--in", PathOf("run", "replicas", "node.weights.enc"), "--out", PathOf("stolen.weights"), "--key", PathOf("owner", "node.key"));
        Assert.Equal(1, notTheNode.ExitCode);
        Assert.StartsWith($"{PathOf("run", "replicas", "node.weights.enc")}: wrong key", notTheNode.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(PathOf("stolen.weights")));

        // Neither the model nor its code is in any file of the run: no 32-byte window of either (padding-like windows of
        // fewer than 8 distinct bytes identify nothing and are skipped).
        var model = File.ReadAllBytes(PathOf("final.weights"));
        var code = File.ReadAllBytes(SampleDll);
        foreach (var file in Directory.GetFiles(PathOf("run"), "*", SearchOption.AllDirectories))
        {
            var content = File.ReadAllBytes(file);
            foreach (var (name, secret) in new[] { ("the final model", model), ("the model assembly", code) })
            {
                for (var start = 0; start + 32 <= secret.Length; start += 16)
                {
                    var window = secret.AsSpan(start, 32);
                    var identifying = window.ToArray().Distinct().Count() >= 8;
                    Assert.False(identifying && content.AsSpan().IndexOf(window) >= 0, $"{file} holds bytes {start}..{start + 32} of {name}");
                }
            }
        }
    }

    [Fact]
    public void A_wrong_model_key_in_the_environment_is_refused_at_scenario_model_key_before_any_round()
    {
        const string Variable = "FEDACTORS_TEST_RUN_WRONG_MODEL_KEY";
        Assert.Equal(0, Run("artifact", "keygen", "--out", "model-key.json").ExitCode);
        Assert.Equal(0, Run("artifact", "encrypt", "--in", SampleDll, "--out", "my-model.dll.enc", "--key-source", "file:model-key.json").ExitCode);
        Environment.SetEnvironmentVariable(Variable, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        File.WriteAllText(PathOf("scenario.conf"), Scenario($$"""{ assembly = "my-model.dll.enc", key = "env:{{Variable}}" }""", string.Empty));

        var run = Run("run", "scenario.conf");
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"{PathOf("scenario.conf")}:5:", run.StandardError, StringComparison.Ordinal);
        Assert.Contains($"scenario.model.key: is the wrong key for {PathOf("my-model.dll.enc")}", run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(Environment.GetEnvironmentVariable(Variable)!, run.StandardError + run.StandardOutput, StringComparison.Ordinal);
        Assert.False(File.Exists(PathOf("run", "journal.db")));
        Assert.False(File.Exists(PathOf("run", MetricsFile.FileName)));
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
