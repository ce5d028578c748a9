using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using FedActors.Crypto.Envelope;

namespace FedActors.Crypto.Identity;

/// <summary>
/// Reads and writes identity files as PEM: private keys (PKCS#8, optionally password-encrypted, created
/// with mode 0600 and refused when group- or world-accessible, as OpenSSH does), certificates, public keys
/// and signing requests. It also fixes the layout of a node directory (a startup kit, as NVIDIA FLARE calls
/// it) and of a CA directory. Every error names the file.
/// </summary>
public static class IdentityFiles
{
    /// <summary>A node's private key in its directory.</summary>
    public const string NodeKeyFile = "node.key";

    /// <summary>A node's certificate (self-signed or CA-issued) in its directory.</summary>
    public const string NodeCertificateFile = "node.crt";

    /// <summary>A node's public key (PEM), e.g. for <c>output.encrypt-to</c> or <c>artifact encrypt --to</c>.</summary>
    public const string NodePublicKeyFile = "node.pub";

    /// <summary>A node's signing request, for a CA to sign with <c>fedactors keys sign --csr</c>.</summary>
    public const string NodeSigningRequestFile = "node.csr";

    /// <summary>The CA certificate, in the CA directory and copied into each CA-issued node directory.</summary>
    public const string CaCertificateFile = "ca.crt";

    /// <summary>The CA private key in the CA directory.</summary>
    public const string CaKeyFile = "ca.key";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>
    /// Writes <paramref name="key"/> as PEM PKCS#8, encrypted when <paramref name="password"/> is not empty, to a new
    /// file readable by its owner only. Refuses to overwrite an existing file.
    /// </summary>
    /// <exception cref="IdentityException">The file exists or cannot be written.</exception>
    public static void WritePrivateKey(string path, EcKeyPair key, ReadOnlySpan<char> password)
    {
        ArgumentNullException.ThrowIfNull(key);
        var der = password.IsEmpty ? key.ExportPkcs8() : key.ExportEncryptedPkcs8(password);
        var label = password.IsEmpty ? "PRIVATE KEY" : "ENCRYPTED PRIVATE KEY";
        // PEM is built in arrays, not strings, so that every copy of the key can be zeroed.
        var pem = new char[PemEncoding.GetEncodedSize(label.Length, der.Length)];
        var bytes = new byte[pem.Length + 1];
        try
        {
            PemEncoding.TryWrite(label, der, pem, out _);
            Encoding.ASCII.GetBytes(pem, bytes);
            bytes[^1] = (byte)'\n';
            WriteNew(path, bytes, OwnerOnly, "private key");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(pem.AsSpan()));
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>
    /// Reads a PEM PKCS#8 private key (<c>PRIVATE KEY</c>, or <c>ENCRYPTED PRIVATE KEY</c> with <paramref name="password"/>).
    /// On Unix the file must not be accessible to group or others.
    /// </summary>
    /// <exception cref="IdentityException">The file is missing, too open, not a P-256 PKCS#8 key, or the password is missing or wrong.</exception>
    public static EcKeyPair ReadPrivateKey(string path, ReadOnlySpan<char> password)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path))
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & GroupOrOther) != 0)
            {
                throw new IdentityException($"private key '{path}' is accessible to group or others (mode {Convert.ToString((int)mode, 8)}); restrict it with: chmod 600 {path}");
            }
        }
        var bytes = ReadBytes(path, "private key");
        var chars = new char[bytes.Length];
        byte[]? der = null;
        try
        {
            Encoding.ASCII.GetChars(bytes, chars);
            if (!PemEncoding.TryFind(chars, out var fields))
            {
                throw new IdentityException($"private key '{path}' holds no PEM block; expected '-----BEGIN PRIVATE KEY-----' or '-----BEGIN ENCRYPTED PRIVATE KEY-----'");
            }
            var label = new string(chars.AsSpan()[fields.Label]);
            der = new byte[fields.DecodedDataLength];
            if (!Convert.TryFromBase64Chars(chars.AsSpan()[fields.Base64Data], der, out _))
            {
                throw new IdentityException($"private key '{path}' has a corrupt PEM body");
            }
            try
            {
                return label switch
                {
                    "PRIVATE KEY" => EcKeyPair.ImportPkcs8(der),
                    "ENCRYPTED PRIVATE KEY" when password.IsEmpty => throw new IdentityException(
                        $"private key '{path}' is encrypted; supply its password through the option that goes with this key (--key-password-env, --ca-password-env or --owner-key-password-env), naming an environment variable that holds it"),
                    "ENCRYPTED PRIVATE KEY" => EcKeyPair.ImportEncryptedPkcs8(password, der),
                    _ => throw new IdentityException($"private key '{path}' holds a '{label}' block; expected PKCS#8 'PRIVATE KEY' or 'ENCRYPTED PRIVATE KEY'"),
                };
            }
            catch (EnvelopeException e)
            {
                throw new IdentityException($"private key '{path}': {e.Message}", e);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(chars.AsSpan()));
            if (der is not null)
            {
                CryptographicOperations.ZeroMemory(der);
            }
        }
    }

    /// <summary>Writes a certificate as PEM, replacing any existing file.</summary>
    /// <exception cref="IdentityException">The file cannot be written.</exception>
    public static void WriteCertificate(string path, X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        WriteText(path, certificate.ExportCertificatePem() + "\n", "certificate");
    }

    /// <summary>Reads a PEM or DER X.509 certificate.</summary>
    /// <exception cref="IdentityException">The file is missing or holds no certificate.</exception>
    public static X509Certificate2 ReadCertificate(string path)
    {
        var bytes = ReadBytes(path, "certificate");
        try
        {
            return X509CertificateLoader.LoadCertificate(bytes);
        }
        catch (CryptographicException e)
        {
            throw new IdentityException($"certificate '{path}' holds no X.509 certificate (PEM 'CERTIFICATE' or DER expected): {e.Message}", e);
        }
    }

    /// <summary>Writes a public key as PEM <c>PUBLIC KEY</c>, replacing any existing file.</summary>
    public static void WritePublicKey(string path, EcPublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        WriteText(path, key.ExportPem() + "\n", "public key");
    }

    /// <summary>Reads a P-256 public key from a PEM <c>PUBLIC KEY</c> file or from a certificate file.</summary>
    /// <exception cref="IdentityException">The file holds neither, or the key is not P-256.</exception>
    public static EcPublicKey ReadPublicKey(string path)
    {
        var text = Encoding.ASCII.GetString(ReadBytes(path, "public key or certificate"));
        try
        {
            if (text.Contains("-----BEGIN PUBLIC KEY-----", StringComparison.Ordinal))
            {
                return EcPublicKey.FromPem(text);
            }
            using var certificate = ReadCertificate(path);
            return EcPublicKey.FromCertificate(certificate);
        }
        catch (EnvelopeException e)
        {
            throw new IdentityException($"'{path}' holds no P-256 public key: {e.Message}", e);
        }
    }

    /// <summary>Writes a PEM signing request, replacing any existing file.</summary>
    public static void WriteSigningRequest(string path, string requestPem) => WriteText(path, requestPem + "\n", "signing request");

    /// <summary>Reads a PEM signing request's text.</summary>
    /// <exception cref="IdentityException">The file is missing or unreadable.</exception>
    public static string ReadSigningRequest(string path) => Encoding.ASCII.GetString(ReadBytes(path, "signing request"));

    /// <summary>Loads the CA of directory <paramref name="directory"/> (<see cref="CaCertificateFile"/> and <see cref="CaKeyFile"/>).</summary>
    /// <exception cref="IdentityException">A file is missing or invalid, or the key does not match the certificate.</exception>
    public static CertificateAuthority ReadCertificateAuthority(string directory, ReadOnlySpan<char> password, TimeProvider time)
    {
        var certificate = ReadCertificate(Path.Combine(directory, CaCertificateFile));
        var key = ReadPrivateKey(Path.Combine(directory, CaKeyFile), password);
        try
        {
            return new CertificateAuthority(certificate, key, time);
        }
        catch
        {
            key.Dispose();
            certificate.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Loads a certificate with its private key, ready for <c>SslStream</c> mutual TLS.
    /// </summary>
    /// <exception cref="IdentityException">A file is invalid or the key does not match the certificate.</exception>
    public static X509Certificate2 ReadTlsCertificate(string certificatePath, string keyPath, ReadOnlySpan<char> password)
    {
        using var certificate = ReadCertificate(certificatePath);
        using var key = ReadPrivateKey(keyPath, password);
        try
        {
            return certificate.CopyWithPrivateKey(key.Ecdsa);
        }
        catch (ArgumentException e)
        {
            throw new IdentityException($"private key '{keyPath}' does not match certificate '{certificatePath}'", e);
        }
    }

    private static byte[] ReadBytes(string path, string what)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IdentityException($"{what} '{path}' cannot be read: {e.Message}", e);
        }
    }

    private static void WriteText(string path, string text, string what)
    {
        try
        {
            File.WriteAllText(path, text, Encoding.ASCII);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IdentityException($"{what} '{path}' cannot be written: {e.Message}", e);
        }
    }

    private static void WriteNew(string path, ReadOnlySpan<byte> bytes, UnixFileMode mode, string what)
    {
        try
        {
            // Unbuffered: the caller zeroes the bytes it passes, and FileStream keeps no copy of its own.
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, BufferSize = 0 };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = mode;
            }
            using var file = new FileStream(path, options);
            file.Write(bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IdentityException($"{what} '{path}' cannot be written (an existing key is never overwritten): {e.Message}", e);
        }
    }
}
