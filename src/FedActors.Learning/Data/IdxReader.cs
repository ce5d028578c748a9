using System.Buffers.Binary;
using System.IO.Compression;

namespace FedActors.Learning.Data;

/// <summary>
/// Reads IDX files (LeCun's MNIST format): two zero bytes, a type byte, a dimension count, that many
/// big-endian 32-bit extents, then the data. Only unsigned bytes (type 0x08) are accepted. Every
/// header field and the exact data length are checked, so a truncated or corrupt file fails with a
/// <see cref="DataFormatException"/> naming the file, never with an index error or a huge allocation.
/// </summary>
public static class IdxReader
{
    /// <summary>Largest decompressed size accepted from a .gz file (the MNIST training images are 47 MB).</summary>
    public const int MaxBytes = 256 * 1024 * 1024;

    private const byte UnsignedByte = 0x08;

    /// <summary>Reads <paramref name="path"/>, decompressing it first when it ends in <c>.gz</c>.</summary>
    /// <exception cref="DataFormatException">The file is not a valid IDX file of unsigned bytes.</exception>
    public static IdxArray ReadFile(string path)
    {
        byte[] bytes;
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            using var file = File.OpenRead(path);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            bytes = ReadBounded(gzip, path);
        }
        else
        {
            bytes = File.ReadAllBytes(path);
        }
        return Parse(bytes, path);
    }

    /// <summary>Parses IDX bytes; <paramref name="source"/> names them in error messages.</summary>
    /// <exception cref="DataFormatException">The bytes are not a valid IDX array of unsigned bytes.</exception>
    public static IdxArray Parse(ReadOnlySpan<byte> bytes, string source)
    {
        if (bytes.Length < 4)
        {
            throw new DataFormatException($"{source}: {bytes.Length} bytes is too short for an IDX header (4 bytes of magic).");
        }
        if (bytes[0] != 0 || bytes[1] != 0)
        {
            throw new DataFormatException($"{source}: IDX magic must start with two zero bytes, found 0x{bytes[0]:x2} 0x{bytes[1]:x2}.");
        }
        if (bytes[2] != UnsignedByte)
        {
            throw new DataFormatException($"{source}: IDX type 0x{bytes[2]:x2} is not supported; expected 0x08 (unsigned byte).");
        }
        int rank = bytes[3];
        if (rank is < 1 or > 4)
        {
            throw new DataFormatException($"{source}: IDX dimension count must be 1 to 4, was {rank}.");
        }
        var header = 4 + 4 * rank;
        if (bytes.Length < header)
        {
            throw new DataFormatException($"{source}: {bytes.Length} bytes is too short for an IDX header of {rank} dimensions ({header} bytes).");
        }
        var dimensions = new int[rank];
        long size = 1;
        for (var d = 0; d < rank; d++)
        {
            var extent = BinaryPrimitives.ReadInt32BigEndian(bytes.Slice(4 + 4 * d, 4));
            if (extent <= 0)
            {
                throw new DataFormatException($"{source}: IDX dimension {d} must be > 0, was {extent}.");
            }
            dimensions[d] = extent;
            size *= extent;
            if (size > MaxBytes)
            {
                throw new DataFormatException($"{source}: IDX dimensions [{string.Join(", ", dimensions[..(d + 1)])}] exceed the {MaxBytes}-byte limit.");
            }
        }
        var data = bytes[header..];
        if (data.Length != size)
        {
            throw new DataFormatException($"{source}: IDX header [{string.Join(", ", dimensions)}] announces {size} data bytes, the file has {data.Length}.");
        }
        return new IdxArray(dimensions, data.ToArray());
    }

    private static byte[] ReadBounded(Stream stream, string source)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        try
        {
            while ((read = stream.Read(chunk)) > 0)
            {
                if (buffer.Length + read > MaxBytes)
                {
                    throw new DataFormatException($"{source}: decompresses to more than {MaxBytes} bytes; not an MNIST-sized IDX file.");
                }
                buffer.Write(chunk, 0, read);
            }
        }
        catch (InvalidDataException ex)
        {
            throw new DataFormatException($"{source}: not a valid gzip stream ({ex.Message}).");
        }
        return buffer.ToArray();
    }
}
