using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using FedActors.Crypto.Envelope;
using FedActors.Crypto.Identity;

namespace FedActors.Cli.Commands;

/// <summary>
/// <c>fedactors keys</c>: node identities (P-256 key and certificate), a federation CA that issues node
/// certificates for mutual TLS, and the roster of admitted identities. The provisioning flow follows NVIDIA
/// FLARE's startup kits: the CA operator runs <c>keys ca new</c>, then either issues each node's kit directly
/// (<c>keys new --ca</c>) or signs a request the node made itself (<c>keys new</c>, then <c>keys sign --csr</c>),
/// and lists the certificates in the roster (<c>keys roster add</c>).
/// </summary>
public static class KeysCommands
{
    private const int DefaultNodeDays = 825;
    private const int DefaultCaDays = 3650;

    /// <summary>Builds the <c>keys</c> command group.</summary>
    public static Command Create()
    {
        var ca = new Command("ca", "Federation certificate authority.") { CreateCaNew() };
        return new Command("keys", "Create node identities, a federation CA, node certificates and the roster.")
        {
            CreateNew(),
            ca,
            CreateSign(),
            CreateRoster(),
            CreateShow(),
        };
    }

    private static Option<string> PasswordEnvOption(string name, string what) => new(name)
    {
        Description = $"Name of an environment variable holding the password {what}; the password itself never goes on the command line.",
    };

    private static Option<int> DaysOption(int defaultDays) => new("--days")
    {
        Description = "Validity of the certificate in days.",
        DefaultValueFactory = _ => defaultDays,
    };

    private static Command CreateCaNew()
    {
        var name = new Option<string>("--name") { Description = "CA name (lowercase letters, digits, '-', '.').", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory to create ca.key and ca.crt in.", Required = true };
        var passwordEnv = PasswordEnvOption("--password-env", "that encrypts the CA key (PKCS#8)");
        var days = DaysOption(DefaultCaDays);
        var command = new Command("new", "Create a federation CA: ca.key (mode 0600) and a self-signed ca.crt.") { name, output, passwordEnv, days };
        command.SetAction(parse => CommandGuard.Run(() =>
        {
            // Every input is read before the directory is made, so a refused command leaves nothing behind.
            var password = ReadPassword(parse.GetValue(passwordEnv), "--password-env");
            var directory = PrepareDirectory(parse.GetValue(output)!, IdentityFiles.CaKeyFile);
            using var authority = CertificateAuthority.Create(parse.GetValue(name)!, TimeSpan.FromDays(parse.GetValue(days)), TimeProvider.System);
            IdentityFiles.WritePrivateKey(Path.Combine(directory, IdentityFiles.CaKeyFile), authority.Key, password);
            IdentityFiles.WriteCertificate(Path.Combine(directory, IdentityFiles.CaCertificateFile), authority.Certificate);
            Console.WriteLine($"CA '{parse.GetValue(name)}' created in {directory}");
            Console.WriteLine($"  {IdentityFiles.CaKeyFile}  private key (keep it offline; mode 0600)");
            Console.WriteLine($"  {IdentityFiles.CaCertificateFile}  certificate, fingerprint {NodeCertificates.FingerprintOf(authority.Certificate)}");
        }));
        return command;
    }

    private static Command CreateNew()
    {
        var name = new Option<string>("--name") { Description = "Node name; becomes the certificate's DNS name.", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory to create the node's files in (its startup kit).", Required = true };
        var caDirectory = new Option<DirectoryInfo?>("--ca") { Description = "CA directory: issue a CA-signed certificate directly instead of a self-signed one and a signing request." };
        var caPasswordEnv = PasswordEnvOption("--ca-password-env", "of the CA key");
        var passwordEnv = PasswordEnvOption("--password-env", "that encrypts the node key (PKCS#8)");
        var days = DaysOption(DefaultNodeDays);
        var command = new Command("new", "Create a node's P-256 signing key (node.key, mode 0600), node.pub and a certificate (node.crt).")
        {
            name, output, caDirectory, caPasswordEnv, passwordEnv, days,
        };
        command.SetAction(parse => CommandGuard.Run(() =>
        {
            var nodeName = NodeName.Validate(parse.GetValue(name)!);
            var validity = TimeSpan.FromDays(parse.GetValue(days));
            var ca = parse.GetValue(caDirectory);
            // Every input is read before the directory is made, so a refused command leaves nothing behind.
            using var authority = ca is null ? null : IdentityFiles.ReadCertificateAuthority(ca.FullName, ReadPassword(parse.GetValue(caPasswordEnv), "--ca-password-env"), TimeProvider.System);
            var password = ReadPassword(parse.GetValue(passwordEnv), "--password-env");
            var directory = PrepareDirectory(parse.GetValue(output)!, IdentityFiles.NodeKeyFile);
            using var key = EcKeyPair.Generate();
            IdentityFiles.WritePrivateKey(Path.Combine(directory, IdentityFiles.NodeKeyFile), key, password);
            IdentityFiles.WritePublicKey(Path.Combine(directory, IdentityFiles.NodePublicKeyFile), key.PublicKey);
            using var certificate = authority is null
                ? NodeCertificates.CreateSelfSigned(nodeName, key, validity, TimeProvider.System)
                : authority.Issue(nodeName, key.PublicKey, validity);
            IdentityFiles.WriteCertificate(Path.Combine(directory, IdentityFiles.NodeCertificateFile), certificate);
            Console.WriteLine($"node '{nodeName}' created in {directory}");
            Console.WriteLine($"  {IdentityFiles.NodeKeyFile}  private key (mode 0600), key id {key.PublicKey.Id}");
            Console.WriteLine($"  {IdentityFiles.NodePublicKeyFile}  public key");
            if (authority is null)
            {
                IdentityFiles.WriteSigningRequest(Path.Combine(directory, IdentityFiles.NodeSigningRequestFile), NodeCertificates.CreateSigningRequestPem(nodeName, key));
                Console.WriteLine($"  {IdentityFiles.NodeCertificateFile}  self-signed certificate, fingerprint {NodeCertificates.FingerprintOf(certificate)}");
                Console.WriteLine($"  {IdentityFiles.NodeSigningRequestFile}  signing request: fedactors keys sign --ca CA_DIR --csr {Path.Combine(directory, IdentityFiles.NodeSigningRequestFile)} --out {Path.Combine(directory, IdentityFiles.NodeCertificateFile)}");
            }
            else
            {
                IdentityFiles.WriteCertificate(Path.Combine(directory, IdentityFiles.CaCertificateFile), authority.Certificate);
                Console.WriteLine($"  {IdentityFiles.NodeCertificateFile}  certificate issued by '{authority.Certificate.GetNameInfo(X509NameType.SimpleName, false)}', fingerprint {NodeCertificates.FingerprintOf(certificate)}");
                Console.WriteLine($"  {IdentityFiles.CaCertificateFile}  the federation CA certificate (trust anchor)");
            }
        }));
        return command;
    }

    private static Command CreateSign()
    {
        var caDirectory = new Option<DirectoryInfo>("--ca") { Description = "CA directory (ca.key, ca.crt).", Required = true };
        var caPasswordEnv = PasswordEnvOption("--ca-password-env", "of the CA key");
        var request = new Option<FileInfo?>("--csr") { Description = "A node's PKCS#10 signing request (node.csr); its signature proves the node holds the key." };
        var certificate = new Option<FileInfo?>("--cert") { Description = "A node's self-signed certificate, re-issued under the CA with the same key and name." };
        var nodeName = new Option<string?>("--name") { Description = "Node name to issue to (default: the request's or certificate's name)." };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the issued certificate.", Required = true };
        var days = DaysOption(DefaultNodeDays);
        var command = new Command("sign", "Issue a CA-signed node certificate from a signing request or a self-signed certificate.")
        {
            caDirectory, caPasswordEnv, request, certificate, nodeName, output, days,
        };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(request) is null) == (result.GetValue(certificate) is null))
            {
                result.AddError("give exactly one of --csr FILE or --cert FILE");
            }
        });
        command.SetAction(parse => CommandGuard.Run(() =>
        {
            using var authority = IdentityFiles.ReadCertificateAuthority(parse.GetValue(caDirectory)!.FullName, ReadPassword(parse.GetValue(caPasswordEnv), "--ca-password-env"), TimeProvider.System);
            var validity = TimeSpan.FromDays(parse.GetValue(days));
            X509Certificate2 issued;
            if (parse.GetValue(request) is { } requestFile)
            {
                issued = authority.IssueFromSigningRequest(IdentityFiles.ReadSigningRequest(requestFile.FullName), parse.GetValue(nodeName), validity, requestFile.FullName);
            }
            else
            {
                using var selfSigned = IdentityFiles.ReadCertificate(parse.GetValue(certificate)!.FullName);
                issued = authority.Issue(parse.GetValue(nodeName) ?? NodeCertificates.NameOf(selfSigned), EcPublicKey.FromCertificate(selfSigned), validity);
            }
            using (issued)
            {
                var path = parse.GetValue(output)!.FullName;
                IdentityFiles.WriteCertificate(path, issued);
                Console.WriteLine($"issued a certificate for '{NodeCertificates.NameOf(issued)}' to {path}");
                Console.WriteLine($"  fingerprint {NodeCertificates.FingerprintOf(issued)}, valid until {issued.NotAfter.ToUniversalTime():yyyy-MM-dd}");
                Console.WriteLine($"  give the node this file and {Path.Combine(parse.GetValue(caDirectory)!.FullName, IdentityFiles.CaCertificateFile)}");
            }
        }));
        return command;
    }

    private static Command CreateRoster()
    {
        var rosterFile = new Option<FileInfo>("--roster") { Description = "The roster file (JSON).", Required = true };

        var certificate = new Option<FileInfo>("--cert") { Description = "The node's certificate.", Required = true };
        var role = new Option<string>("--role") { Description = "coordinator, key-manager or client.", Required = true };
        role.AcceptOnlyFromAmong([.. NodeRoles.Names]);
        var caCertificate = new Option<FileInfo?>("--ca-cert") { Description = "Refuse the certificate unless it chains to this CA certificate (ca.crt)." };
        var add = new Command("add", "Admit a node: add its name, role and certificate fingerprint (the file is created if absent).") { rosterFile, certificate, role, caCertificate };
        add.SetAction(parse => CommandGuard.Run(() =>
        {
            var path = parse.GetValue(rosterFile)!.FullName;
            var roster = File.Exists(path) ? Roster.Load(path) : Roster.Empty;
            using var node = IdentityFiles.ReadCertificate(parse.GetValue(certificate)!.FullName);
            if (parse.GetValue(caCertificate) is { } caFile)
            {
                RequireChain(node, caFile.FullName, parse.GetValue(certificate)!.FullName);
            }
            var entry = new RosterEntry(NodeCertificates.NameOf(node), NodeRoles.Parse(parse.GetValue(role)!), NodeCertificates.FingerprintOf(node));
            InRoster(path, () => roster.Add(entry)).Save(path);
            Console.WriteLine($"admitted '{entry.Name}' as {NodeRoles.ToName(entry.Role)} ({entry.Fingerprint}) in {path}");
        }));

        var name = new Option<string>("--name") { Description = "Name of the identity to remove.", Required = true };
        var remove = new Command("remove", "Remove an identity from the roster.") { rosterFile, name };
        remove.SetAction(parse => CommandGuard.Run(() =>
        {
            var path = parse.GetValue(rosterFile)!.FullName;
            var roster = Roster.Load(path);
            InRoster(path, () => roster.Remove(parse.GetValue(name)!)).Save(path);
            Console.WriteLine($"removed '{parse.GetValue(name)}' from {path}");
        }));

        var list = new Command("list", "List the identities a roster admits.") { rosterFile };
        list.SetAction(parse => CommandGuard.Run(() =>
        {
            var roster = Roster.Load(parse.GetValue(rosterFile)!.FullName);
            Console.WriteLine($"{"NAME",-24} {"ROLE",-12} FINGERPRINT");
            foreach (var entry in roster.Entries)
            {
                Console.WriteLine($"{entry.Name,-24} {NodeRoles.ToName(entry.Role),-12} {entry.Fingerprint}");
            }
        }));

        return new Command("roster", "The roster of identities a federation admits.") { add, remove, list };
    }

    private static Command CreateShow()
    {
        var file = new Argument<FileInfo>("file") { Description = "A certificate (node.crt, ca.crt) or public key (node.pub)." };
        var command = new Command("show", "Print a certificate's name, issuer, validity and fingerprint, or a public key's id, to compare out of band.") { file };
        command.SetAction(parse => CommandGuard.Run(() =>
        {
            var path = parse.GetValue(file)!.FullName;
            if (IsPrivateKeyFile(path))
            {
                throw new IdentityException($"'{path}' is a private key; keys show reads a certificate (node.crt, ca.crt) or public key (node.pub), never a private key");
            }
            var publicKey = IdentityFiles.ReadPublicKey(path);
            if (File.ReadAllText(path).Contains("-----BEGIN PUBLIC KEY-----", StringComparison.Ordinal))
            {
                Console.WriteLine($"public key:  {publicKey.Id}");
                return;
            }
            using var certificate = IdentityFiles.ReadCertificate(path);
            var isCa = certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault()?.CertificateAuthority == true;
            Console.WriteLine($"name:        {NodeCertificates.NameOf(certificate)}{(isCa ? " (certificate authority)" : string.Empty)}");
            Console.WriteLine($"subject:     {certificate.Subject}");
            Console.WriteLine($"issuer:      {certificate.Issuer}");
            Console.WriteLine($"valid:       {certificate.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm} to {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC");
            Console.WriteLine($"fingerprint: {NodeCertificates.FingerprintOf(certificate)}");
            Console.WriteLine($"public key:  {publicKey.Id}");
        }));
        return command;
    }

    private static void RequireChain(X509Certificate2 node, string caPath, string nodePath)
    {
        using var ca = IdentityFiles.ReadCertificate(caPath);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (!chain.Build(node))
        {
            throw new IdentityException($"certificate '{nodePath}' does not chain to CA '{caPath}': {string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()))}");
        }
    }

    /// <summary>Whether the file starts with a PEM private key label; only the label is read (on the stack, then zeroed), never the key.</summary>
    private static bool IsPrivateKeyFile(string path)
    {
        Span<byte> head = stackalloc byte[40];
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
            var read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            return head[..read].IndexOf("PRIVATE KEY-----"u8) >= 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Reading it as a certificate or public key reports the problem with the file's name.
            return false;
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(head);
        }
    }

    /// <summary>Applies a roster change, naming the roster file when the change is refused (a duplicate, an unknown name).</summary>
    private static Roster InRoster(string path, Func<Roster> change)
    {
        try
        {
            return change();
        }
        catch (IdentityException e)
        {
            throw new IdentityException($"roster '{path}': {e.Message}", e);
        }
    }

    /// <summary>Creates <paramref name="directory"/> if needed; refuses when it already holds <paramref name="keyFile"/>.</summary>
    private static string PrepareDirectory(DirectoryInfo directory, string keyFile)
    {
        if (File.Exists(Path.Combine(directory.FullName, keyFile)))
        {
            throw new IdentityException($"'{directory.FullName}' already holds {keyFile}; an existing key is never overwritten, choose another directory");
        }
        directory.Create();
        return directory.FullName;
    }

    /// <summary>Reads a password from the environment variable named by an option; empty when the option is absent.</summary>
    internal static string ReadPassword(string? variable, string option)
    {
        if (variable is null)
        {
            return string.Empty;
        }
        var password = Environment.GetEnvironmentVariable(variable);
        return string.IsNullOrEmpty(password)
            ? throw new IdentityException($"environment variable '{variable}' named by {option} is not set or empty")
            : password;
    }
}
