using System.Security.Cryptography;

namespace FedActors.Crypto.Envelope;

/// <summary>
/// A SHA-256 fingerprint (32 bytes) identifying a key or a certificate. Its text form is
/// <c>sha256:</c> followed by 64 lowercase hexadecimal digits; equality is by value.
/// </summary>
public sealed class Fingerprint : IEquatable<Fingerprint>
{
    /// <summary>The number of bytes in a fingerprint.</summary>
    public const int Size = 32;

    private const string Prefix = "sha256:";
    private readonly byte[] _bytes;

    private Fingerprint(byte[] bytes) => _bytes = bytes;

    /// <summary>The fingerprint's 32 bytes (a copy).</summary>
    public byte[] ToArray() => (byte[])_bytes.Clone();

    /// <summary>The fingerprint's 32 bytes, read-only.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>Computes the SHA-256 fingerprint of <paramref name="data"/>.</summary>
    public static Fingerprint Of(ReadOnlySpan<byte> data) => new(SHA256.HashData(data));

    /// <summary>Wraps 32 bytes that already are a fingerprint.</summary>
    /// <exception cref="ArgumentException">The span is not exactly 32 bytes long.</exception>
    public static Fingerprint FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"a fingerprint is {Size} bytes, got {bytes.Length}", nameof(bytes));
        }
        return new Fingerprint(bytes.ToArray());
    }

    /// <summary>
    /// Parses the text form <c>sha256:&lt;64 hex digits&gt;</c> (the prefix is optional, case is ignored,
    /// colons between byte pairs are accepted as OpenSSL prints them).
    /// </summary>
    /// <exception cref="FormatException">The text is not a SHA-256 fingerprint; the message quotes it.</exception>
    public static Fingerprint Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hex = text.Trim();
        if (hex.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            hex = hex[Prefix.Length..];
        }
        hex = hex.Replace(":", string.Empty, StringComparison.Ordinal);
        if (hex.Length != Size * 2 || !hex.All(Uri.IsHexDigit))
        {
            throw new FormatException($"'{text}' is not a SHA-256 fingerprint: expected 'sha256:' and 64 hexadecimal digits");
        }
        return new Fingerprint(Convert.FromHexString(hex));
    }

    /// <summary>Returns <c>sha256:</c> and the 64 lowercase hexadecimal digits.</summary>
    public override string ToString() => Prefix + Convert.ToHexStringLower(_bytes);

    /// <summary>Compares in constant time.</summary>
    public bool Equals(Fingerprint? other) =>
        other is not null && CryptographicOperations.FixedTimeEquals(_bytes, other._bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Fingerprint);

    /// <inheritdoc />
    public override int GetHashCode() => BitConverter.ToInt32(_bytes, 0);
}
