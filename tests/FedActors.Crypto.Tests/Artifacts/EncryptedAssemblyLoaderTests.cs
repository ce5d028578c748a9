using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using FedActors.Crypto.Artifacts;
using FedActors.Crypto.Envelope;
using Xunit;

namespace FedActors.Crypto.Tests.Artifacts;

public sealed class EncryptedAssemblyLoaderTests : IDisposable
{
    private static readonly string SampleDll = Path.Combine(AppContext.BaseDirectory, "sample-model", "FedActors.Crypto.Tests.SampleModel.dll");
    private readonly string _directory = Directory.CreateTempSubdirectory("fedactors-asm-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void An_encrypted_assembly_loads_from_memory_runs_and_unloads_leaving_no_plaintext_on_disk()
    {
        var plaintext = File.ReadAllBytes(SampleDll);
        using var key = SymmetricKey.Generate();
        var encryptedPath = Path.Combine(_directory, "model.dll.enc");
        ArtifactFile.Write(encryptedPath, new MemoryStream(plaintext), ArtifactKey.FromSymmetricKey(key));

        var context = LoadRunAndUnload(encryptedPath, ArtifactKey.FromSymmetricKey(key));

        for (var attempt = 0; context.IsAlive && attempt < 20; attempt++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.False(context.IsAlive, "the collectible load context was not collected after unloading");
        Assert.DoesNotContain(AssemblyLoadContext.Default.Assemblies, a => a.GetName().Name == "FedActors.Crypto.Tests.SampleModel");
        AssertNoPlaintextUnder(_directory, plaintext);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference LoadRunAndUnload(string encryptedPath, ArtifactKey key)
    {
        using var loaded = EncryptedAssemblyLoader.Load(encryptedPath, key);
        Assert.True(loaded.Context.IsCollectible);
        Assert.Equal(string.Empty, loaded.Assembly.Location);
        var modelInterface = loaded.Assembly.GetType("FedActors.Crypto.Tests.SampleModel.ISampleModel", throwOnError: true)!;
        var type = Assert.Single(loaded.TypesImplementing(modelInterface));
        Assert.Equal("LinearModel", type.Name);
        var model = Activator.CreateInstance(type)!;
        Assert.Equal(7.0, (double)modelInterface.GetMethod("Predict")!.Invoke(model, [3.0])!);
        return new WeakReference(loaded.Context);
    }

    [Fact]
    public void A_model_encrypted_to_a_public_key_loads_with_the_private_key_only()
    {
        using var owner = EcKeyPair.Generate();
        using var stranger = EcKeyPair.Generate();
        var encryptedPath = Path.Combine(_directory, "model.dll.enc");
        ArtifactFile.EncryptFile(SampleDll, encryptedPath, ArtifactKey.ForRecipient(owner.PublicKey));
        Assert.Throws<ArtifactException>(() => EncryptedAssemblyLoader.Load(encryptedPath, ArtifactKey.FromKeyPair(stranger)));
        using var loaded = EncryptedAssemblyLoader.Load(encryptedPath, ArtifactKey.FromKeyPair(owner));
        Assert.Equal("FedActors.Crypto.Tests.SampleModel", loaded.Assembly.GetName().Name);
    }

    [Fact]
    public void Encrypted_bytes_that_are_not_an_assembly_are_refused_by_name()
    {
        using var key = SymmetricKey.Generate();
        using var encrypted = new MemoryStream();
        ArtifactCipher.Encrypt(new MemoryStream("not a dll"u8.ToArray()), encrypted, ArtifactKey.FromSymmetricKey(key));
        encrypted.Position = 0;
        var e = Assert.Throws<ArtifactException>(() => EncryptedAssemblyLoader.Load(encrypted, ArtifactKey.FromSymmetricKey(key), "weights.enc"));
        Assert.Contains("weights.enc: decrypted correctly but is not a .NET assembly", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Types_implementing_requires_an_interface()
    {
        using var key = SymmetricKey.Generate();
        var path = Path.Combine(_directory, "m.enc");
        ArtifactFile.EncryptFile(SampleDll, path, ArtifactKey.FromSymmetricKey(key));
        using var loaded = EncryptedAssemblyLoader.Load(path, ArtifactKey.FromSymmetricKey(key));
        Assert.Throws<ArgumentException>(() => loaded.TypesImplementing(typeof(string)));
        Assert.Empty(loaded.TypesImplementing(typeof(IDisposable)));
    }

    /// <summary>Fails if any file under <paramref name="directory"/> contains a 64-byte window of <paramref name="plaintext"/>.</summary>
    internal static void AssertNoPlaintextUnder(string directory, byte[] plaintext)
    {
        var probes = Enumerable.Range(0, 8).Select(i => plaintext.AsSpan((int)((long)plaintext.Length * i / 8), Math.Min(64, plaintext.Length)).ToArray()).ToArray();
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            var content = File.ReadAllBytes(file);
            foreach (var probe in probes)
            {
                Assert.True(content.AsSpan().IndexOf(probe) < 0, $"{file} contains plaintext");
            }
        }
    }
}
