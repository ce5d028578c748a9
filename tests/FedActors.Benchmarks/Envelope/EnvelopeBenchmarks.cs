using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using FedActors.Crypto.Artifacts;
using FedActors.Crypto.Envelope;

namespace FedActors.Benchmarks.Envelope;

/// <summary>
/// Envelope and artifact costs: ECDSA P-256 sign/verify of a contribution-sized canonical message, sealing and
/// opening 1 KB and 1 MB, and streaming artifact encryption/decryption of 64 MiB (MB/s = 64 / mean seconds).
/// Run: <c>dotnet run -c Release --project tests/FedActors.Benchmarks -- --filter '*EnvelopeBenchmarks*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class EnvelopeBenchmarks
{
    private const int ArtifactBytes = 64 * 1024 * 1024;
    private EcKeyPair _key = null!;
    private SymmetricKey _symmetric = null!;
    private byte[] _message = null!;
    private byte[] _signature = null!;
    private byte[] _kilobyte = null!;
    private byte[] _megabyte = null!;
    private byte[] _sealedKilobyte = null!;
    private byte[] _sealedMegabyte = null!;
    private byte[] _artifactPlaintext = null!;
    private byte[] _artifactPublic = null!;
    private byte[] _artifactSymmetric = null!;

    [GlobalSetup]
    public void Setup()
    {
        _key = EcKeyPair.Generate();
        _symmetric = SymmetricKey.Generate();
        _message = new CanonicalEncoder("fedactors/contribution/v1")
            .Add("run-1").Add(3L).Add(17L).Add(RandomNumberGenerator.GetBytes(16)).Add("client-42").Add(RandomNumberGenerator.GetBytes(32))
            .ToArray();
        _signature = _key.Sign(_message);
        _kilobyte = RandomNumberGenerator.GetBytes(1024);
        _megabyte = RandomNumberGenerator.GetBytes(1024 * 1024);
        _sealedKilobyte = SealedBox.Seal(_key.PublicKey, _kilobyte, "ad"u8);
        _sealedMegabyte = SealedBox.Seal(_key.PublicKey, _megabyte, "ad"u8);
        _artifactPlaintext = RandomNumberGenerator.GetBytes(ArtifactBytes);
        _artifactPublic = Encrypt(ArtifactKey.ForRecipient(_key.PublicKey));
        _artifactSymmetric = Encrypt(ArtifactKey.FromSymmetricKey(_symmetric));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _key.Dispose();
        _symmetric.Dispose();
    }

    private byte[] Encrypt(ArtifactKey key)
    {
        using var output = new MemoryStream(ArtifactBytes + (ArtifactBytes / 1024));
        ArtifactCipher.Encrypt(new MemoryStream(_artifactPlaintext), output, key);
        return output.ToArray();
    }

    [Benchmark]
    public byte[] Sign() => _key.Sign(_message);

    [Benchmark]
    public bool Verify() => _key.PublicKey.Verify(_message, _signature);

    [Benchmark]
    public byte[] Seal1KB() => SealedBox.Seal(_key.PublicKey, _kilobyte, "ad"u8);

    [Benchmark]
    public byte[] Open1KB() => SealedBox.Open(_key, _sealedKilobyte, "ad"u8);

    [Benchmark]
    public byte[] Seal1MB() => SealedBox.Seal(_key.PublicKey, _megabyte, "ad"u8);

    [Benchmark]
    public byte[] Open1MB() => SealedBox.Open(_key, _sealedMegabyte, "ad"u8);

    [Benchmark]
    public byte[] GroupEncrypt1KB() => _symmetric.Encrypt(_kilobyte, "ad"u8);

    [Benchmark]
    public long ArtifactEncryptPublicKey64MiB()
    {
        using var encrypting = ArtifactCipher.OpenEncrypting(new MemoryStream(_artifactPlaintext), ArtifactKey.ForRecipient(_key.PublicKey));
        return Drain(encrypting);
    }

    [Benchmark]
    public long ArtifactDecryptPublicKey64MiB()
    {
        using var decrypting = ArtifactCipher.OpenDecrypting(new MemoryStream(_artifactPublic), ArtifactKey.FromKeyPair(_key), "benchmark");
        return Drain(decrypting);
    }

    [Benchmark]
    public long ArtifactDecryptSymmetric64MiB()
    {
        using var decrypting = ArtifactCipher.OpenDecrypting(new MemoryStream(_artifactSymmetric), ArtifactKey.FromSymmetricKey(_symmetric), "benchmark");
        return Drain(decrypting);
    }

    private static long Drain(Stream stream)
    {
        var buffer = new byte[ChunkedEncryptionStream.DefaultChunkSize + ChunkedEncryptionStream.TagSize];
        long total = 0;
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            total += read;
        }
        return total;
    }
}
