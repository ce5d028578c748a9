using System.Globalization;

namespace FedActors.Federation.Reporting;

/// <summary>
/// Shared geometry, scales, palette, legend and number formats of the SVG charts. Every chart is a
/// fixed 640 × 340 view box scaled to its container's width, styled with presentation attributes
/// only, so an SVG copied out of the report still renders the same.
/// </summary>
internal static class Chart
{
    public const double Width = 640;
    public const double Height = 340;
    public const double Left = 72;
    public const double Right = 18;
    public const double Bottom = 52;
    public const double TopPadding = 12;
    public const string FontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', 'Liberation Sans', sans-serif";
    public const string AxisColor = "#4b5563";
    public const string GridColor = "#e5e7eb";
    public const string TextColor = "#1f2937";

    // Okabe & Ito's palette, distinguishable with the common colour-vision deficiencies.
    private static readonly string[] Palette = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#8c6d1f", "#000000"];

    private const double CharWidth = 6.4;

    public static string Color(int index) => Palette[index % Palette.Length];

    /// <summary>A compact invariant rendering of a coordinate or value: at most three decimals, no exponent for ordinary magnitudes.</summary>
    public static string Number(double value) =>
        double.IsFinite(value) ? Math.Round(value, 3).ToString("0.###", CultureInfo.InvariantCulture) : "0";

    public static string Percent(double value) => (value * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    public static string Seconds(double value) => value switch
    {
        >= 100 => value.ToString("0", CultureInfo.InvariantCulture) + " s",
        >= 1 => value.ToString("0.#", CultureInfo.InvariantCulture) + " s",
        0 => "0",
        _ => (value * 1000).ToString("0.#", CultureInfo.InvariantCulture) + " ms",
    };

    public static string Bytes(double value)
    {
        string[] units = ["B", "kB", "MB", "GB", "TB"];
        var unit = 0;
        while (Math.Abs(value) >= 1000 && unit < units.Length - 1)
        {
            value /= 1000;
            unit++;
        }

        return value.ToString(unit == 0 ? "0" : "0.#", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    public static string Count(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Scientific(double value) => value.ToString("0.#e+0", CultureInfo.InvariantCulture);

    /// <summary>Tick values covering [min, max] with a step of 1, 2 or 5 × 10^k, about <paramref name="target"/> intervals.</summary>
    public static double[] LinearTicks(double min, double max, int target, double minimumStep = 0)
    {
        if (!(max > min))
        {
            (min, max) = max == 0 ? (0, 1) : (Math.Min(0, min), Math.Abs(max) * 1.1);
        }

        var step = Math.Max(NiceStep((max - min) / target), minimumStep);
        var first = Math.Floor((min / step) + 1e-9);
        var last = Math.Ceiling((max / step) - 1e-9);
        var ticks = new double[(int)(last - first) + 1];
        for (var i = 0; i < ticks.Length; i++)
        {
            // Multiplying (not accumulating) keeps 0.1-steps free of drift like 0.30000000000000004.
            ticks[i] = Math.Round((first + i) * step, 12);
        }

        return ticks;
    }

    public static double NiceStep(double raw)
    {
        var exponent = Math.Floor(Math.Log10(raw));
        var fraction = raw / Math.Pow(10, exponent);
        var nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * Math.Pow(10, exponent);
    }

    /// <summary>Powers of ten covering the positive values in [min, max].</summary>
    public static double[] LogTicks(double min, double max)
    {
        var low = Math.Floor(Math.Log10(min));
        var high = Math.Ceiling(Math.Log10(max));
        if (high <= low)
        {
            high = low + 1;
        }

        return Enumerable.Range(0, (int)(high - low) + 1).Select(i => Math.Pow(10, low + i)).ToArray();
    }

    public static double TextWidth(string text, double fontSize = 12) => text.Length * CharWidth * fontSize / 12;

    public static string Truncate(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    /// <summary>Lays the legend out in rows from the left margin; returns the height it takes.</summary>
    public static double Legend(MarkupWriter svg, IReadOnlyList<string> names, bool lines)
    {
        double x = Left, y = TopPadding + 8;
        var rows = 1;
        svg.Open("g", ("font-size", 12), ("fill", TextColor));
        for (var i = 0; i < names.Count; i++)
        {
            var label = Truncate(names[i], 48);
            var width = 22 + TextWidth(label) + 18;
            if (x + width > Width - Right && x > Left)
            {
                x = Left;
                y += 18;
                rows++;
            }

            if (lines)
            {
                svg.Empty("line", ("x1", x), ("y1", y - 4), ("x2", x + 16), ("y2", y - 4), ("stroke", Color(i)), ("stroke-width", 2.5));
            }
            else
            {
                svg.Empty("rect", ("x", x + 2), ("y", y - 10), ("width", 12), ("height", 12), ("rx", 2), ("fill", Color(i)));
            }

            svg.Element("text", label, ("x", x + 22), ("y", y));
            x += width;
        }

        svg.Close();
        return TopPadding + (rows * 18) + 10;
    }

    public static MarkupWriter OpenSvg(string title)
    {
        var svg = new MarkupWriter();
        svg.Open(
            "svg",
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("viewBox", $"0 0 {Number(Width)} {Number(Height)}"),
            ("width", "100%"),
            ("role", "img"),
            ("aria-label", title),
            ("font-family", FontFamily),
            ("class", "chart"));
        svg.Element("title", title);
        return svg;
    }

    /// <summary>Horizontal grid lines and labels of the y axis, and the rotated axis title.</summary>
    public static void YAxis(MarkupWriter svg, double top, double[] ticks, Func<double, double> toY, Func<double, string> format, string label)
    {
        var plotBottom = Height - Bottom;
        svg.Open("g", ("font-size", 11), ("fill", AxisColor));
        foreach (var tick in ticks)
        {
            var y = toY(tick);
            svg.Empty("line", ("x1", Left), ("y1", y), ("x2", Width - Right), ("y2", y), ("stroke", GridColor), ("stroke-width", 1));
            svg.Element("text", format(tick), ("x", Left - 8), ("y", y + 4), ("text-anchor", "end"));
        }

        svg.Close();
        svg.Empty("line", ("x1", Left), ("y1", top), ("x2", Left), ("y2", plotBottom), ("stroke", AxisColor), ("stroke-width", 1));
        var middle = (top + plotBottom) / 2;
        svg.Element("text", label, ("x", 16), ("y", middle), ("transform", $"rotate(-90 16 {Number(middle)})"),
            ("text-anchor", "middle"), ("font-size", 12), ("fill", TextColor));
    }

    public static void XAxisLine(MarkupWriter svg, string label)
    {
        var y = Height - Bottom;
        svg.Empty("line", ("x1", Left), ("y1", y), ("x2", Width - Right), ("y2", y), ("stroke", AxisColor), ("stroke-width", 1));
        svg.Element("text", label, ("x", (Left + Width - Right) / 2), ("y", Height - 10), ("text-anchor", "middle"), ("font-size", 12), ("fill", TextColor));
    }

    public static void NoData(MarkupWriter svg, string message)
    {
        svg.Element("text", message, ("x", Width / 2), ("y", Height / 2), ("text-anchor", "middle"), ("font-size", 14), ("fill", AxisColor));
    }
}
