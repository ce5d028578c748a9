using FedActors.Crypto.Artifacts;
using FedActors.Crypto.Envelope;
using FedActors.Crypto.Identity;

namespace FedActors.Federation.Tests.Artifacts;

/// <summary>
/// Key material and the encrypted sample model, made once per test class in a temporary directory: a symmetric
/// model key (and a second, wrong one), the sample model assembly encrypted with the first, and the key pairs of a
/// model owner and of a node with their public key files.
/// </summary>
public sealed class ArtifactFixture : IDisposable
{
    public const string EncryptedModel = "sample-model.dll.enc";
    public const string ModelKey = "model-key.json";
    public const string WrongKey = "wrong-key.json";
    public const string OwnerPublicKey = "owner/node.pub";
    public const string NodePublicKey = "site/node.pub";

    public ArtifactFixture()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("fedactors-artifacts-").FullName;
        AssemblyBytes = File.ReadAllBytes(SampleDll);
        using (var key = SymmetricKey.Generate())
        {
            FileSecretProvider.WriteKeyFile(PathOf(ModelKey), key);
            ArtifactFile.EncryptFile(SampleDll, PathOf(EncryptedModel), ArtifactKey.FromSymmetricKey(key));
        }

        using (var wrong = SymmetricKey.Generate())
        {
            FileSecretProvider.WriteKeyFile(PathOf(WrongKey), wrong);
        }

        Owner = EcKeyPair.Generate();
        Node = EcKeyPair.Generate();
        System.IO.Directory.CreateDirectory(PathOf("owner"));
        System.IO.Directory.CreateDirectory(PathOf("site"));
        IdentityFiles.WritePublicKey(PathOf(OwnerPublicKey), Owner.PublicKey);
        IdentityFiles.WritePublicKey(PathOf(NodePublicKey), Node.PublicKey);
    }

    /// <summary>The plaintext sample model assembly, built beside the tests but never loaded into the default context.</summary>
    public static string SampleDll { get; } = Path.Combine(AppContext.BaseDirectory, "sample-model", "FedActors.Federation.Tests.SampleModel.dll");

    public string Directory { get; }

    public byte[] AssemblyBytes { get; }

    public EcKeyPair Owner { get; }

    public EcKeyPair Node { get; }

    public string PathOf(string relative) => Path.Combine(Directory, relative);

    public void Dispose()
    {
        Owner.Dispose();
        Node.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
