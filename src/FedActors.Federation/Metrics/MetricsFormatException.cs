namespace FedActors.Federation.Metrics;

/// <summary>
/// A <c>metrics.json</c> that cannot be read: malformed JSON, a missing or unknown field, a wrong
/// type or an impossible value. The message names the file, the JSON path of the field and what
/// would be valid, e.g. <c>runs/a/metrics.json: $.rounds[2].test_accuracy: must be in [0, 1], was 1.5</c>.
/// </summary>
public sealed class MetricsFormatException : Exception
{
    /// <summary>Creates the exception for one field of one file.</summary>
    /// <param name="file">The file (or source name) that was read.</param>
    /// <param name="path">The JSON path of the offending field (<c>$</c> for the document).</param>
    /// <param name="problem">What was wrong and what would be valid.</param>
    /// <param name="innerException">The parser's exception, if any.</param>
    public MetricsFormatException(string file, string path, string problem, Exception? innerException = null)
        : base($"{file}: {path}: {problem}", innerException)
    {
        File = file;
        JsonPath = path;
    }

    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public MetricsFormatException(string message)
        : base(message)
    {
        File = string.Empty;
        JsonPath = "$";
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public MetricsFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = string.Empty;
        JsonPath = "$";
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public MetricsFormatException()
        : this("The metrics file is not valid.")
    {
    }

    /// <summary>The file (or source name) that was read.</summary>
    public string File { get; }

    /// <summary>The JSON path of the offending field.</summary>
    public string JsonPath { get; }
}
