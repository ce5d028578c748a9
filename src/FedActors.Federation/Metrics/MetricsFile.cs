using System.Text.Json;

namespace FedActors.Federation.Metrics;

/// <summary>
/// Writes and reads <c>metrics.json</c>. Writing validates first (a run never leaves a file it
/// could not read back); reading rejects malformed JSON, unknown or missing fields, wrong types
/// and impossible values with a <see cref="MetricsFormatException"/> naming the file and field.
/// </summary>
public static class MetricsFile
{
    /// <summary>The file name inside a run directory.</summary>
    public const string FileName = "metrics.json";

    /// <summary>Serializes <paramref name="metrics"/> to indented UTF-8 JSON text.</summary>
    /// <param name="metrics">The metrics to serialize.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="MetricsFormatException">The metrics fail validation (the path names the field).</exception>
    public static string Serialize(RunMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        MetricsValidator.Validate(metrics, "(metrics to write)");
        return JsonSerializer.Serialize(metrics, MetricsJsonContext.Default.RunMetrics);
    }

    /// <summary>Writes <paramref name="metrics"/> to <paramref name="path"/>, replacing it atomically.</summary>
    /// <param name="metrics">The metrics to write.</param>
    /// <param name="path">The destination file, usually <c>RUN/metrics.json</c>.</param>
    /// <exception cref="MetricsFormatException">The metrics fail validation.</exception>
    public static void Write(RunMetrics metrics, string path)
    {
        var json = Serialize(metrics);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(temporary, json);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads and validates a metrics file.</summary>
    /// <param name="path">The file to read.</param>
    /// <returns>The metrics.</returns>
    /// <exception cref="MetricsFormatException">The content is not a valid metrics file.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static RunMetrics Read(string path) => Parse(File.ReadAllBytes(path), path);

    /// <summary>Parses and validates metrics JSON.</summary>
    /// <param name="utf8Json">The UTF-8 JSON bytes.</param>
    /// <param name="source">The file name to put in error messages.</param>
    /// <returns>The metrics.</returns>
    /// <exception cref="MetricsFormatException">The content is not a valid metrics file.</exception>
    public static RunMetrics Parse(ReadOnlySpan<byte> utf8Json, string source)
    {
        RunMetrics? metrics;
        try
        {
            metrics = JsonSerializer.Deserialize(utf8Json, MetricsJsonContext.Default.RunMetrics);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : string.Empty;
            throw new MetricsFormatException(source, e.Path ?? "$", $"{FirstSentence(e.Message)}{where}; expected a metrics.json written by fedactors (schema version {RunMetrics.CurrentSchemaVersion})", e);
        }

        if (metrics is null)
        {
            throw new MetricsFormatException(source, "$", "the document is null; expected an object with run and rounds");
        }

        MetricsValidator.Validate(metrics, source);
        return metrics;
    }

    // System.Text.Json appends its own "Path: … | LineNumber: …" trailer, which our message states already.
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
    }
}
