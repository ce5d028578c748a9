using FedActors.Crypto.Envelope;
using FedActors.Crypto.Identity;
using Xunit;

namespace FedActors.Crypto.Tests.Identity;

public sealed class IdentityFilesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fedactors-id-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathOf(string name) => Path.Combine(_directory, name);

    [Fact]
    public void A_private_key_is_written_owner_only_and_reads_back()
    {
        using var key = EcKeyPair.Generate();
        IdentityFiles.WritePrivateKey(PathOf("node.key"), key, default);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PathOf("node.key")));
        }
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(PathOf("node.key")), StringComparison.Ordinal);
        using var read = IdentityFiles.ReadPrivateKey(PathOf("node.key"), default);
        Assert.Equal(key.PublicKey, read.PublicKey);
    }

    [Fact]
    public void An_encrypted_private_key_needs_its_password()
    {
        using var key = EcKeyPair.Generate();
        IdentityFiles.WritePrivateKey(PathOf("node.key"), key, "s3cret");
        Assert.StartsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----", File.ReadAllText(PathOf("node.key")), StringComparison.Ordinal);
        Assert.Contains("is encrypted; supply its password", Assert.Throws<IdentityException>(() => IdentityFiles.ReadPrivateKey(PathOf("node.key"), default)).Message, StringComparison.Ordinal);
        var wrong = Assert.Throws<IdentityException>(() => IdentityFiles.ReadPrivateKey(PathOf("node.key"), "guess"));
        Assert.Contains(PathOf("node.key"), wrong.Message, StringComparison.Ordinal);
        Assert.Contains("password is wrong", wrong.Message, StringComparison.Ordinal);
        using var read = IdentityFiles.ReadPrivateKey(PathOf("node.key"), "s3cret");
        Assert.Equal(key.PublicKey, read.PublicKey);
    }

    [Fact]
    public void An_existing_private_key_is_never_overwritten()
    {
        using var key = EcKeyPair.Generate();
        IdentityFiles.WritePrivateKey(PathOf("node.key"), key, default);
        var before = File.ReadAllText(PathOf("node.key"));
        Assert.Throws<IdentityException>(() => IdentityFiles.WritePrivateKey(PathOf("node.key"), key, default));
        Assert.Equal(before, File.ReadAllText(PathOf("node.key")));
    }

    [Fact]
    public void A_group_readable_private_key_is_refused_with_the_fix()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        using var key = EcKeyPair.Generate();
        IdentityFiles.WritePrivateKey(PathOf("node.key"), key, default);
        File.SetUnixFileMode(PathOf("node.key"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        Assert.Contains("chmod 600", Assert.Throws<IdentityException>(() => IdentityFiles.ReadPrivateKey(PathOf("node.key"), default)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_without_the_expected_content_are_named_in_the_error()
    {
        File.WriteAllText(PathOf("junk"), "hello");
        Assert.Contains(PathOf("junk"), Assert.Throws<IdentityException>(() => IdentityFiles.ReadCertificate(PathOf("junk"))).Message, StringComparison.Ordinal);
        Assert.Contains(PathOf("junk"), Assert.Throws<IdentityException>(() => IdentityFiles.ReadPublicKey(PathOf("junk"))).Message, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(PathOf("junk"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        Assert.Contains("holds no PEM block", Assert.Throws<IdentityException>(() => IdentityFiles.ReadPrivateKey(PathOf("junk"), default)).Message, StringComparison.Ordinal);
        Assert.Contains(PathOf("missing"), Assert.Throws<IdentityException>(() => IdentityFiles.ReadCertificate(PathOf("missing"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_public_key_reads_from_a_pem_key_or_a_certificate()
    {
        using var key = EcKeyPair.Generate();
        using var certificate = NodeCertificates.CreateSelfSigned("site-1", key, TimeSpan.FromDays(1), TimeProvider.System);
        IdentityFiles.WritePublicKey(PathOf("node.pub"), key.PublicKey);
        IdentityFiles.WriteCertificate(PathOf("node.crt"), certificate);
        Assert.Equal(key.PublicKey, IdentityFiles.ReadPublicKey(PathOf("node.pub")));
        Assert.Equal(key.PublicKey, IdentityFiles.ReadPublicKey(PathOf("node.crt")));
    }

    [Fact]
    public void A_tls_certificate_pairs_the_certificate_with_its_key()
    {
        using var key = EcKeyPair.Generate();
        using var other = EcKeyPair.Generate();
        using var certificate = NodeCertificates.CreateSelfSigned("site-1", key, TimeSpan.FromDays(1), TimeProvider.System);
        IdentityFiles.WriteCertificate(PathOf("node.crt"), certificate);
        IdentityFiles.WritePrivateKey(PathOf("node.key"), key, default);
        IdentityFiles.WritePrivateKey(PathOf("other.key"), other, default);
        using var tls = IdentityFiles.ReadTlsCertificate(PathOf("node.crt"), PathOf("node.key"), default);
        Assert.True(tls.HasPrivateKey);
        Assert.Throws<IdentityException>(() => IdentityFiles.ReadTlsCertificate(PathOf("node.crt"), PathOf("other.key"), default));
    }
}
