using System.Buffers.Binary;
using FedActors.Remote.Framing;
using FedActors.Remote.Protos;
using Google.Protobuf;

namespace FedActors.Remote.Tests;

public sealed class FrameReaderTests
{
    [Fact]
    public async Task Written_frames_and_chunked_envelopes_read_back_equal()
    {
        var stream = new MemoryStream();
        var writer = new FrameWriter(stream, 32 * 1024);
        var small = new Frame { Envelope = new Envelope { Recipient = "fedactors://a@h:1/user/x", SerializerId = 4, Payload = ByteString.CopyFrom([1, 2, 3]) } };
        var large = new Frame { Envelope = new Envelope { Recipient = "fedactors://a@h:1/user/y", SerializerId = 4, Payload = ByteString.CopyFrom(new byte[200_000]) } };
        await writer.WriteAsync(small, CancellationToken.None);
        await writer.WriteAsync(large, CancellationToken.None);
        await writer.FlushAsync(CancellationToken.None);
        stream.Position = 0;
        var reader = new FrameReader(stream, 32 * 1024, 1024 * 1024, _ => false);

        Assert.True(stream.Length > large.CalculateSize() + 4 * (large.CalculateSize() / (32 * 1024)), "the large envelope travels as several frames");
        Assert.Equal(small, await reader.ReadAsync(CancellationToken.None));
        Assert.Equal(large, await reader.ReadAsync(CancellationToken.None));
        Assert.Null(await reader.ReadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_declared_length_above_the_maximum_is_refused_before_reading_the_body()
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(bytes, 1 << 30);
        var reader = new FrameReader(new MemoryStream(bytes), 32 * 1024, 1024 * 1024, _ => false);

        var error = await Assert.ThrowsAsync<FrameFormatException>(() => reader.ReadAsync(CancellationToken.None).AsTask());
        Assert.Contains("maximum-frame-size", error.Message);
    }

    [Fact]
    public async Task A_chunked_message_beyond_the_maximum_message_size_is_refused()
    {
        var stream = new MemoryStream();
        var writer = new FrameWriter(stream, 32 * 1024);
        await writer.WriteAsync(new Frame { Envelope = new Envelope { Payload = ByteString.CopyFrom(new byte[100_000]) } }, CancellationToken.None);
        await writer.FlushAsync(CancellationToken.None);
        stream.Position = 0;
        var reader = new FrameReader(stream, 32 * 1024, 64 * 1024, _ => false);

        var error = await Assert.ThrowsAsync<FrameFormatException>(() => reader.ReadAsync(CancellationToken.None).AsTask());
        Assert.Contains("maximum-message-size", error.Message);
    }

    [Fact]
    public async Task Random_and_mutated_bytes_give_frames_or_a_FrameFormatException_and_nothing_else()
    {
        var random = new Random(1234);
        var valid = new MemoryStream();
        var writer = new FrameWriter(valid, 32 * 1024);
        await writer.WriteAsync(new Frame { Handshake = new Handshake { Address = "fedactors://a@h:1", Uid = 5 } }, CancellationToken.None);
        await writer.WriteAsync(new Frame { Envelope = new Envelope { Recipient = "r", Sender = "s", Manifest = "m", Payload = ByteString.CopyFrom(new byte[100]) } }, CancellationToken.None);
        await writer.FlushAsync(CancellationToken.None);
        var template = valid.ToArray();

        for (var i = 0; i < 2000; i++)
        {
            byte[] bytes;
            if (i % 2 == 0)
            {
                bytes = new byte[random.Next(0, 300)];
                random.NextBytes(bytes);
            }
            else
            {
                bytes = (byte[])template.Clone();
                for (var flips = random.Next(1, 5); flips > 0; flips--)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)random.Next(1, 256);
                }
            }
            var reader = new FrameReader(new MemoryStream(bytes), 32 * 1024, 64 * 1024, _ => false);
            try
            {
                var frames = 0;
                while (await reader.ReadAsync(CancellationToken.None) is { } frame)
                {
                    Assert.NotEqual(Frame.KindOneofCase.None, frame.KindCase);
                    Assert.True(++frames <= bytes.Length);
                }
            }
            catch (FrameFormatException)
            {
            }
        }
    }
}
