using System.Security.Cryptography;
using FedActors.Crypto.Artifacts;
using FedActors.Crypto.Envelope;
using FedActors.Crypto.Tests.Envelope;
using Xunit;

namespace FedActors.Crypto.Tests.Artifacts;

public sealed class KeySourceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fedactors-keys-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string WriteJson(string name, string json)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void A_key_file_written_by_the_provider_reads_back_as_the_same_key()
    {
        using var key = SymmetricKey.Generate();
        var path = Path.Combine(_directory, "model-key.json");
        FileSecretProvider.WriteKeyFile(path, key);
        using var read = KeySource.Read($"file:{path}");
        Assert.Equal(key.Id, read.Id);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
        Assert.Throws<ArtifactException>(() => FileSecretProvider.WriteKeyFile(path, key));
    }

    [Fact]
    public void An_environment_variable_holding_base64_is_a_key_source()
    {
        using var key = SymmetricKey.Generate();
        var base64 = Convert.ToBase64String(key.Export());
        var providers = new ISecretProvider[] { new FileSecretProvider(), new EnvironmentSecretProvider(name => name == "MODEL_KEY" ? base64 : null) };
        using var read = KeySource.Read("env:MODEL_KEY", providers);
        Assert.Equal(key.Id, read.Id);
        Assert.Contains("'OTHER' is not set", Assert.Throws<ArtifactException>(() => KeySource.Read("env:OTHER", providers)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_custom_provider_is_selected_by_its_scheme()
    {
        using var key = SymmetricKey.Generate();
        var vault = new FixedProvider("vault", key.Export());
        using var read = KeySource.Read("vault:secret/model", [vault]);
        Assert.Equal(key.Id, read.Id);
        Assert.Equal("secret/model", vault.LastLocation);
    }

    [Theory]
    [InlineData("model.json", "the key source has no scheme")]
    [InlineData("ftp:x", "key source 'ftp:x' has the unknown scheme 'ftp'; known schemes: file, env")]
    [InlineData("file:", "key source 'file:' has no location; a key source is SCHEME:LOCATION")]
    public void Malformed_sources_are_refused_with_the_expected_form(string source, string expected)
    {
        var message = Assert.Throws<ArtifactException>(() => KeySource.Read(source)).Message;
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_pasted_in_place_of_its_source_is_not_repeated_in_the_error()
    {
        var pasted = Convert.ToBase64String(RandomNumberGenerator.GetBytes(SymmetricKey.Size));
        var message = Assert.Throws<ArtifactException>(() => KeySource.Read(pasted)).Message;
        Assert.StartsWith("the key source has no scheme (the value is not repeated here", message, StringComparison.Ordinal);
        Assert.DoesNotContain(pasted, message, StringComparison.Ordinal);
        Assert.DoesNotContain(pasted[..8], message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]", "not a JSON object")]
    [InlineData("{}", "no \"key\" property")]
    [InlineData("{\"key\": 5}", "not a base64 string")]
    [InlineData("{\"key\": \"AAAA\"}", "decodes to 3 bytes")]
    [InlineData("{\"kee\": \"AAAA\"}", "unknown property 'kee'")]
    [InlineData("{\"key\": \"AAAA\"", "not valid JSON")]
    public void Invalid_key_files_are_refused_naming_the_file_and_the_problem(string json, string expected)
    {
        var path = WriteJson("bad.json", json);
        var message = Assert.Throws<ArtifactException>(() => KeySource.Read($"file:{path}")).Message;
        Assert.Contains(path, message, StringComparison.Ordinal);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_key_file_is_named()
    {
        var message = Assert.Throws<ArtifactException>(() => KeySource.Read("file:/nonexistent/key.json")).Message;
        Assert.Contains("key file '/nonexistent/key.json' does not exist", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mutated_key_files_load_or_fail_with_an_artifact_exception()
    {
        var path = Path.Combine(_directory, "key.json");
        using (var key = SymmetricKey.Generate())
        {
            FileSecretProvider.WriteKeyFile(path, key);
        }
        var valid = File.ReadAllBytes(path);
        var random = new Random(12);
        var provider = new FileSecretProvider();
        for (var round = 0; round < 500; round++)
        {
            File.WriteAllBytes(path, SealedBoxTests.Mutate(valid, random));
            try
            {
                provider.ReadKey(path).Dispose();
            }
            catch (ArtifactException e)
            {
                Assert.Contains(path, e.Message, StringComparison.Ordinal);
            }
        }
    }

    private sealed class FixedProvider(string scheme, byte[] key) : ISecretProvider
    {
        public string Scheme => scheme;

        public string? LastLocation { get; private set; }

        public SymmetricKey ReadKey(string location)
        {
            LastLocation = location;
            return SymmetricKey.FromBytes(key);
        }
    }
}
