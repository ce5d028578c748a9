using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using FedActors.Crypto.Envelope;

namespace FedActors.Crypto.Identity;

/// <summary>
/// The identities a federation admits, pinned by certificate fingerprint. Immutable; names and
/// fingerprints are unique. Stored as JSON:
/// <code>
/// {
///   "version": 1,
///   "identities": [
///     { "name": "site-1", "role": "client", "fingerprint": "sha256:3f5a..." }
///   ]
/// }
/// </code>
/// Roles are <c>coordinator</c>, <c>key-manager</c> and <c>client</c>; the fingerprint is SHA-256 of the
/// certificate's DER encoding (<see cref="NodeCertificates.FingerprintOf"/>).
/// </summary>
public sealed class Roster
{
    /// <summary>The roster file version this library writes and reads.</summary>
    public const int CurrentVersion = 1;

    private Roster(IReadOnlyList<RosterEntry> entries) => Entries = entries;

    /// <summary>A roster admitting nobody.</summary>
    public static Roster Empty { get; } = new([]);

    /// <summary>The admitted identities, in the order they were added.</summary>
    public IReadOnlyList<RosterEntry> Entries { get; }

    /// <summary>A roster with <paramref name="entry"/> added.</summary>
    /// <exception cref="IdentityException">The name or fingerprint is already on the roster.</exception>
    public Roster Add(RosterEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (Entries.FirstOrDefault(e => e.Name == entry.Name) is { } sameName)
        {
            throw new IdentityException($"the roster already has an identity named '{entry.Name}' ({sameName.Fingerprint}); remove it first to replace it");
        }
        if (Entries.FirstOrDefault(e => e.Fingerprint.Equals(entry.Fingerprint)) is { } sameCertificate)
        {
            throw new IdentityException($"certificate {entry.Fingerprint} is already on the roster as '{sameCertificate.Name}'");
        }
        return new Roster([.. Entries, entry]);
    }

    /// <summary>A roster without the identity named <paramref name="name"/>.</summary>
    /// <exception cref="IdentityException">No identity has that name.</exception>
    public Roster Remove(string name)
    {
        if (!Entries.Any(e => e.Name == name))
        {
            throw new IdentityException($"the roster has no identity named '{name}'");
        }
        return new Roster([.. Entries.Where(e => e.Name != name)]);
    }

    /// <summary>
    /// The entry admitting <paramref name="certificate"/>, or null: its fingerprint must be on the roster and
    /// the name it was issued to must equal the entry's name.
    /// </summary>
    public RosterEntry? Admit(X509Certificate2 certificate)
    {
        var fingerprint = NodeCertificates.FingerprintOf(certificate);
        var entry = Entries.FirstOrDefault(e => e.Fingerprint.Equals(fingerprint));
        return entry is not null && entry.Name == NodeCertificates.NameOf(certificate) ? entry : null;
    }

    /// <summary>Reads a roster file; a missing file is an error (use <see cref="Empty"/> to start one).</summary>
    /// <exception cref="IdentityException">The file is missing, not JSON, or invalid; the message names the file and the entry.</exception>
    public static Roster Load(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IdentityException($"roster '{path}' cannot be read: {e.Message}", e);
        }
        return Parse(json, path);
    }

    /// <summary>Parses roster JSON; <paramref name="sourceName"/> names it in errors.</summary>
    /// <exception cref="IdentityException">The text is not a valid roster.</exception>
    public static Roster Parse(string json, string sourceName)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(sourceName, "the top level is not a JSON object");
            }
            if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != CurrentVersion)
            {
                throw Invalid(sourceName, $"\"version\" must be {CurrentVersion}");
            }
            if (!root.TryGetProperty("identities", out var identities) || identities.ValueKind != JsonValueKind.Array)
            {
                throw Invalid(sourceName, "\"identities\" must be an array");
            }
            var roster = Empty;
            var index = 0;
            foreach (var item in identities.EnumerateArray())
            {
                try
                {
                    roster = roster.Add(new RosterEntry(
                        Text(item, "name"),
                        NodeRoles.Parse(Text(item, "role")),
                        Fingerprint.Parse(Text(item, "fingerprint"))));
                }
                catch (Exception e) when (e is FormatException or ArgumentException or IdentityException or InvalidOperationException or KeyNotFoundException)
                {
                    throw Invalid(sourceName, $"identities[{index}]: {e.Message}", e);
                }
                index++;
            }
            return roster;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw Invalid(sourceName, e.Message, e);
        }
    }

    private static string Text(JsonElement item, string property) =>
        item.GetProperty(property).GetString() ?? throw new FormatException($"\"{property}\" must be a string");

    /// <summary>Writes the roster as indented JSON (UTF-8 without a byte-order mark), replacing the file.</summary>
    /// <exception cref="IdentityException">The file cannot be written.</exception>
    public void Save(string path)
    {
        try
        {
            // Encoding.UTF8 would start the file with a byte-order mark, which RFC 8259 forbids and some JSON readers refuse.
            File.WriteAllText(path, ToJson(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IdentityException($"roster '{path}' cannot be written: {e.Message}", e);
        }
    }

    /// <summary>The roster's JSON text.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", CurrentVersion);
            writer.WriteStartArray("identities");
            foreach (var entry in Entries)
            {
                writer.WriteStartObject();
                writer.WriteString("name", entry.Name);
                writer.WriteString("role", NodeRoles.ToName(entry.Role));
                writer.WriteString("fingerprint", entry.Fingerprint.ToString());
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static IdentityException Invalid(string sourceName, string what, Exception? inner = null) =>
        inner is null
            ? new IdentityException($"roster '{sourceName}' is invalid: {what}")
            : new IdentityException($"roster '{sourceName}' is invalid: {what}", inner);
}
