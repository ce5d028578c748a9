using System.CommandLine;
using FedActors.Crypto.Artifacts;
using FedActors.Crypto.Envelope;
using FedActors.Crypto.Identity;

namespace FedActors.Cli.Commands;

/// <summary>
/// <c>fedactors artifact</c>: encrypts any file (model weights, data sets, model assemblies) to a recipient's
/// public key or with a symmetric key read at run time from a key source, decrypts it, and inspects headers.
/// </summary>
public static class ArtifactCommands
{
    /// <summary>Builds the <c>artifact</c> command group.</summary>
    public static Command Create() => new("artifact", "Encrypt any file (model weights, data, model assemblies) to a public key or with a symmetric key; decrypt, inspect, make keys.")
    {
        CreateEncrypt(),
        CreateDecrypt(),
        CreateInspect(),
        CreateKeygen(),
    };

    private static Option<string?> KeySourceOption() => new("--key-source")
    {
        Description = "Symmetric key source: file:KEY.json (a {\"key\": \"<base64>\"} file) or env:VARIABLE (base64 in an environment variable).",
    };

    private static Command CreateEncrypt()
    {
        var input = new Option<FileInfo>("--in") { Description = "The file to encrypt.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the encrypted artifact.", Required = true };
        var recipient = new Option<FileInfo?>("--to") { Description = "Encrypt to this recipient: a certificate (node.crt) or public key (node.pub)." };
        var keySource = KeySourceOption();
        var chunkSize = new Option<int>("--chunk-size")
        {
            Description = $"Plaintext bytes per authenticated chunk ({ChunkedEncryptionStream.MinChunkSize}..{ChunkedEncryptionStream.MaxChunkSize}).",
            DefaultValueFactory = _ => ChunkedEncryptionStream.DefaultChunkSize,
        };
        var command = new Command("encrypt", "Encrypt a file to a recipient's public key (--to) or with a symmetric key (--key-source), streaming, in authenticated chunks.") { input, output, recipient, keySource, chunkSize };
        command.Validators.Add(result => RequireOne(result, recipient, keySource, "--to FILE", "--key-source SOURCE"));
        command.SetAction(parse => CommandGuard.Run(() =>
        {
            var inputPath = parse.GetValue(input)!.FullName;
            var outputPath = parse.GetValue(output)!.FullName;
            if (parse.GetValue(recipient) is { } recipientFile)
            {
                var publicKey = IdentityFiles.ReadPublicKey(recipientFile.FullName);
                ArtifactFile.EncryptFile(inputPath, outputPath, ArtifactKey.ForRecipient(publicKey), parse.GetValue(chunkSize));
                Console.WriteLine($"encrypted {inputPath} to public key {publicKey.Id}: {outputPath}");
            }
            else
            {
                using var key = KeySource.Read(parse.GetValue(keySource)!);
                ArtifactFile.EncryptFile(inputPath, outputPath, ArtifactKey.FromSymmetricKey(key), parse.GetValue(chunkSize));
                Console.WriteLine($"encrypted {inputPath} with symmetric key {key.Id}: {outputPath}");
            }
        }));
        return command;
    }

    private static Command CreateDecrypt()
    {
        var input = new Option<FileInfo>("--in") { Description = "The encrypted artifact.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the plaintext (mode 0600; nothing is left if decryption fails).", Required = true };
        var privateKey = new Option<FileInfo?>("--key") { Description = "The recipient's private key file (node.key)." };
        var passwordEnv = new Option<string?>("--key-password-env") { Description = "With --key: name of an environment variable holding the private key's password; the password itself never goes on the command line." };
        var keySource = KeySourceOption();
        var command = new Command("decrypt", "Decrypt an artifact with the recipient's private key (--key) or the symmetric key (--key-source), verifying every chunk.") { input, output, privateKey, passwordEnv, keySource };
        command.Validators.Add(result => RequireOne(result, privateKey, keySource, "--key FILE", "--key-source SOURCE"));
        command.Validators.Add(result =>
        {
            if (result.GetResult(passwordEnv) is not null && result.GetResult(privateKey) is null)
            {
                result.AddError("--key-password-env goes with --key (a password-protected private key); a --key-source key has no password");
            }
        });
        command.SetAction(parse => CommandGuard.Run(() =>
        {
            var inputPath = parse.GetValue(input)!.FullName;
            var outputPath = parse.GetValue(output)!.FullName;
            if (parse.GetValue(privateKey) is { } keyFile)
            {
                using var key = IdentityFiles.ReadPrivateKey(keyFile.FullName, KeysCommands.ReadPassword(parse.GetValue(passwordEnv), "--key-password-env"));
                ArtifactFile.DecryptFile(inputPath, outputPath, ArtifactKey.FromKeyPair(key));
            }
            else
            {
                using var key = KeySource.Read(parse.GetValue(keySource)!);
                ArtifactFile.DecryptFile(inputPath, outputPath, ArtifactKey.FromSymmetricKey(key));
            }
            Console.WriteLine($"decrypted and verified {inputPath}: {outputPath}");
        }));
        return command;
    }

    private static Command CreateInspect()
    {
        var file = new Argument<FileInfo>("file") { Description = "The encrypted artifact." };
        var command = new Command("inspect", "Print an artifact's header (no key needed; nothing is authenticated until decryption).") { file };
        command.SetAction(parse => CommandGuard.Run(() =>
        {
            var path = parse.GetValue(file)!.FullName;
            var header = ArtifactFile.ReadHeader(path);
            var length = new FileInfo(path).Length;
            Console.WriteLine($"file:          {path}");
            Console.WriteLine(header.ToString());
            Console.WriteLine($"file size:     {length} bytes");
            Console.WriteLine(header.PlaintextLength(length) is { } plaintext
                ? $"plaintext:     {plaintext} bytes in {(plaintext / header.ChunkSize) + 1} chunks"
                : "plaintext:     unknown: the file length fits no artifact with this header (truncated or extended)");
        }));
        return command;
    }

    private static Command CreateKeygen()
    {
        var output = new Option<FileInfo>("--out") { Description = "The JSON key file to create (mode 0600; never overwritten).", Required = true };
        var command = new Command("keygen", "Generate a random 256-bit artifact key as a JSON key file {\"key\": \"<base64>\"}.") { output };
        command.SetAction(parse => CommandGuard.Run(() =>
        {
            using var key = SymmetricKey.Generate();
            var path = parse.GetValue(output)!.FullName;
            FileSecretProvider.WriteKeyFile(path, key);
            Console.WriteLine($"wrote symmetric key {key.Id} to {path} (mode 0600); use it with --key-source file:{path}");
        }));
        return command;
    }

    private static void RequireOne<TFirst, TSecond>(System.CommandLine.Parsing.CommandResult result, Option<TFirst> first, Option<TSecond> second, string firstName, string secondName)
    {
        if ((result.GetResult(first) is null) == (result.GetResult(second) is null))
        {
            result.AddError($"give exactly one of {firstName} or {secondName}");
        }
    }
}
