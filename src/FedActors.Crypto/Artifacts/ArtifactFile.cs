using System.Security.Cryptography;
using FedActors.Crypto.Envelope;

namespace FedActors.Crypto.Artifacts;

/// <summary>
/// Encrypted artifacts as files. Output is written to a temporary file beside the target and renamed
/// into place only when complete, so a failure never leaves a partial file; output files (encrypted or
/// decrypted) are created with mode 0600 on Unix.
/// </summary>
public static class ArtifactFile
{
    /// <summary>
    /// Writes <paramref name="plaintext"/> encrypted for <paramref name="key"/> to <paramref name="path"/>;
    /// no plaintext touches the disk (for a model written with <c>output.encrypt-to</c>, say).
    /// </summary>
    public static void Write(string path, Stream plaintext, ArtifactKey key, int chunkSize = ChunkedEncryptionStream.DefaultChunkSize)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        WriteAtomically(path, output => ArtifactCipher.Encrypt(plaintext, output, key, chunkSize));
    }

    /// <summary>Encrypts the file at <paramref name="inputPath"/> into <paramref name="outputPath"/>.</summary>
    /// <exception cref="ArtifactException">The input file cannot be read.</exception>
    public static void EncryptFile(string inputPath, string outputPath, ArtifactKey key, int chunkSize = ChunkedEncryptionStream.DefaultChunkSize)
    {
        using var input = OpenRead(inputPath, "input file");
        Write(outputPath, input, key, chunkSize);
    }

    /// <summary>Decrypts the artifact at <paramref name="path"/> into <paramref name="output"/>.</summary>
    /// <exception cref="ArtifactException">The artifact is malformed, modified, truncated, or not for <paramref name="key"/>.</exception>
    public static void Read(string path, Stream output, ArtifactKey key)
    {
        using var input = OpenRead(path, "encrypted artifact");
        ArtifactCipher.Decrypt(input, output, key, path);
    }

    /// <summary>Decrypts the artifact at <paramref name="path"/> into memory (sized from the header, so no stray copies are left behind).</summary>
    /// <exception cref="ArtifactException">The artifact is malformed, modified, truncated, or not for <paramref name="key"/>.</exception>
    public static byte[] ReadAllBytes(string path, ArtifactKey key)
    {
        using var input = OpenRead(path, "encrypted artifact");
        return DecryptToArray(input, key, path);
    }

    /// <summary>
    /// Decrypts the artifact at <paramref name="inputPath"/> into the file <paramref name="outputPath"/>
    /// (mode 0600). If decryption fails, no output file is left.
    /// </summary>
    /// <exception cref="ArtifactException">The artifact is malformed, modified, truncated, or not for <paramref name="key"/>.</exception>
    public static void DecryptFile(string inputPath, string outputPath, ArtifactKey key)
    {
        using var input = OpenRead(inputPath, "encrypted artifact");
        WriteAtomically(outputPath, output => ArtifactCipher.Decrypt(input, output, key, inputPath));
    }

    /// <summary>Reads the header of the artifact at <paramref name="path"/> without any key.</summary>
    /// <exception cref="ArtifactException">The file cannot be read or its header is malformed.</exception>
    public static ArtifactHeader ReadHeader(string path)
    {
        using var input = OpenRead(path, "encrypted artifact");
        return ArtifactHeader.Read(input, path);
    }

    /// <summary>Decrypts a whole artifact from a stream into an array sized from the header when the stream can tell its length.</summary>
    internal static byte[] DecryptToArray(Stream input, ArtifactKey key, string sourceName)
    {
        long? expected = null;
        if (input.CanSeek)
        {
            // Only a stream that can be rewound lets the header be read twice: here for the plaintext size, then to decrypt.
            var start = input.Position;
            expected = ArtifactHeader.Read(input, sourceName).PlaintextLength(input.Length - start);
            input.Position = start;
        }
        using var decrypting = ArtifactCipher.OpenDecrypting(input, key, sourceName, leaveOpen: true);
        if (expected is { } length && length <= Array.MaxLength)
        {
            var plaintext = GC.AllocateUninitializedArray<byte>((int)length);
            try
            {
                decrypting.ReadExactly(plaintext);
                if (decrypting.Read(stackalloc byte[1]) != 0)
                {
                    throw new ArtifactException($"{sourceName}: the artifact holds more plaintext than its length implies");
                }
                return plaintext;
            }
            catch
            {
                // The chunks read before the failure were authentic plaintext: do not leave them in the heap.
                CryptographicOperations.ZeroMemory(plaintext);
                throw;
            }
        }
        // The stream cannot tell its length: every buffer the plaintext grows through is zeroed once copied out.
        var buffer = new MemoryStream();
        try
        {
            var chunk = new byte[ChunkedEncryptionStream.DefaultChunkSize];
            try
            {
                int read;
                while ((read = decrypting.Read(chunk)) > 0)
                {
                    GrowZeroing(buffer, read);
                    buffer.Write(chunk, 0, read);
                }
            }
            finally
            {
                CryptographicOperations.ZeroMemory(chunk);
            }
            return buffer.ToArray();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer.GetBuffer());
        }
    }

    /// <summary>Doubles the capacity of <paramref name="buffer"/> itself when <paramref name="count"/> more bytes would not fit, zeroing the old array.</summary>
    private static void GrowZeroing(MemoryStream buffer, int count)
    {
        if (buffer.Length + count <= buffer.Capacity)
        {
            return;
        }
        var old = buffer.GetBuffer();
        var length = (int)buffer.Length;
        buffer.Capacity = (int)Math.Min(Array.MaxLength, Math.Max(buffer.Length + count, 2L * buffer.Capacity));
        CryptographicOperations.ZeroMemory(old.AsSpan(0, length));
    }

    internal static FileStream OpenRead(string path, string what)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArtifactException($"{path}: cannot open the {what}: {e.Message}", e);
        }
    }

    private static void WriteAtomically(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.partial");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, BufferSize = 0 };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            using (var output = new FileStream(temporary, options))
            {
                write(output);
                output.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            throw new ArtifactException($"{path}: cannot write the output file: {e.Message}", e);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
