using System.Runtime.Loader;
using System.Security.Cryptography;

namespace FedActors.Crypto.Artifacts;

/// <summary>
/// Loads model code shipped as an encrypted .NET assembly (made with <c>fedactors artifact encrypt</c>):
/// the artifact is decrypted with the run-time key into memory and loaded from there into a collectible
/// <see cref="AssemblyLoadContext"/>. The plaintext assembly is never written to disk, and the decrypted
/// buffer is zeroed once the runtime has its own copy.
/// </summary>
/// <remarks>
/// The assembly's references resolve from the default load context (FedActors and framework assemblies), so
/// its types implement the host's interfaces; a model needing other libraries must ship them merged into it.
/// </remarks>
public static class EncryptedAssemblyLoader
{
    /// <summary>Decrypts and loads the encrypted assembly at <paramref name="path"/>.</summary>
    /// <exception cref="ArtifactException">The artifact cannot be decrypted with <paramref name="key"/>, or is not a loadable assembly.</exception>
    public static DecryptedAssembly Load(string path, ArtifactKey key)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var input = ArtifactFile.OpenRead(path, "encrypted assembly");
        return Load(input, key, path);
    }

    /// <summary>Decrypts and loads the encrypted assembly read from <paramref name="encrypted"/>.</summary>
    /// <param name="encrypted">The artifact; left open.</param>
    /// <param name="key">The run-time key that decrypts it.</param>
    /// <param name="sourceName">Names the artifact in error messages.</param>
    /// <exception cref="ArtifactException">The artifact cannot be decrypted with <paramref name="key"/>, or is not a loadable assembly.</exception>
    public static DecryptedAssembly Load(Stream encrypted, ArtifactKey key, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(encrypted);
        ArgumentNullException.ThrowIfNull(key);
        var plaintext = ArtifactFile.DecryptToArray(encrypted, key, sourceName);
        var context = new AssemblyLoadContext($"encrypted:{Path.GetFileName(sourceName)}", isCollectible: true);
        try
        {
            using var image = new MemoryStream(plaintext, writable: false);
            return new DecryptedAssembly(context, context.LoadFromStream(image));
        }
        catch (BadImageFormatException e)
        {
            context.Unload();
            throw new ArtifactException($"{sourceName}: decrypted correctly but is not a .NET assembly: {e.Message}", e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
