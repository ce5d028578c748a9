using System.Security.Cryptography;
using FedActors.Configuration;
using FedActors.Crypto.Artifacts;
using FedActors.Federation.Journal;
using FedActors.Federation.Metrics;
using FedActors.Federation.Scenarios;
using FedActors.Federation.Simulation;
using FedActors.Learning;

namespace FedActors.Federation.Tests.Artifacts;

/// <summary>Runs with encrypted model code and encrypted model output, end to end through <see cref="ScenarioRunner"/>.</summary>
public sealed class ScenarioRunnerArtifactTests : IClassFixture<ArtifactFixture>, IDisposable
{
    private readonly ArtifactFixture _files;
    private readonly string _run = Path.Combine(Path.GetTempPath(), $"fedactors-artifact-run-{Guid.NewGuid():N}");

    public ScenarioRunnerArtifactTests(ArtifactFixture files) => _files = files;

    public void Dispose()
    {
        if (Directory.Exists(_run))
        {
            Directory.Delete(_run, recursive: true);
        }
    }

    private const string EncryptedModel = $$"""{ assembly = "{{ArtifactFixture.EncryptedModel}}", key = "file:{{ArtifactFixture.ModelKey}}" }""";

    private Scenario Scenario(string model, string output = "", [System.Runtime.CompilerServices.CallerMemberName] string name = "")
    {
        var path = _files.PathOf($"{name}-{Guid.NewGuid():N}.conf");
        File.WriteAllText(path, $$"""
            scenario {
              name = protected
              seed = 11
              rounds = 2
              data { set = synthetic }
              model {{model}}
              training { local-epochs = 1, batch-size = 10, learning-rate = 0.05 }
              federation { clients = 3, clients-per-round = 3, min-contributions = 2, aggregation = mean, round-timeout = 60s }
              output {
                dir = "{{_run.Replace("\\", "/", StringComparison.Ordinal)}}"
                report = none
                {{output}}
              }
            }
            """);
        return ScenarioLoader.Load(path).Base;
    }

    private static ScenarioRunner Runner() => new(ConfigFactory.Reference, new LearningSettings(trainerWorkers: 1), TimeProvider.System);

    [Fact]
    public async Task A_model_from_the_encrypted_assembly_trains_to_the_final_hash_of_the_same_layers_declared_in_the_scenario()
    {
        var fromAssembly = await Runner().RunAsync(Scenario(EncryptedModel), variant: null);
        var finalBytes = await File.ReadAllBytesAsync(Path.Combine(_run, ModelCheckpoints.FinalModelFile));
        var declared = await Runner().RunAsync(
            Scenario("{ type = layers, layers = [{ type = flatten }, { type = dense, units = 16 }, { type = relu }, { type = dense, units = 10 }] }"),
            variant: null);

        Assert.All(fromAssembly.Rounds, r => Assert.Equal(RoundStatus.Completed, r.Status));
        Assert.Equal(declared.Run.FinalModelHash, fromAssembly.Run.FinalModelHash);
        Assert.Equal(fromAssembly.Run.FinalModelHash, Convert.ToHexStringLower(SHA256.HashData(finalBytes)));
        Assert.Equal(4 * ((16 * 61) + (10 * 17)), finalBytes.Length);
    }

    [Fact]
    public async Task With_encrypt_to_and_encrypted_code_no_plaintext_model_or_code_is_left_in_the_run_directory_or_the_temp_directory()
    {
        var started = DateTime.UtcNow.AddSeconds(-2);
        var metrics = await Runner().RunAsync(
            Scenario(EncryptedModel, $$"""encrypt-to = "{{ArtifactFixture.OwnerPublicKey}}", encrypt-replicas = on, replica-key = "{{ArtifactFixture.NodePublicKey}}" """),
            variant: null);

        var models = Directory.GetFiles(_run, "*.weights*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_run, f)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["checkpoints/round-1.weights.enc", "checkpoints/round-2.weights.enc", "model.final.weights.enc", "replicas/node.weights.enc"], models);

        // The owner decrypts the final model to the bytes whose SHA-256 the run reports; the node decrypts its replica.
        var owner = ArtifactKey.FromKeyPair(_files.Owner);
        var finalBytes = ArtifactFile.ReadAllBytes(Path.Combine(_run, "model.final.weights.enc"), owner);
        Assert.Equal(metrics.Run.FinalModelHash, Convert.ToHexStringLower(SHA256.HashData(finalBytes)));
        Assert.Equal(finalBytes, ArtifactFile.ReadAllBytes(Path.Combine(_run, "replicas/node.weights.enc"), ArtifactKey.FromKeyPair(_files.Node)));
        Assert.Equal(finalBytes, ArtifactFile.ReadAllBytes(Path.Combine(_run, "checkpoints/round-2.weights.enc"), owner));
        var firstRound = ArtifactFile.ReadAllBytes(Path.Combine(_run, "checkpoints/round-1.weights.enc"), owner);

        // Every window in the run directory; in the shared temp directory, where other processes write assemblies
        // too, only the windows of the sample that are not boilerplate every assembly shares.
        var scanner = new PlaintextScanner();
        var temporaryScanner = new PlaintextScanner();
        foreach (var (name, bytes) in new[] { ("the final model", finalBytes), ("the round-1 model", firstRound) })
        {
            scanner.Add(name, bytes);
            temporaryScanner.Add(name, bytes);
        }

        scanner.Add("the model assembly", _files.AssemblyBytes);
        temporaryScanner.Add("the model assembly", _files.AssemblyBytes, Boilerplate());
        Assert.True(temporaryScanner.WindowCount > 8000, $"only {temporaryScanner.WindowCount} windows to search for");
        var inRun = scanner.Scan(Directory.EnumerateFiles(_run, "*", SearchOption.AllDirectories));
        Assert.True(inRun.Count == 0, string.Join('\n', inRun.Take(10)));
        var inTemp = temporaryScanner.Scan(FilesWrittenSince(Path.GetTempPath(), started));
        Assert.True(inTemp.Count == 0, string.Join('\n', inTemp.Take(10)));

        // The scan can fail: it finds the plaintext where it is.
        Assert.NotEmpty(scanner.Scan([ArtifactFixture.SampleDll]));
        await File.WriteAllBytesAsync(Path.Combine(_run, "leak.bin"), [1, 2, .. finalBytes.AsSpan(100, 70)]);
        Assert.Contains(scanner.Scan([Path.Combine(_run, "leak.bin")]), hit => hit.Contains("the final model", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wrong_model_key_fails_before_the_run_directory_exists_naming_the_scenario_key_and_the_assembly_file()
    {
        var scenario = Scenario($$"""{ assembly = "{{ArtifactFixture.EncryptedModel}}", key = "file:{{ArtifactFixture.WrongKey}}" }""");
        var rounds = new List<RoundMetrics>();

        var error = await Assert.ThrowsAsync<ScenarioException>(() => Runner().RunAsync(scenario, variant: null, rounds.Add));

        Assert.Matches(@"^\S+\.conf:6:\d+: scenario\.model\.key: is the wrong key for ", error.Message);
        Assert.Contains(_files.PathOf(ArtifactFixture.EncryptedModel), error.Message, StringComparison.Ordinal);
        Assert.Empty(rounds);
        Assert.False(Directory.Exists(_run), "a run directory was left although the model code could not be decrypted");
    }

    [Fact]
    public async Task A_killed_run_with_encrypted_checkpoints_resumes_only_with_the_owner_key_and_ends_with_the_uninterrupted_model()
    {
        const string output = $$"""encrypt-to = "{{ArtifactFixture.OwnerPublicKey}}" """;
        var reference = await Runner().RunAsync(Scenario("{ type = mlp, hidden = [16] }", output), variant: null);
        Directory.Delete(_run, recursive: true);
        using var stop = new CancellationTokenSource();
        var killer = new ScenarioRunner(ConfigFactory.Reference, new LearningSettings(trainerWorkers: 1), TimeProvider.System)
        {
            AfterCoordinatorEvent = e =>
            {
                if (e is ContributionAccepted { Round: 2 })
                {
                    stop.Cancel();
                }
            },
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => killer.RunAsync(Scenario(EncryptedModel, output), variant: null, cancellationToken: stop.Token));
        Assert.True(File.Exists(Path.Combine(_run, "checkpoints", "round-1.weights.enc")));

        var keyless = await Assert.ThrowsAsync<ResumeException>(() => Runner().ResumeAsync(_run));
        Assert.Contains("encrypted to the model owner", keyless.Message, StringComparison.Ordinal);
        var owner = new ScenarioRunner(ConfigFactory.Reference, new LearningSettings(trainerWorkers: 1), TimeProvider.System) { OwnerKey = ArtifactKey.FromKeyPair(_files.Owner) };
        var resumed = await owner.ResumeAsync(_run);

        Assert.Equal(reference.Run.FinalModelHash, resumed.Run.FinalModelHash);
    }

    [Fact]
    public async Task A_run_with_encrypted_checkpoints_forks_without_decrypting_them_and_the_fork_resumes_with_the_owner_key()
    {
        const string output = $$"""encrypt-to = "{{ArtifactFixture.OwnerPublicKey}}" """;
        var original = await Runner().RunAsync(Scenario("{ type = mlp, hidden = [16] }", output), variant: null);

        var fork = await RunFork.CreateAsync(_run, 2, ["training.learning-rate=0.01"], ConfigFactory.Reference.GetConfig("fedactors.persistence"), TimeProvider.System);
        Assert.True(File.Exists(Path.Combine(fork, ModelCheckpoints.FolderName, "round-1.weights.enc")));
        Assert.False(File.Exists(Path.Combine(fork, ModelCheckpoints.FolderName, "round-1.weights")), "the fork wrote a plaintext checkpoint");
        var owner = new ScenarioRunner(ConfigFactory.Reference, new LearningSettings(trainerWorkers: 1), TimeProvider.System) { OwnerKey = ArtifactKey.FromKeyPair(_files.Owner) };
        var forked = await owner.ResumeAsync(fork);

        Assert.Equal(original.Rounds[0].ModelHash, forked.Rounds[0].ModelHash);
        Assert.NotEqual(original.Rounds[1].ModelHash, forked.Rounds[1].ModelHash);
        Directory.Delete(fork, recursive: true);
    }

    /// <summary>Bytes every .NET assembly shares with the sample (headers, common metadata), which other processes' files in the temp directory may hold too.</summary>
    private static IEnumerable<byte[]> Boilerplate() =>
        new[] { "FedActors.Learning.dll", "FedActors.Federation.dll", "FedActors.Federation.Tests.dll", "FedActors.Configuration.dll" }
            .Select(name => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, name)));

    private static IEnumerable<string> FilesWrittenSince(string directory, DateTime since) =>
        new DirectoryInfo(directory)
            .EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint })
            // Pipes and sockets report length 0 (reading a pipe would block): only regular files can hold a window.
            .Where(f => f.LastWriteTimeUtc >= since && f.Length is >= PlaintextScanner.Window and < (64 << 20))
            .Select(f => f.FullName);
}
