using System.Text.RegularExpressions;
using FedActors.Crypto.Artifacts;
using FedActors.Federation.Scenarios;

namespace FedActors.Federation.Tests.Artifacts;

/// <summary>The scenario keys of protected artifacts, through <see cref="ScenarioLoader"/>: model.assembly / model.key and output.*.</summary>
public sealed partial class ArtifactSettingsReaderTests : IClassFixture<ArtifactFixture>
{
    private readonly ArtifactFixture _files;

    public ArtifactSettingsReaderTests(ArtifactFixture files) => _files = files;

    [GeneratedRegex(@"^[^\n:]+:\d+:\d+: scenario\.[^\n:]+: [^\n]+; valid: [^\n]+$")]
    private static partial Regex ErrorLine();

    /// <summary>Writes a scenario file into the fixture directory (so relative paths resolve there) and loads it.</summary>
    private Scenario Load(string model, string output = "", [System.Runtime.CompilerServices.CallerMemberName] string name = "")
    {
        var path = _files.PathOf($"{name}.conf");
        File.WriteAllText(path, $$"""
            scenario {
              name = protected
              data { set = synthetic }
              federation { aggregation = mean }
              model {{model}}
              output {
                dir = "{{_files.PathOf("run").Replace("\\", "/", StringComparison.Ordinal)}}"
                {{output}}
              }
            }
            """);
        return ScenarioLoader.Load(path).Base;
    }

    private ScenarioError Error(string path, string model, string output = "", [System.Runtime.CompilerServices.CallerMemberName] string name = "")
    {
        var error = Assert.Throws<ScenarioException>(() => Load(model, output, name));
        Assert.All(error.Message.Split('\n'), line => Assert.Matches(ErrorLine(), line));
        var found = Assert.Single(error.Errors, e => e.Path == path);
        Assert.Equal(_files.PathOf($"{name}.conf"), Path.GetFullPath(found.Origin.File));
        return found;
    }

    [Fact]
    public void An_assembly_and_a_key_file_resolve_against_the_scenario_file_directory()
    {
        var model = Load($$"""{ assembly = "{{ArtifactFixture.EncryptedModel}}", key = "file:{{ArtifactFixture.ModelKey}}" }""").Model;

        Assert.Equal(ModelSettings.AssemblyType, model.Type);
        Assert.Equal(_files.PathOf(ArtifactFixture.EncryptedModel), model.Assembly!.Path);
        Assert.Equal($"file:{_files.PathOf(ArtifactFixture.ModelKey)}", model.Assembly.KeySource);
        Assert.Equal((5, 5), (model.Assembly.PathOrigin.Line, model.Assembly.KeyOrigin.Line));
    }

    [Fact]
    public void An_environment_key_source_is_kept_as_written_and_not_read_when_loading()
    {
        var model = Load($$"""{ assembly = "{{ArtifactFixture.EncryptedModel}}", key = "env:FEDACTORS_TEST_UNSET_MODEL_KEY" }""").Model;
        Assert.Equal("env:FEDACTORS_TEST_UNSET_MODEL_KEY", model.Assembly!.KeySource);
    }

    [Fact]
    public void Named_models_have_no_assembly_and_plaintext_output_by_default()
    {
        var scenario = Load("{ type = logreg }");
        Assert.Null(scenario.Model.Assembly);
        Assert.Equal((null, null), (scenario.Output.EncryptTo, scenario.Output.ReplicaKey));
    }

    [Fact]
    public void A_missing_assembly_file_is_reported_with_its_resolved_path()
    {
        var error = Error("scenario.model.assembly", """{ assembly = "nowhere.dll.enc", key = "file:model-key.json" }""");
        Assert.Contains($"names {_files.PathOf("nowhere.dll.enc")}, which does not exist", error.Problem, StringComparison.Ordinal);
        Assert.Equal(5, error.Origin.Line);
    }

    [Fact]
    public void A_plaintext_assembly_is_not_an_encrypted_artifact()
    {
        File.Copy(ArtifactFixture.SampleDll, _files.PathOf("plain.dll"), overwrite: true);
        var error = Error("scenario.model.assembly", """{ assembly = "plain.dll", key = "file:model-key.json" }""");
        Assert.Contains("not an encrypted artifact", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_assembly_encrypted_to_a_public_key_is_refused_since_model_code_takes_a_symmetric_key()
    {
        ArtifactFile.EncryptFile(ArtifactFixture.SampleDll, _files.PathOf("to-owner.dll.enc"), ArtifactKey.ForRecipient(_files.Owner.PublicKey));
        var error = Error("scenario.model.assembly", """{ assembly = "to-owner.dll.enc", key = "file:model-key.json" }""");
        Assert.Contains("encrypted to a public key", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_assembly_without_a_key_is_refused()
    {
        var error = Error("scenario.model.assembly", $$"""{ assembly = "{{ArtifactFixture.EncryptedModel}}" }""");
        Assert.Equal("is set but model.key is empty", error.Problem);
    }

    [Fact]
    public void A_key_without_an_assembly_is_refused()
    {
        var error = Error("scenario.model.key", """{ type = logreg, key = "file:model-key.json" }""");
        Assert.Equal("is given without model.assembly", error.Problem);
    }

    [Fact]
    public void A_key_source_with_an_unknown_scheme_is_refused()
    {
        var error = Error("scenario.model.key", $$"""{ assembly = "{{ArtifactFixture.EncryptedModel}}", key = "vault:models/key" }""");
        Assert.Equal("is 'vault:models/key', not a key source", error.Problem);
        Assert.Contains("env:NAME", error.Valid, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_pasted_in_place_of_its_source_is_refused_without_repeating_it()
    {
        var pasted = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var error = Error("scenario.model.key", $$"""{ assembly = "{{ArtifactFixture.EncryptedModel}}", key = "{{pasted}}" }""");
        Assert.StartsWith("has no scheme, so it is not a key source", error.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain(pasted, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_key_file_is_reported_with_its_resolved_path()
    {
        var error = Error("scenario.model.key", $$"""{ assembly = "{{ArtifactFixture.EncryptedModel}}", key = "file:keys/none.json" }""");
        Assert.Contains(_files.PathOf("keys/none.json"), error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_type_beside_the_assembly_is_refused()
    {
        var error = Error("scenario.model.type", $$"""{ type = mlp, assembly = "{{ArtifactFixture.EncryptedModel}}", key = "file:model-key.json" }""");
        Assert.Contains("together with model.assembly", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Encrypt_to_and_replica_key_resolve_to_public_key_files()
    {
        var output = Load("{ type = logreg }", $$"""encrypt-to = "{{ArtifactFixture.OwnerPublicKey}}", encrypt-replicas = on, replica-key = "{{ArtifactFixture.NodePublicKey}}" """).Output;
        Assert.Equal((_files.PathOf(ArtifactFixture.OwnerPublicKey), _files.PathOf(ArtifactFixture.NodePublicKey)), (output.EncryptTo, output.ReplicaKey));
    }

    [Fact]
    public void Encrypt_to_a_missing_file_is_refused()
    {
        var error = Error("scenario.output.encrypt-to", "{ type = logreg }", """encrypt-to = "owner/missing.pub" """);
        Assert.Contains("missing.pub", error.Problem, StringComparison.Ordinal);
        Assert.Equal(8, error.Origin.Line);
    }

    [Fact]
    public void Encrypt_to_a_file_without_a_public_key_is_refused()
    {
        File.WriteAllText(_files.PathOf("not-a-key.pub"), "hello");
        var error = Error("scenario.output.encrypt-to", "{ type = logreg }", """encrypt-to = "not-a-key.pub" """);
        Assert.Contains("not-a-key.pub", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Encrypting_replicas_needs_a_replica_key()
    {
        var error = Error("scenario.output.encrypt-replicas", "{ type = logreg }", "encrypt-replicas = on");
        Assert.Contains("replica-key is empty", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_replica_key_without_encrypt_replicas_is_refused()
    {
        var error = Error("scenario.output.replica-key", "{ type = logreg }", $$"""replica-key = "{{ArtifactFixture.NodePublicKey}}" """);
        Assert.Contains("encrypt-replicas = off", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_journaled_scenario_text_names_the_resolved_files_so_it_loads_back_from_a_run_directory()
    {
        var scenario = Load(
            $$"""{ assembly = "{{ArtifactFixture.EncryptedModel}}", key = "file:{{ArtifactFixture.ModelKey}}" }""",
            $$"""encrypt-to = "{{ArtifactFixture.OwnerPublicKey}}", encrypt-replicas = on, replica-key = "{{ArtifactFixture.NodePublicKey}}" """);
        var runDirectory = Directory.CreateTempSubdirectory("fedactors-artifacts-run-").FullName;
        try
        {
            var journaled = Path.Combine(runDirectory, "scenario.conf");
            File.WriteAllText(journaled, scenario.Text);

            var again = ScenarioLoader.FromText(scenario.Text, journaled).Base;

            Assert.Equal(scenario.Model.Assembly! with { PathOrigin = again.Model.Assembly!.PathOrigin, KeyOrigin = again.Model.Assembly.KeyOrigin }, again.Model.Assembly);
            Assert.Equal(scenario.Output, again.Output);
        }
        finally
        {
            Directory.Delete(runDirectory, recursive: true);
        }
    }
}
