using System.Globalization;

namespace FedActors.Configuration.Values;

/// <summary>Parses HOCON durations (<c>10s</c>, <c>1.5 hours</c>) and sizes in bytes (<c>64 KiB</c>, <c>1MB</c>).</summary>
internal static class UnitParser
{
    /// <summary>The duration units HOCON.md defines, in nanoseconds per unit.</summary>
    private static readonly Dictionary<string, double> DurationUnits = Build(
        (1d, ["ns", "nano", "nanos", "nanosecond", "nanoseconds"]),
        (1e3, ["us", "micro", "micros", "microsecond", "microseconds"]),
        (1e6, ["ms", "milli", "millis", "millisecond", "milliseconds"]),
        (1e9, ["s", "second", "seconds"]),
        (60e9, ["m", "minute", "minutes"]),
        (3600e9, ["h", "hour", "hours"]),
        (86400e9, ["d", "day", "days"]));

    /// <summary>The size units HOCON.md defines (plus <c>KB</c> for 1000), in bytes per unit.</summary>
    private static readonly Dictionary<string, double> SizeUnits = Build(
        (1d, ["B", "b", "byte", "bytes"]),
        (1e3, ["kB", "KB", "kilobyte", "kilobytes"]),
        (1e6, ["MB", "megabyte", "megabytes"]),
        (1e9, ["GB", "gigabyte", "gigabytes"]),
        (1e12, ["TB", "terabyte", "terabytes"]),
        (1e15, ["PB", "petabyte", "petabytes"]),
        (1e18, ["EB", "exabyte", "exabytes"]),
        (1024d, ["K", "k", "Ki", "KiB", "kibibyte", "kibibytes"]),
        (Math.Pow(1024, 2), ["M", "m", "Mi", "MiB", "mebibyte", "mebibytes"]),
        (Math.Pow(1024, 3), ["G", "g", "Gi", "GiB", "gibibyte", "gibibytes"]),
        (Math.Pow(1024, 4), ["T", "t", "Ti", "TiB", "tebibyte", "tebibytes"]),
        (Math.Pow(1024, 5), ["P", "p", "Pi", "PiB", "pebibyte", "pebibytes"]),
        (Math.Pow(1024, 6), ["E", "e", "Ei", "EiB", "exbibyte", "exbibytes"]));

    /// <summary>The accepted duration format, for error messages.</summary>
    public const string DurationFormat = "a duration such as 500ms, 10 s, 1.5 minutes or infinite (units ns, us, ms, s, m, h, d and their long forms; a bare number is milliseconds)";

    /// <summary>The accepted size format, for error messages.</summary>
    public const string SizeFormat = "a size in bytes such as 512, 64 KiB, 10MB or 1.5 GiB (units B, kB/KB, MB, GB, ... = powers of 1000; K/KiB, M/MiB, G/GiB, ... = powers of 1024)";

    /// <summary>Parses a duration; <c>infinite</c> is <see cref="Timeout.InfiniteTimeSpan"/>.</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        var trimmed = text.Trim();
        if (trimmed == "infinite")
        {
            duration = Timeout.InfiniteTimeSpan;
            return true;
        }
        if (!TrySplit(trimmed, out var number, out var unit))
        {
            return false;
        }
        var nanosPerUnit = 1e6;
        if (unit.Length > 0 && !DurationUnits.TryGetValue(unit, out nanosPerUnit))
        {
            return false;
        }
        var ticks = Math.Round(number * nanosPerUnit / 100d);
        if (double.IsNaN(ticks) || Math.Abs(ticks) >= TimeSpan.MaxValue.Ticks)
        {
            return false;
        }
        duration = TimeSpan.FromTicks((long)ticks);
        return true;
    }

    /// <summary>Parses a size in bytes; fractional results are rounded down to whole bytes.</summary>
    public static bool TryParseSize(string text, out long bytes)
    {
        bytes = 0;
        if (!TrySplit(text.Trim(), out var number, out var unit))
        {
            return false;
        }
        var perUnit = 1d;
        if (unit.Length > 0 && !SizeUnits.TryGetValue(unit, out perUnit))
        {
            return false;
        }
        var value = Math.Floor(number * perUnit);
        if (double.IsNaN(value) || value >= 9.2e18 || value <= -9.2e18)
        {
            return false;
        }
        bytes = (long)value;
        return true;
    }

    private static bool TrySplit(string text, out double number, out string unit)
    {
        var end = 0;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] is '.' or '-' or '+' || (end > 0 && text[end] is 'e' or 'E' && end + 1 < text.Length && (char.IsAsciiDigit(text[end + 1]) || text[end + 1] is '+' or '-'))))
        {
            end++;
        }
        unit = text[end..].Trim();
        return double.TryParse(text.AsSpan(0, end), NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);
    }

    private static Dictionary<string, double> Build(params (double Factor, string[] Names)[] groups)
    {
        var map = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (factor, names) in groups)
        {
            foreach (var name in names)
            {
                map.Add(name, factor);
            }
        }
        return map;
    }
}
