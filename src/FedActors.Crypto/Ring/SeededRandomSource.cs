using System.Buffers.Binary;
using System.Security.Cryptography;

namespace FedActors.Crypto.Ring;

/// <summary>
/// A deterministic CSPRNG: AES-256 in counter mode keyed by a 32-byte seed. The same seed gives the same bytes on
/// every machine, which is what a simulation needs for bit-for-bit replay; anyone who knows the seed knows every
/// secret drawn from it, so cluster mode must refuse it. Not thread-safe. Disposing erases the key.
/// </summary>
public sealed class SeededRandomSource : IRandomSource, IDisposable
{
    private const int BlockBytes = 16384;

    private readonly Aes _aes;
    private readonly ICryptoTransform _transform;
    private readonly byte[] _counterBlocks = new byte[BlockBytes];
    private readonly byte[] _buffer = new byte[BlockBytes];
    private ulong _counter;
    private int _position = BlockBytes;
    private bool _disposed;

    /// <summary>Creates the generator from a 32-byte seed.</summary>
    /// <exception cref="ArgumentException">The seed is not 32 bytes.</exception>
    public SeededRandomSource(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != 32)
        {
            throw new ArgumentException($"A seed is 32 bytes, got {seed.Length}.", nameof(seed));
        }
        _aes = Aes.Create();
        _aes.Key = seed.ToArray();
        _aes.Mode = CipherMode.ECB;
        _aes.Padding = PaddingMode.None;
        // One transform for the generator's lifetime: the one-shot ECB call sets up a cipher context per call, which
        // costs more than encrypting a few kilobytes.
        _transform = _aes.CreateEncryptor();
    }

    /// <summary>Creates a generator whose seed is SHA-256 of a label and a number, for tests and simulations.</summary>
    public static SeededRandomSource FromLabel(string label, long number)
    {
        ArgumentNullException.ThrowIfNull(label);
        var seed = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{label}/{number}"));
        return new SeededRandomSource(seed);
    }

    /// <inheritdoc />
    public bool IsDeterministic => true;

    /// <inheritdoc />
    public void Fill(Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (destination.Length > 0)
        {
            if (_position == BlockBytes)
            {
                Refill();
            }
            var take = Math.Min(destination.Length, BlockBytes - _position);
            _buffer.AsSpan(_position, take).CopyTo(destination);
            _position += take;
            destination = destination[take..];
        }
    }

    /// <summary>Erases the key and buffered output.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        CryptographicOperations.ZeroMemory(_buffer);
        _transform.Dispose();
        _aes.Dispose();
    }

    private void Refill()
    {
        for (var offset = 0; offset < BlockBytes; offset += 16)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(_counterBlocks.AsSpan(offset), _counter++);
        }
        _transform.TransformBlock(_counterBlocks, 0, BlockBytes, _buffer, 0);
        _position = 0;
    }
}
