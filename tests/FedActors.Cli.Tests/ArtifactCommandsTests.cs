using System.Security.Cryptography;
using Xunit;

namespace FedActors.Cli.Tests;

public sealed class ArtifactCommandsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fedactors-cli-artifact-").FullName;

    public ArtifactCommandsTests()
    {
        Directory.CreateDirectory(PathOf("plain"));
        Directory.CreateDirectory(PathOf("encrypted"));
        Directory.CreateDirectory(PathOf("decrypted"));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathOf(params string[] parts) => Path.Combine([_directory, .. parts]);

    private CliRunner.Result Run(params string[] args) => CliRunner.RunIn(_directory, args);

    private byte[] WritePlaintext(string name, int length)
    {
        var bytes = RandomNumberGenerator.GetBytes(length);
        File.WriteAllBytes(PathOf("plain", name), bytes);
        return bytes;
    }

    /// <summary>Fails if any file under <paramref name="directory"/> contains any 32-byte window of <paramref name="plaintext"/> at 1 KiB steps.</summary>
    private static void AssertNoPlaintextUnder(string directory, byte[] plaintext)
    {
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            var content = File.ReadAllBytes(file);
            for (var start = 0; start + 32 <= plaintext.Length; start += 1024)
            {
                Assert.True(content.AsSpan().IndexOf(plaintext.AsSpan(start, 32)) < 0, $"{file} contains plaintext from offset {start}");
            }
        }
    }

    [Fact]
    public void A_file_encrypted_to_a_certificate_decrypts_with_the_private_key_and_leaks_nothing()
    {
        Assert.Equal(0, Run("keys", "new", "--name", "owner", "--out", "owner").ExitCode);
        var plaintext = WritePlaintext("model.bin", 200_000);

        var result = Run("artifact", "encrypt", "--in", PathOf("plain", "model.bin"), "--out", PathOf("encrypted", "model.enc"), "--to", PathOf("owner", "node.crt"), "--chunk-size", "4096");
        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal(["model.enc"], Directory.GetFiles(PathOf("encrypted")).Select(Path.GetFileName));
        AssertNoPlaintextUnder(PathOf("encrypted"), plaintext);

        result = Run("artifact", "inspect", PathOf("encrypted", "model.enc"));
        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Contains("key mode:      public key", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("chunk size:    4096 bytes", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("plaintext:     200000 bytes in 49 chunks", result.StandardOutput, StringComparison.Ordinal);

        result = Run("artifact", "decrypt", "--in", PathOf("encrypted", "model.enc"), "--out", PathOf("decrypted", "model.bin"), "--key", PathOf("owner", "node.key"));
        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal(plaintext, File.ReadAllBytes(PathOf("decrypted", "model.bin")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PathOf("decrypted", "model.bin")));
        }
    }

    [Fact]
    public void A_tampered_or_truncated_artifact_is_rejected_with_where_and_leaves_no_output()
    {
        Assert.Equal(0, Run("artifact", "keygen", "--out", "model-key.json").ExitCode);
        WritePlaintext("data.bin", 100_000);
        Assert.Equal(0, Run("artifact", "encrypt", "--in", PathOf("plain", "data.bin"), "--out", PathOf("encrypted", "data.enc"), "--key-source", "file:model-key.json", "--chunk-size", "4096").ExitCode);
        var artifact = File.ReadAllBytes(PathOf("encrypted", "data.enc"));

        var flipped = (byte[])artifact.Clone();
        const int Position = 106 + (17 * 4112) + 100;
        flipped[Position] ^= 0x20;
        File.WriteAllBytes(PathOf("encrypted", "flipped.enc"), flipped);
        var result = Run("artifact", "decrypt", "--in", PathOf("encrypted", "flipped.enc"), "--out", PathOf("decrypted", "data.bin"), "--key-source", "file:model-key.json");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"flipped.enc: chunk 17 at byte offset {106 + (17 * 4112)} failed authentication", result.StandardError, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(PathOf("decrypted")));

        File.WriteAllBytes(PathOf("encrypted", "short.enc"), artifact[..(106 + (3 * 4112))]);
        result = Run("artifact", "decrypt", "--in", PathOf("encrypted", "short.enc"), "--out", PathOf("decrypted", "data.bin"), "--key-source", "file:model-key.json");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("ends after chunk 2", result.StandardError, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(PathOf("decrypted")));

        result = Run("artifact", "inspect", PathOf("encrypted", "short.enc"));
        Assert.Contains("truncated or extended", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_from_an_environment_variable_encrypts_and_the_wrong_key_is_named()
    {
        const string Variable = "FEDACTORS_TEST_ARTIFACT_KEY";
        Environment.SetEnvironmentVariable(Variable, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        var plaintext = WritePlaintext("weights.bin", 5000);
        Assert.Equal(0, Run("artifact", "encrypt", "--in", PathOf("plain", "weights.bin"), "--out", PathOf("encrypted", "weights.enc"), "--key-source", $"env:{Variable}").ExitCode);
        AssertNoPlaintextUnder(PathOf("encrypted"), plaintext);
        Assert.Equal(0, Run("artifact", "decrypt", "--in", PathOf("encrypted", "weights.enc"), "--out", PathOf("decrypted", "weights.bin"), "--key-source", $"env:{Variable}").ExitCode);
        Assert.Equal(plaintext, File.ReadAllBytes(PathOf("decrypted", "weights.bin")));

        Assert.Equal(0, Run("artifact", "keygen", "--out", "other.json").ExitCode);
        var result = Run("artifact", "decrypt", "--in", PathOf("encrypted", "weights.enc"), "--out", PathOf("decrypted", "again.bin"), "--key-source", "file:other.json");
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"{PathOf("encrypted", "weights.enc")}: wrong key: the artifact is encrypted to key sha256:", result.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(PathOf("decrypted", "again.bin")));

        result = Run("artifact", "decrypt", "--in", PathOf("encrypted", "weights.enc"), "--out", PathOf("decrypted", "again.bin"), "--key-source", "env:FEDACTORS_TEST_UNSET_VARIABLE");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("environment variable 'FEDACTORS_TEST_UNSET_VARIABLE' is not set", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_file_from_keygen_is_owner_only_never_overwritten_and_decrypts_what_it_encrypted()
    {
        var result = Run("artifact", "keygen", "--out", "model-key.json");
        Assert.True(result.ExitCode == 0, result.StandardError);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PathOf("model-key.json")));
        }
        var key = File.ReadAllText(PathOf("model-key.json"));
        Assert.Matches("^\\{\"key\": \"[A-Za-z0-9+/]{43}=\"\\}$", key.Trim());
        Assert.DoesNotContain(key.Trim()[9..^2], result.StandardOutput, StringComparison.Ordinal);

        result = Run("artifact", "keygen", "--out", "model-key.json");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"key file '{PathOf("model-key.json")}' cannot be written (it must not exist yet)", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(key, File.ReadAllText(PathOf("model-key.json")));

        var plaintext = WritePlaintext("data.bin", 70_000);
        Assert.Equal(0, Run("artifact", "encrypt", "--in", PathOf("plain", "data.bin"), "--out", PathOf("encrypted", "data.enc"), "--key-source", "file:model-key.json").ExitCode);
        AssertNoPlaintextUnder(PathOf("encrypted"), plaintext);
        result = Run("artifact", "inspect", PathOf("encrypted", "data.enc"));
        Assert.Contains("key mode:      symmetric key", result.StandardOutput, StringComparison.Ordinal);
        result = Run("artifact", "decrypt", "--in", PathOf("encrypted", "data.enc"), "--out", PathOf("decrypted", "data.bin"), "--key-source", "file:model-key.json");
        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal(plaintext, File.ReadAllBytes(PathOf("decrypted", "data.bin")));

        result = Run("artifact", "decrypt", "--in", PathOf("encrypted", "data.enc"), "--out", PathOf("decrypted", "other.bin"), "--key-source", "file:model-key.json", "--key-password-env", "SOME_VARIABLE");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--key-password-env goes with --key", result.StandardError, StringComparison.Ordinal);

        // A private key cannot open a symmetric-key artifact: the error says which kind of key to use.
        Assert.Equal(0, Run("keys", "new", "--name", "owner", "--out", "owner").ExitCode);
        result = Run("artifact", "decrypt", "--in", PathOf("encrypted", "data.enc"), "--out", PathOf("decrypted", "other.bin"), "--key", PathOf("owner", "node.key"));
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"{PathOf("encrypted", "data.enc")}: the artifact is encrypted with symmetric key sha256:", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("decrypt it with that key from a key source, not a private key", result.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(PathOf("decrypted", "other.bin")));
    }
}
