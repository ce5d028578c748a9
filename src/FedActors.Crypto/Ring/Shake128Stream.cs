using System.Security.Cryptography;

namespace FedActors.Crypto.Ring;

/// <summary>
/// The SHAKE-128 extendable output of one input, read as a stream: public, reproducible randomness (the common
/// reference string, the regenerated c1 of a seeded ciphertext). The platform may not offer incremental squeezing, so
/// the stream re-derives a longer prefix when it runs out; SHAKE's output for a longer length always extends the
/// shorter one, so the bytes are those of a single XOF stream.
/// </summary>
public sealed class Shake128Stream : IRandomSource
{
    private readonly byte[] _input;
    private byte[] _output;
    private int _position;

    /// <summary>Starts the stream of SHAKE-128(<paramref name="input"/>), pre-computing <paramref name="expectedBytes"/> bytes.</summary>
    /// <exception cref="PlatformNotSupportedException">The platform has no SHAKE-128.</exception>
    public Shake128Stream(ReadOnlySpan<byte> input, int expectedBytes = 4096)
    {
        if (!Shake128.IsSupported)
        {
            throw new PlatformNotSupportedException("SHAKE-128 is not available on this platform (it needs OpenSSL 1.1.1 or later).");
        }
        _input = input.ToArray();
        _output = Shake128.HashData(_input, Math.Max(expectedBytes, 64));
    }

    /// <inheritdoc />
    public bool IsDeterministic => true;

    /// <inheritdoc />
    public void Fill(Span<byte> destination)
    {
        if (_position + destination.Length > _output.Length)
        {
            var length = Math.Max(_output.Length * 2, _position + destination.Length);
            _output = Shake128.HashData(_input, length);
        }
        _output.AsSpan(_position, destination.Length).CopyTo(destination);
        _position += destination.Length;
    }
}
