using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using FedActors.Configuration;
using FedActors.Crypto.Artifacts;
using FedActors.Crypto.Envelope;
using FedActors.Federation.Scenarios;
using FedActors.Federation.Simulation;
using FedActors.Learning.Models;
using FedActors.Learning.Tensors;

namespace FedActors.Federation.Tests.Artifacts;

public sealed class ModelCodeTests : IClassFixture<ArtifactFixture>
{
    private static readonly ConfigOrigin AssemblyOrigin = new("scenario.conf", 7, 15);
    private static readonly ConfigOrigin KeyOrigin = new("scenario.conf", 8, 9);
    private static readonly TensorShape Features = new(60);

    private readonly ArtifactFixture _files;

    public ModelCodeTests(ArtifactFixture files) => _files = files;

    private ModelAssemblySettings Settings(string assembly = ArtifactFixture.EncryptedModel, string key = ArtifactFixture.ModelKey) =>
        new(_files.PathOf(assembly), key.Contains(':', StringComparison.Ordinal) ? key : $"file:{_files.PathOf(key)}", AssemblyOrigin, KeyOrigin);

    [Fact]
    public void The_encrypted_sample_defines_the_same_layers_as_the_equivalent_mlp()
    {
        using var code = ModelCode.Load(Settings());
        var spec = code.Define(Features, 10);

        Assert.Equal("FedActors.Federation.Tests.SampleModel.SmallDenseNetwork", code.DefinitionType);
        Assert.Equal(ModelSpec.Mlp(Features, 10, [16]).Layers, spec.Layers);
        Assert.Equal(ModelSpec.Mlp(Features, 10, [16]).InitializeParameters(5), spec.InitializeParameters(5));
        Assert.DoesNotContain(AssemblyLoadContext.Default.Assemblies, a => a.GetName().Name == "FedActors.Federation.Tests.SampleModel");
    }

    [Fact]
    public void The_key_may_come_from_an_environment_variable_through_a_secret_provider()
    {
        using var key = KeySource.Read($"file:{_files.PathOf(ArtifactFixture.ModelKey)}");
        var base64 = Convert.ToBase64String(key.Export());
        var environment = new EnvironmentSecretProvider(name => name == "MODEL_KEY" ? base64 : null);

        using var code = ModelCode.Load(Settings(key: "env:MODEL_KEY"), [environment]);
        Assert.Equal(16 * 61 + (10 * 17), code.Define(Features, 10).ParameterCount);
    }

    [Fact]
    public void A_wrong_key_is_reported_at_model_key_naming_the_assembly_file_and_both_key_ids()
    {
        var error = Assert.Throws<ScenarioException>(() => ModelCode.Load(Settings(key: ArtifactFixture.WrongKey)));
        var line = Assert.Single(error.Errors);
        Assert.Equal((KeyOrigin, "scenario.model.key"), (line.Origin, line.Path));
        Assert.StartsWith("scenario.conf:8:9: scenario.model.key: is the wrong key for " + _files.PathOf(ArtifactFixture.EncryptedModel), error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Message.Split("sha256:").Length - 1);
    }

    [Fact]
    public void A_key_that_cannot_be_read_is_reported_at_model_key()
    {
        var error = Assert.Throws<ScenarioException>(() => ModelCode.Load(Settings(key: "env:FEDACTORS_TEST_NO_SUCH_VARIABLE")));
        Assert.StartsWith("scenario.conf:8:9: scenario.model.key: cannot read the key of ", error.Message, StringComparison.Ordinal);
        Assert.Contains("FEDACTORS_TEST_NO_SUCH_VARIABLE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tampered_assembly_is_reported_at_model_assembly()
    {
        var bytes = File.ReadAllBytes(_files.PathOf(ArtifactFixture.EncryptedModel));
        bytes[^40] ^= 1;
        File.WriteAllBytes(_files.PathOf("tampered.dll.enc"), bytes);

        var error = Assert.Throws<ScenarioException>(() => ModelCode.Load(Settings(assembly: "tampered.dll.enc")));
        Assert.StartsWith("scenario.conf:7:15: scenario.model.assembly: cannot be loaded: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("failed authentication", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_assembly_without_a_model_definition_is_refused_listing_its_public_types()
    {
        using (var key = KeySource.Read($"file:{_files.PathOf(ArtifactFixture.ModelKey)}"))
        {
            var other = Path.Combine(AppContext.BaseDirectory, "FedActors.Configuration.dll");
            ArtifactFile.EncryptFile(other, _files.PathOf("configuration.dll.enc"), ArtifactKey.FromSymmetricKey(key));
        }

        var error = Assert.Throws<ScenarioException>(() => ModelCode.Load(Settings(assembly: "configuration.dll.enc")));
        Assert.Equal("scenario.model.assembly", Assert.Single(error.Errors).Path);
        Assert.Contains("holds no public class implementing FedActors.Learning.Models.IModelDefinition", error.Message, StringComparison.Ordinal);
        Assert.Contains("FedActors.Configuration.Config", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_definition_that_does_not_fit_the_data_is_reported_at_model_assembly()
    {
        using var code = ModelCode.Load(Settings());
        var error = Assert.Throws<ScenarioException>(() => code.Define(Features, 1));
        Assert.StartsWith("scenario.conf:7:15: scenario.model.assembly: FedActors.Federation.Tests.SampleModel.SmallDenseNetwork.Define(", error.Message, StringComparison.Ordinal);
        Assert.Contains("at least 2 classes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Disposing_unloads_the_assembly_and_its_load_context_is_collected()
    {
        File.Copy(_files.PathOf(ArtifactFixture.EncryptedModel), _files.PathOf("unload-check.dll.enc"), overwrite: true);
        var context = LoadDefineAndDispose(Settings(assembly: "unload-check.dll.enc"));

        for (var i = 0; i < 20 && context.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.False(context.IsAlive, "the model assembly's load context was not collected after the run disposed it");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference LoadDefineAndDispose(ModelAssemblySettings settings)
    {
        var code = ModelCode.Load(settings);
        code.Define(Features, 10);
        var context = AssemblyLoadContext.All.Single(c => c.Name == "encrypted:unload-check.dll.enc");
        code.Dispose();
        Assert.Throws<ObjectDisposedException>(() => code.Define(Features, 10));
        return new WeakReference(context);
    }
}
