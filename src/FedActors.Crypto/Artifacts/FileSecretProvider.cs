using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FedActors.Crypto.Envelope;

namespace FedActors.Crypto.Artifacts;

/// <summary>
/// Reads keys from JSON key files, scheme <c>file</c>: a file holding exactly <c>{"key": "&lt;base64 of 32 bytes&gt;"}</c>.
/// The file bytes and decoded key are zeroed after reading; no string copy of the key is made.
/// </summary>
public sealed class FileSecretProvider : ISecretProvider
{
    private const int MaxFileSize = 4096;

    /// <inheritdoc />
    public string Scheme => "file";

    /// <inheritdoc />
    public SymmetricKey ReadKey(string location)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        byte[] json;
        try
        {
            var info = new FileInfo(location);
            if (!info.Exists)
            {
                throw new ArtifactException($"key file '{location}' does not exist");
            }
            if (info.Length > MaxFileSize)
            {
                throw new ArtifactException($"key file '{location}' is {info.Length} bytes; a key file is a small JSON object {{\"key\": \"<base64>\"}}");
            }
            json = File.ReadAllBytes(location);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArtifactException($"key file '{location}' cannot be read: {e.Message}", e);
        }
        try
        {
            return Parse(json, location);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(json);
        }
    }

    /// <summary>Writes <paramref name="key"/> as a JSON key file readable by its owner only (mode 0600); refuses to overwrite.</summary>
    /// <exception cref="ArtifactException">The file exists or cannot be written.</exception>
    public static void WriteKeyFile(string path, SymmetricKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var bytes = key.Export();
        var base64 = new byte[((SymmetricKey.Size + 2) / 3) * 4];
        try
        {
            System.Buffers.Text.Base64.EncodeToUtf8(bytes, base64, out _, out _);
            // Unbuffered, so that the key is written from the arrays zeroed below and FileStream keeps no copy.
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, BufferSize = 0 };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            using var file = new FileStream(path, options);
            file.Write("{\"key\": \""u8);
            file.Write(base64);
            file.Write("\"}\n"u8);
        }
        catch (IOException e)
        {
            throw new ArtifactException($"key file '{path}' cannot be written (it must not exist yet): {e.Message}", e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
            CryptographicOperations.ZeroMemory(base64);
        }
    }

    private static SymmetricKey Parse(byte[] json, string location)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        byte[]? key = null;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw Invalid(location, "it is not a JSON object");
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!reader.ValueTextEquals("key"u8))
                {
                    throw Invalid(location, $"it has the unknown property '{Encoding.UTF8.GetString(reader.ValueSpan)}'; the only property is \"key\"");
                }
                if (key is not null)
                {
                    throw Invalid(location, "\"key\" appears twice");
                }
                if (!reader.Read() || reader.TokenType != JsonTokenType.String || !reader.TryGetBytesFromBase64(out key))
                {
                    throw Invalid(location, "\"key\" is not a base64 string");
                }
            }
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                throw Invalid(location, "it is not a single JSON object");
            }
            if (key is null)
            {
                throw Invalid(location, "it has no \"key\" property");
            }
            if (key.Length != SymmetricKey.Size)
            {
                throw Invalid(location, $"\"key\" decodes to {key.Length} bytes; an artifact key is {SymmetricKey.Size} bytes (256 bits)");
            }
            return SymmetricKey.FromBytes(key);
        }
        catch (JsonException e)
        {
            throw new ArtifactException($"key file '{location}' is not valid JSON at byte {e.BytePositionInLine}; expected {{\"key\": \"<base64>\"}}", e);
        }
        finally
        {
            if (key is not null)
            {
                CryptographicOperations.ZeroMemory(key);
            }
        }
    }

    private static ArtifactException Invalid(string location, string what) =>
        new($"key file '{location}' is invalid: {what}; expected {{\"key\": \"<base64 of 32 bytes>\"}}");
}
