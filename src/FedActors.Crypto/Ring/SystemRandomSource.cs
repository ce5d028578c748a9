using System.Security.Cryptography;

namespace FedActors.Crypto.Ring;

/// <summary>The operating system's CSPRNG (<see cref="RandomNumberGenerator"/>): the source of every secret by default.</summary>
public sealed class SystemRandomSource : IRandomSource
{
    private SystemRandomSource()
    {
    }

    /// <summary>The shared instance (stateless and thread-safe).</summary>
    public static SystemRandomSource Instance { get; } = new();

    /// <inheritdoc />
    public bool IsDeterministic => false;

    /// <inheritdoc />
    public void Fill(Span<byte> destination) => RandomNumberGenerator.Fill(destination);
}
