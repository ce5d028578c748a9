using System.Buffers.Binary;
using FedActors.Remote.Framing;
using FedActors.Remote.Protos;
using Google.Protobuf;

namespace FedActors.Remote.Tests;

/// <summary>Writes envelopes with the production <see cref="FrameWriter"/> and splits the bytes back into frames, to build chunk sequences.</summary>
internal static class ChunkStreams
{
    public const int FrameSize = 32 * 1024;

    public static Envelope Envelope(byte[] payload, int serializerId = 4) => new()
    {
        Recipient = "fedactors://a@127.0.0.1:1/user/sink",
        Sender = "fedactors://b@127.0.0.1:2/user/source",
        SerializerId = serializerId,
        Payload = UnsafeByteOperations.UnsafeWrap(payload),
    };

    public static async Task<byte[]> WriteAsync(params Envelope[] envelopes)
    {
        var stream = new MemoryStream();
        var writer = new FrameWriter(stream, FrameSize);
        foreach (var envelope in envelopes)
        {
            await writer.WriteAsync(new Frame { Envelope = envelope }, CancellationToken.None);
        }
        await writer.FlushAsync(CancellationToken.None);
        return stream.ToArray();
    }

    /// <summary>The frames (length prefix included) of a written stream.</summary>
    public static List<byte[]> Split(byte[] bytes)
    {
        var frames = new List<byte[]>();
        for (var position = 0; position < bytes.Length;)
        {
            var length = 4 + BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(position));
            frames.Add(bytes.AsSpan(position, length).ToArray());
            position += length;
        }
        return frames;
    }

    public static byte[] RandomBytes(int count, int seed)
    {
        var bytes = GC.AllocateUninitializedArray<byte>(count);
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
