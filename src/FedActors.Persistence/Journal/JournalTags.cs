namespace FedActors.Persistence.Journal;

/// <summary>
/// How tags are stored in the journal's <c>tags</c> column: joined as <c>;a;b;</c> so that a tag
/// query is a single <c>LIKE '%;tag;%'</c>. Tags therefore must be non-empty and free of <c>;</c>.
/// </summary>
public static class JournalTags
{
    private const char Separator = ';';

    /// <summary>Checks that <paramref name="tag"/> can be stored.</summary>
    /// <exception cref="ArgumentException">When the tag is empty or contains <c>;</c>.</exception>
    public static void Validate(string tag)
    {
        if (string.IsNullOrEmpty(tag) || tag.Contains(Separator, StringComparison.Ordinal))
        {
            throw new ArgumentException($"A tag must be non-empty and must not contain ';', was '{tag}'.", nameof(tag));
        }
    }

    /// <summary>Encodes tags for the <c>tags</c> column, or null when there are none.</summary>
    public static string? Encode(IReadOnlyList<string> tags) =>
        tags.Count == 0 ? null : Separator + string.Join(Separator, tags) + Separator;

    /// <summary>Decodes the <c>tags</c> column written by <see cref="Encode"/>.</summary>
    public static IReadOnlyList<string> Decode(string? column) =>
        string.IsNullOrEmpty(column) ? [] : column.Split(Separator, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The <c>LIKE</c> pattern (escape character <c>\</c>) matching rows that carry <paramref name="tag"/>.</summary>
    public static string LikePattern(string tag)
    {
        Validate(tag);
        var escaped = tag.Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal);
        return "%" + Separator + escaped + Separator + "%";
    }
}
