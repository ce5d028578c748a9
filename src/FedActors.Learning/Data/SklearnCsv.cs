using System.Globalization;

namespace FedActors.Learning.Data;

/// <summary>
/// Parses the CSV format of scikit-learn's bundled data sets (e.g. <c>breast_cancer.csv</c>): a header
/// line <c>samples,features,class names…</c>, then one line per sample with the feature values and
/// an integer class index last. The header's counts are enforced exactly.
/// </summary>
public static class SklearnCsv
{
    /// <summary>Largest sample or feature count accepted from a header, to bound allocation on corrupt input.</summary>
    public const int MaxCount = 1_000_000;

    /// <summary>Parses <paramref name="text"/>; <paramref name="source"/> names it in error messages.</summary>
    /// <returns>Features (samples × features, row-major), labels, and the class names.</returns>
    /// <exception cref="DataFormatException">The header, a row's field count, a number, or a label is invalid.</exception>
    public static (float[] Features, int[] Labels, string[] ClassNames) Parse(string text, string source)
    {
        var lines = text.Split('\n');
        var header = lines[0].TrimEnd('\r').Split(',');
        if (header.Length < 4 || !TryCount(header[0], out var samples) || !TryCount(header[1], out var features))
        {
            throw new DataFormatException($"{source}:1: header must be 'samples,features,class names…' with two positive counts and at least two classes, was '{Truncate(lines[0])}'.");
        }
        var classNames = header[2..];
        var rows = lines.Skip(1).Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray();
        if (rows.Length != samples)
        {
            throw new DataFormatException($"{source}: header announces {samples} samples, the file has {rows.Length} rows.");
        }
        var x = new float[(long)samples * features <= MaxCount * 100L ? samples * features : throw new DataFormatException($"{source}: {samples}×{features} values is too large.")];
        var y = new int[samples];
        for (var r = 0; r < samples; r++)
        {
            var fields = rows[r].Split(',');
            if (fields.Length != features + 1)
            {
                throw new DataFormatException($"{source}:{r + 2}: expected {features + 1} fields ({features} features and a label), found {fields.Length}.");
            }
            for (var f = 0; f < features; f++)
            {
                if (!float.TryParse(fields[f], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !float.IsFinite(value))
                {
                    throw new DataFormatException($"{source}:{r + 2}: field {f + 1} '{Truncate(fields[f])}' is not a finite number.");
                }
                x[r * features + f] = value;
            }
            if (!int.TryParse(fields[features], NumberStyles.None, CultureInfo.InvariantCulture, out var label) || label >= classNames.Length)
            {
                throw new DataFormatException($"{source}:{r + 2}: label '{Truncate(fields[features])}' is not a class index in [0, {classNames.Length}).");
            }
            y[r] = label;
        }
        return (x, y, classNames);
    }

    private static bool TryCount(string field, out int count) =>
        int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out count) && count > 0 && count <= MaxCount;

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
