using System.Text.Json;
using FedActors.Configuration;
using FedActors.Crypto.Artifacts;
using FedActors.Crypto.Identity;

namespace FedActors.Federation.Scenarios;

/// <summary>
/// Reads the scenario keys of protected artifacts: <c>model.assembly</c> / <c>model.key</c> and
/// <c>output.encrypt-to</c> / <c>encrypt-replicas</c> / <c>replica-key</c>.
/// Files are checked here (they exist, the assembly is a symmetric-key artifact, the public keys parse);
/// no secret is read: the model key is read only when a run starts.
/// </summary>
internal static class ArtifactSettingsReader
{
    private const string ReferenceFile = "reference.conf";

    private static readonly string[] ModelKeysBesideAssembly = ["type", "hidden", "layers"];

    /// <summary>The encrypted model assembly, or null when <c>model.assembly</c> is empty.</summary>
    public static ModelAssemblySettings? ModelAssembly(ScenarioReader model)
    {
        var assembly = model.Get("assembly", static (c, k) => c.GetString(k), string.Empty, "a path to an encrypted assembly, e.g. \"my-model.dll.enc\"");
        var key = model.Get("key", static (c, k) => c.GetString(k), string.Empty, "a key source, file:KEY.json or env:NAME");
        if (assembly.Length == 0)
        {
            if (key.Length > 0)
            {
                model.Error("key", "is given without model.assembly", "remove key, or name the encrypted assembly it decrypts in model.assembly");
            }

            return null;
        }

        foreach (var other in ModelKeysBesideAssembly.Where(k => !IsDefault(model, k)))
        {
            model.Error(other, "is given together with model.assembly, which defines the model", "either model { assembly = …, key = … } or type / hidden / layers, not both");
        }

        var path = Resolve(model, "assembly", assembly);
        CheckAssembly(model, path);
        if (key.Length == 0)
        {
            model.Error("assembly", "is set but model.key is empty", "model.key = the key source of the assembly's symmetric key, file:KEY.json (fedactors artifact keygen) or env:NAME");
            return new ModelAssemblySettings(path, key, model.Origin("assembly"), model.Origin("key"));
        }

        return new ModelAssemblySettings(path, KeySourceOf(model, key), model.Origin("assembly"), model.Origin("key"));
    }

    /// <summary>The output keys of protected artifacts: the owner's and the node's public key files (null when off).</summary>
    public static (string? EncryptTo, string? ReplicaKey) Output(ScenarioReader output)
    {
        var encryptTo = output.Get("encrypt-to", static (c, k) => c.GetString(k), string.Empty, "a public key file, e.g. \"owner/node.pub\" (fedactors keys new), or \"\" for plaintext");
        var replicas = output.Bool("encrypt-replicas");
        var replicaKey = output.Get("replica-key", static (c, k) => c.GetString(k), string.Empty, "the node's public key file, e.g. \"site-1/node.pub\"");
        if (replicas && replicaKey.Length == 0)
        {
            output.Error("encrypt-replicas", "is on but output.replica-key is empty", "set replica-key to the node's public key file (node.pub of fedactors keys new), or encrypt-replicas = off");
        }

        if (!replicas && replicaKey.Length > 0)
        {
            output.Error("replica-key", "is given but encrypt-replicas = off, so no replica is written", "encrypt-replicas = on, or remove replica-key");
        }

        return (
            encryptTo.Length == 0 ? null : PublicKeyFile(output, "encrypt-to", encryptTo),
            replicas && replicaKey.Length > 0 ? PublicKeyFile(output, "replica-key", replicaKey) : null);
    }

    /// <summary>
    /// <paramref name="scenario"/> with the input files of these keys replaced by their resolved absolute paths, so
    /// that the scenario text journaled in the run directory (and loaded again there to resume, re-execute or fork)
    /// names the same files.
    /// </summary>
    public static Config WithResolvedPaths(Config scenario, ModelSettings model, OutputSettings output)
    {
        var resolved = new List<string>();
        if (model.Assembly is { } assembly)
        {
            resolved.Add($"model.assembly = {JsonSerializer.Serialize(assembly.Path)}");
            resolved.Add($"model.key = {JsonSerializer.Serialize(assembly.KeySource)}");
        }

        if (output.EncryptTo is { } owner)
        {
            resolved.Add($"output.encrypt-to = {JsonSerializer.Serialize(owner)}");
        }

        if (output.ReplicaKey is { } node)
        {
            resolved.Add($"output.replica-key = {JsonSerializer.Serialize(node)}");
        }

        return resolved.Count == 0 ? scenario : ConfigFactory.ParseString(string.Join('\n', resolved), "resolved paths").WithFallback(scenario);
    }

    private static bool IsDefault(ScenarioReader reader, string key) => reader.Origin(key).File == ReferenceFile;

    /// <summary>A relative path is relative to the directory of the file that sets the key (the working directory for <c>--set</c>).</summary>
    private static string Resolve(ScenarioReader reader, string key, string path)
    {
        if (Path.IsPathRooted(path))
        {
            return path;
        }

        var file = reader.Origin(key).File;
        return File.Exists(file) ? Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, path)) : Path.GetFullPath(path);
    }

    private static void CheckAssembly(ScenarioReader model, string path)
    {
        const string valid = "an assembly encrypted with fedactors artifact encrypt --in MODEL.dll --out MODEL.dll.enc --key-source file:KEY.json (path relative to the scenario file)";
        if (!File.Exists(path))
        {
            model.Error("assembly", $"names {path}, which does not exist", valid);
            return;
        }

        try
        {
            if (ArtifactFile.ReadHeader(path).Mode != ArtifactKeyMode.SymmetricKey)
            {
                model.Error("assembly", $"names {path}, which is encrypted to a public key; model code is decrypted with a symmetric key from model.key", valid);
            }
        }
        catch (ArtifactException e)
        {
            model.Error("assembly", $"names a file that is not an encrypted artifact: {e.Message}", valid);
        }
    }

    private static string KeySourceOf(ScenarioReader model, string source)
    {
        const string valid = "file:KEY.json (a key file of fedactors artifact keygen, relative to the scenario file) or env:NAME (base64 in an environment variable)";
        var colon = source.IndexOf(':', StringComparison.Ordinal);
        var scheme = colon > 0 ? source[..colon] : string.Empty;
        var location = colon > 0 ? source[(colon + 1)..] : string.Empty;
        switch (scheme)
        {
            case "env" when location.Length > 0:
                return source;
            case "file" when location.Length > 0:
                var path = Resolve(model, "key", location);
                if (!File.Exists(path))
                {
                    model.Error("key", $"names the key file {path}, which does not exist", valid);
                }

                return $"file:{path}";
            case "":
                // A key pasted where its source belongs has no scheme (base64 has no colon): never echo it.
                model.Error("key", "has no scheme, so it is not a key source (the value is not repeated here, since it could be the key itself)", valid);
                return source;
            default:
                model.Error("key", $"is '{source}', not a key source", valid);
                return source;
        }
    }

    private static string PublicKeyFile(ScenarioReader output, string key, string value)
    {
        var path = Resolve(output, key, value);
        try
        {
            IdentityFiles.ReadPublicKey(path);
        }
        catch (IdentityException e)
        {
            output.Error(key, e.Message, "a public key or certificate file of fedactors keys new (node.pub or node.crt), relative to the scenario file");
        }

        return path;
    }
}
