using System.Buffers.Binary;
using System.Runtime.InteropServices;
using FedActors.Remote.Framing;
using FedActors.Remote.Protos;
using FsCheck;
using FsCheck.Fluent;
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

    [Fact]
    public async Task A_64_MiB_byte_array_round_trips_byte_exact_into_an_array_of_its_own()
    {
        var payload = ChunkStreams.RandomBytes(64 * 1024 * 1024 + 3, 1);
        var bytes = await ChunkStreams.WriteAsync(ChunkStreams.Envelope(payload));
        var reader = new FrameReader(new MemoryStream(bytes), ChunkStreams.FrameSize, 128 * 1024 * 1024, id => id == 4);

        var frame = await reader.ReadAsync(CancellationToken.None);

        Assert.True(MemoryMarshal.TryGetArray(frame!.Envelope.Payload.Memory, out var array));
        Assert.Equal(payload.Length, array.Array!.Length);
        Assert.True(payload.AsSpan().SequenceEqual(array.Array), "the reassembled payload differs");
        Assert.Equal("fedactors://b@127.0.0.1:2/user/source", frame.Envelope.Sender);
        Assert.Null(await reader.ReadAsync(CancellationToken.None));
    }

    [Fact]
    public void Any_payload_length_and_frame_size_round_trips_byte_exact()
    {
        // Lengths around the frame size are where an envelope switches between one frame and chunks.
        var cases = (from frame in Gen.Choose(32 * 1024, 96 * 1024)
                     from length in Gen.OneOf(Gen.Choose(0, 3 * frame), Gen.Choose(frame - 64, frame + 64))
                     from serializer in Gen.Elements(2, 4)
                     select (Frame: frame, Length: length, Serializer: serializer)).ToArbitrary();

        Prop.ForAll(cases, c =>
        {
            var payload = ChunkStreams.RandomBytes(c.Length, c.Length);
            var stream = new MemoryStream();
            var writer = new FrameWriter(stream, c.Frame);
            writer.WriteAsync(new Frame { Envelope = ChunkStreams.Envelope(payload, c.Serializer) }, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            writer.FlushAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
            stream.Position = 0;
            var reader = new FrameReader(stream, c.Frame, 1024 * 1024, id => id == 4);

            var envelope = reader.ReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult()!.Envelope;

            Assert.True(payload.AsSpan().SequenceEqual(envelope.Payload.Span), $"payload of {c.Length} bytes in frames of {c.Frame} differs");
            Assert.Equal(c.Serializer, envelope.SerializerId);
            Assert.Null(reader.ReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult());
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public async Task Chunks_carry_the_envelope_header_first_and_then_only_payload_bytes()
    {
        var payload = ChunkStreams.RandomBytes(100_000, 2);

        var frames = ChunkStreams.Split(await ChunkStreams.WriteAsync(ChunkStreams.Envelope(payload)));

        var chunks = frames.Select(f => Frame.Parser.ParseFrom(f.AsSpan(4)).Chunk).ToList();
        var header = ChunkStreams.Envelope(payload).Clone();
        header.Payload = ByteString.Empty;
        var expected = new MemoryStream();
        var output = new CodedOutputStream(expected);
        header.WriteTo(output);
        output.WriteTag(5, WireFormat.WireType.LengthDelimited);
        output.WriteLength(payload.Length);
        output.Flush();
        Assert.Equal(expected.ToArray(), chunks[0].Data.ToByteArray());
        Assert.Equal(payload, chunks.Skip(1).SelectMany(c => c.Data.ToByteArray()).ToArray());
        Assert.Equal((ulong)(chunks.Sum(c => c.Data.Length)), chunks[0].TotalSize);
        Assert.All(chunks.SkipLast(1), c => Assert.False(c.Last));
        Assert.True(chunks[^1].Last);
    }

    [Fact]
    public async Task Two_chunked_messages_in_a_row_read_back_in_order()
    {
        var first = ChunkStreams.RandomBytes(200_000, 3);
        var second = ChunkStreams.RandomBytes(150_000, 4);
        var reader = new FrameReader(new MemoryStream(await ChunkStreams.WriteAsync(ChunkStreams.Envelope(first), ChunkStreams.Envelope(second, serializerId: 2))), ChunkStreams.FrameSize, 1024 * 1024, id => id == 4);

        var a = await reader.ReadAsync(CancellationToken.None);
        Assert.True(first.AsSpan().SequenceEqual(a!.Envelope.Payload.Span));
        var b = await reader.ReadAsync(CancellationToken.None);
        Assert.True(second.AsSpan().SequenceEqual(b!.Envelope.Payload.Span));
        Assert.Equal(2, b.Envelope.SerializerId);
    }

    [Fact]
    public async Task Interleaved_chunks_of_two_messages_are_refused()
    {
        var a = ChunkStreams.Split(await ChunkStreams.WriteAsync(ChunkStreams.Envelope(ChunkStreams.RandomBytes(100_000, 5))));
        var b = ChunkStreams.Split(await ChunkStreams.WriteAsync(ChunkStreams.Envelope(ChunkStreams.RandomBytes(100_000, 6))));
        byte[] interleaved = [.. a[0], .. a[1], .. b[0], .. b[1], .. a[2]];
        var reader = new FrameReader(new MemoryStream(interleaved), ChunkStreams.FrameSize, 1024 * 1024, id => id == 4);

        var error = await Assert.ThrowsAsync<FrameFormatException>(() => reader.ReadAsync(CancellationToken.None).AsTask());
        Assert.Contains("began before the previous one ended", error.Message);
    }

    [Fact]
    public async Task A_frame_between_chunks_is_refused()
    {
        var chunks = ChunkStreams.Split(await ChunkStreams.WriteAsync(ChunkStreams.Envelope(ChunkStreams.RandomBytes(100_000, 7))));
        var small = ChunkStreams.Split(await ChunkStreams.WriteAsync(ChunkStreams.Envelope([1, 2, 3])))[0];
        var reader = new FrameReader(new MemoryStream([.. chunks[0], .. chunks[1], .. small, .. chunks[2]]), ChunkStreams.FrameSize, 1024 * 1024, id => id == 4);

        var error = await Assert.ThrowsAsync<FrameFormatException>(() => reader.ReadAsync(CancellationToken.None).AsTask());
        Assert.Contains("interrupted a chunked message", error.Message);
    }

    [Fact]
    public async Task A_chunk_sequence_cut_at_any_point_ends_in_a_FrameFormatException()
    {
        var bytes = await ChunkStreams.WriteAsync(ChunkStreams.Envelope(ChunkStreams.RandomBytes(100_000, 8)));
        var random = new Random(9);

        for (var i = 0; i < 200; i++)
        {
            var cut = random.Next(1, bytes.Length);
            var reader = new FrameReader(new MemoryStream(bytes, 0, cut), ChunkStreams.FrameSize, 1024 * 1024, id => id == 4);

            await Assert.ThrowsAsync<FrameFormatException>(() => reader.ReadAsync(CancellationToken.None).AsTask());
        }
    }

    [Fact]
    public async Task Garbled_chunk_sequences_give_envelopes_or_a_FrameFormatException_and_nothing_else()
    {
        var template = await ChunkStreams.WriteAsync(ChunkStreams.Envelope(ChunkStreams.RandomBytes(70_000, 10)));
        var frameStarts = new List<int>();
        for (var position = 0; position < template.Length; position += 4 + BinaryPrimitives.ReadInt32BigEndian(template.AsSpan(position)))
        {
            frameStarts.Add(position);
        }
        var random = new Random(11);

        for (var i = 0; i < 1000; i++)
        {
            var bytes = (byte[])template.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                // Aim at the frame and chunk headers, where the decoder makes its decisions.
                var at = frameStarts[random.Next(frameStarts.Count)] + random.Next(0, 40);
                bytes[Math.Min(at, bytes.Length - 1)] ^= (byte)random.Next(1, 256);
            }
            var reader = new FrameReader(new MemoryStream(bytes), ChunkStreams.FrameSize, 1024 * 1024, id => id % 2 == 0);
            try
            {
                while (await reader.ReadAsync(CancellationToken.None) is { } frame)
                {
                    Assert.NotEqual(Frame.KindOneofCase.None, frame.KindCase);
                }
            }
            catch (FrameFormatException)
            {
            }
        }
    }
}
