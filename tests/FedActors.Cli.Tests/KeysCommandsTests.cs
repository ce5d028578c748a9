using System.Security.Cryptography.X509Certificates;
using Xunit;

namespace FedActors.Cli.Tests;

public sealed class KeysCommandsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fedactors-cli-keys-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathOf(params string[] parts) => Path.Combine([_directory, .. parts]);

    private CliRunner.Result Run(params string[] args) => CliRunner.RunIn(_directory, args);

    private static void AssertOwnerOnly(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    private static void AssertChains(string certificatePath, string caPath)
    {
        using var certificate = X509CertificateLoader.LoadCertificateFromFile(certificatePath);
        using var ca = X509CertificateLoader.LoadCertificateFromFile(caPath);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(certificate), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        Assert.Contains(certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>(), o => o.Value == "1.3.6.1.5.5.7.3.2");
    }

    [Fact]
    public void The_provisioning_flow_issues_ca_signed_kits_and_a_roster()
    {
        var result = Run("keys", "ca", "new", "--name", "fed-ca", "--out", "ca");
        Assert.True(result.ExitCode == 0, result.StandardError);
        AssertOwnerOnly(PathOf("ca", "ca.key"));

        // Direct issue: the CA operator makes the whole startup kit.
        result = Run("keys", "new", "--name", "site-1", "--out", "site-1", "--ca", "ca");
        Assert.True(result.ExitCode == 0, result.StandardError);
        AssertOwnerOnly(PathOf("site-1", "node.key"));
        Assert.True(File.Exists(PathOf("site-1", "node.pub")));
        Assert.Equal(File.ReadAllText(PathOf("ca", "ca.crt")), File.ReadAllText(PathOf("site-1", "ca.crt")));
        AssertChains(PathOf("site-1", "node.crt"), PathOf("ca", "ca.crt"));

        // Request flow: the node keeps its key and sends only a signing request.
        result = Run("keys", "new", "--name", "site-2", "--out", "site-2");
        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Contains("self-signed certificate", result.StandardOutput, StringComparison.Ordinal);
        result = Run("keys", "sign", "--ca", "ca", "--csr", PathOf("site-2", "node.csr"), "--out", PathOf("site-2", "node.crt"));
        Assert.True(result.ExitCode == 0, result.StandardError);
        AssertChains(PathOf("site-2", "node.crt"), PathOf("ca", "ca.crt"));

        result = Run("keys", "roster", "add", "--roster", "roster.json", "--cert", PathOf("site-1", "node.crt"), "--role", "client", "--ca-cert", PathOf("ca", "ca.crt"));
        Assert.True(result.ExitCode == 0, result.StandardError);
        result = Run("keys", "roster", "add", "--roster", "roster.json", "--cert", PathOf("site-2", "node.crt"), "--role", "key-manager");
        Assert.True(result.ExitCode == 0, result.StandardError);
        result = Run("keys", "roster", "list", "--roster", "roster.json");
        Assert.True(result.ExitCode == 0, result.StandardError);
        using var site1 = X509CertificateLoader.LoadCertificateFromFile(PathOf("site-1", "node.crt"));
        Assert.Contains($"sha256:{site1.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256).ToLowerInvariant()}", result.StandardOutput, StringComparison.Ordinal);
        Assert.Matches(@"site-2\s+key-manager\s+sha256:[0-9a-f]{64}", result.StandardOutput);

        result = Run("keys", "show", PathOf("site-1", "node.crt"));
        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Contains("name:        site-1", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("issuer:      CN=fed-ca", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"fingerprint: sha256:{site1.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256).ToLowerInvariant()}", result.StandardOutput, StringComparison.Ordinal);

        // A self-signed certificate does not chain to the CA, so it is not admitted under --ca-cert.
        result = Run("keys", "new", "--name", "site-3", "--out", "site-3");
        Assert.Equal(0, result.ExitCode);
        result = Run("keys", "roster", "add", "--roster", "roster.json", "--cert", PathOf("site-3", "node.crt"), "--role", "client", "--ca-cert", PathOf("ca", "ca.crt"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"certificate '{PathOf("site-3", "node.crt")}' does not chain to CA", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("site-3", File.ReadAllText(PathOf("roster.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_password_from_an_environment_variable_encrypts_the_key_and_is_never_printed()
    {
        const string Variable = "FEDACTORS_TEST_CA_PASSWORD";
        const string Password = "correct horse battery staple";
        Environment.SetEnvironmentVariable(Variable, Password);
        var result = Run("keys", "ca", "new", "--name", "locked-ca", "--out", "ca", "--password-env", Variable);
        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.StartsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----", File.ReadAllText(PathOf("ca", "ca.key")), StringComparison.Ordinal);
        Assert.DoesNotContain(Password, result.StandardOutput + result.StandardError, StringComparison.Ordinal);

        result = Run("keys", "new", "--name", "site-1", "--out", "site-1", "--ca", "ca");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"private key '{PathOf("ca", "ca.key")}' is encrypted; supply its password", result.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(PathOf("site-1")));

        result = Run("keys", "new", "--name", "site-1", "--out", "site-1", "--ca", "ca", "--ca-password-env", Variable);
        Assert.True(result.ExitCode == 0, result.StandardError);
    }

    [Fact]
    public void Existing_keys_are_never_overwritten_and_bad_names_are_explained()
    {
        Assert.Equal(0, Run("keys", "new", "--name", "site-1", "--out", "site-1").ExitCode);
        var key = File.ReadAllText(PathOf("site-1", "node.key"));
        var result = Run("keys", "new", "--name", "site-1", "--out", "site-1");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("already holds node.key", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(key, File.ReadAllText(PathOf("site-1", "node.key")));

        result = Run("keys", "new", "--name", "Site_1", "--out", "other");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("node name 'Site_1' is invalid", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void A_node_key_protected_by_a_password_from_the_environment_decrypts_only_with_that_password()
    {
        const string Variable = "FEDACTORS_TEST_NODE_PASSWORD";
        const string Password = "a node password";
        var result = Run("keys", "new", "--name", "site-2", "--out", "site-2", "--password-env", "FEDACTORS_TEST_UNSET_PASSWORD");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("environment variable 'FEDACTORS_TEST_UNSET_PASSWORD' named by --password-env is not set or empty", result.StandardError.Trim());
        Assert.False(Directory.Exists(PathOf("site-2")));

        Environment.SetEnvironmentVariable(Variable, Password);
        result = Run("keys", "new", "--name", "site-2", "--out", "site-2", "--password-env", Variable);
        Assert.True(result.ExitCode == 0, result.StandardError);
        AssertOwnerOnly(PathOf("site-2", "node.key"));
        Assert.StartsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----", File.ReadAllText(PathOf("site-2", "node.key")), StringComparison.Ordinal);
        var plaintext = System.Security.Cryptography.RandomNumberGenerator.GetBytes(10_000);
        File.WriteAllBytes(PathOf("data.bin"), plaintext);
        Assert.Equal(0, Run("artifact", "encrypt", "--in", "data.bin", "--out", "data.enc", "--to", PathOf("site-2", "node.pub")).ExitCode);

        var outputs = new List<string>();
        result = Run("artifact", "decrypt", "--in", "data.enc", "--out", "out.bin", "--key", PathOf("site-2", "node.key"));
        outputs.Add(result.StandardOutput + result.StandardError);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"private key '{PathOf("site-2", "node.key")}' is encrypted; supply its password", result.StandardError, StringComparison.Ordinal);

        Environment.SetEnvironmentVariable("FEDACTORS_TEST_WRONG_PASSWORD", "not the password");
        result = Run("artifact", "decrypt", "--in", "data.enc", "--out", "out.bin", "--key", PathOf("site-2", "node.key"), "--key-password-env", "FEDACTORS_TEST_WRONG_PASSWORD");
        outputs.Add(result.StandardOutput + result.StandardError);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"private key '{PathOf("site-2", "node.key")}': the encrypted private key could not be decrypted: the password is wrong", result.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(PathOf("out.bin")));

        result = Run("artifact", "decrypt", "--in", "data.enc", "--out", "out.bin", "--key", PathOf("site-2", "node.key"), "--key-password-env", Variable);
        outputs.Add(result.StandardOutput + result.StandardError);
        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal(plaintext, File.ReadAllBytes(PathOf("out.bin")));
        Assert.All(outputs, output => Assert.DoesNotContain(Password, output, StringComparison.Ordinal));
        Assert.All(outputs, output => Assert.DoesNotContain("not the password", output, StringComparison.Ordinal));
    }

    [Fact]
    public void A_roster_is_plain_json_and_a_refused_change_names_the_roster_file()
    {
        Assert.Equal(0, Run("keys", "new", "--name", "site-1", "--out", "site-1").ExitCode);
        Assert.Equal(0, Run("keys", "roster", "add", "--roster", "roster.json", "--cert", PathOf("site-1", "node.crt"), "--role", "client").ExitCode);
        var bytes = File.ReadAllBytes(PathOf("roster.json"));
        Assert.Equal((byte)'{', bytes[0]);
        using (var document = System.Text.Json.JsonDocument.Parse(bytes))
        {
            Assert.Equal("site-1", document.RootElement.GetProperty("identities")[0].GetProperty("name").GetString());
        }

        var result = Run("keys", "roster", "add", "--roster", "roster.json", "--cert", PathOf("site-1", "node.crt"), "--role", "client");
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"roster '{PathOf("roster.json")}': the roster already has an identity named 'site-1'", result.StandardError, StringComparison.Ordinal);
        result = Run("keys", "roster", "remove", "--roster", "roster.json", "--name", "site-9");
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"roster '{PathOf("roster.json")}': the roster has no identity named 'site-9'", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(bytes, File.ReadAllBytes(PathOf("roster.json")));
    }

    [Fact]
    public void Keys_show_refuses_a_private_key_without_printing_it()
    {
        Assert.Equal(0, Run("keys", "new", "--name", "site-1", "--out", "site-1").ExitCode);
        var result = Run("keys", "show", PathOf("site-1", "node.key"));
        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"'{PathOf("site-1", "node.key")}' is a private key; keys show reads a certificate (node.crt, ca.crt) or public key (node.pub), never a private key", result.StandardError.Trim());
        Assert.Empty(result.StandardOutput);

        result = Run("keys", "show", PathOf("site-1", "node.pub"));
        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Matches("^public key:  sha256:[0-9a-f]{64}$", result.StandardOutput.Trim());
    }
}
