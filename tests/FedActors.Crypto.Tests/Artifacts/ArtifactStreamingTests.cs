using System.Diagnostics;
using System.Security.Cryptography;
using FedActors.Crypto.Artifacts;
using FedActors.Crypto.Envelope;
using Xunit;
using Xunit.Abstractions;

namespace FedActors.Crypto.Tests.Artifacts;

[CollectionDefinition(nameof(MemoryMeasurement), DisableParallelization = true)]
public sealed class MemoryMeasurement
{
}

/// <summary>
/// Streams a large payload through encryption and decryption without disk: generator → encrypting stream →
/// decrypting stream → hashing sink. The 2 GiB measurement for the README is
/// <c>FEDACTORS_STREAMING_TEST_BYTES=2147483648 dotnet test --filter ArtifactStreamingTests</c>.
/// </summary>
[Collection(nameof(MemoryMeasurement))]
public sealed class ArtifactStreamingTests(ITestOutputHelper output)
{
    private const long MemoryBound = 256L * 1024 * 1024;

    private static long PayloadBytes =>
        long.TryParse(Environment.GetEnvironmentVariable("FEDACTORS_STREAMING_TEST_BYTES"), out var bytes) ? bytes : 256L * 1024 * 1024;

    [Fact]
    public void A_large_payload_streams_through_encryption_and_decryption_in_bounded_memory()
    {
        using var owner = EcKeyPair.Generate();
        var length = PayloadBytes;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        var heapBefore = GC.GetTotalMemory(true);
        var workingSetBefore = process.WorkingSet64;
        var clock = Stopwatch.StartNew();

        using var encrypting = ArtifactCipher.OpenEncrypting(new PseudoRandomStream(length, 42), ArtifactKey.ForRecipient(owner.PublicKey));
        using var decrypting = ArtifactCipher.OpenDecrypting(encrypting, ArtifactKey.FromKeyPair(owner), "generated");
        using var sink = new HashingSink();
        decrypting.CopyTo(sink, ChunkedEncryptionStream.DefaultChunkSize);
        var elapsed = clock.Elapsed;

        process.Refresh();
        var peakWorkingSetGrowth = process.PeakWorkingSet64 - workingSetBefore;
        Assert.Equal(length, sink.BytesWritten);
        using var expected = new HashingSink();
        new PseudoRandomStream(length, 42).CopyTo(expected, 1 << 20);
        Assert.Equal(expected.Hash(), sink.Hash());
        Assert.True(sink.PeakHeapBytes - heapBefore < MemoryBound, $"managed heap grew by {(sink.PeakHeapBytes - heapBefore) >> 20} MiB");
        // The process peak includes everything since start; growth beyond the pre-test working set is bounded.
        Assert.True(peakWorkingSetGrowth < MemoryBound, $"peak working set grew by {peakWorkingSetGrowth >> 20} MiB");
        output.WriteLine($"streamed {length >> 20} MiB encrypt+decrypt in {elapsed.TotalSeconds:F1} s ({2.0 * length / (1 << 20) / elapsed.TotalSeconds:F0} MiB/s through both), heap growth {(sink.PeakHeapBytes - heapBefore) >> 20} MiB, peak working set growth {peakWorkingSetGrowth >> 20} MiB");
    }

    [Fact]
    public void The_pseudo_random_source_is_deterministic_and_not_constant()
    {
        var a = new byte[4096];
        var b = new byte[4096];
        new PseudoRandomStream(4096, 1).ReadExactly(a);
        new PseudoRandomStream(4096, 1).ReadExactly(b);
        Assert.Equal(a, b);
        Assert.True(a.Distinct().Count() > 200);
        Assert.NotEqual(SHA256.HashData(a), SHA256.HashData(new byte[4096]));
    }
}
