namespace FedActors.Federation.Reporting;

/// <summary>
/// A stacked or grouped bar chart rendered as inline SVG: one slot per category along x, one
/// coloured bar (or bar segment) per series, y axis from 0 with "nice" ticks, a legend, and a
/// tooltip per bar. Category labels are thinned when they would overlap.
/// </summary>
public sealed class BarChart
{
    /// <summary>The chart's accessible title (the SVG <c>title</c> and <c>aria-label</c>).</summary>
    public required string Title { get; init; }

    /// <summary>The category labels along x (rounds, runs, roles, classes…).</summary>
    public required IReadOnlyList<string> Categories { get; init; }

    /// <summary>The series; each has one value per category.</summary>
    public required IReadOnlyList<BarSeries> Series { get; init; }

    /// <summary>Stacked or grouped.</summary>
    public BarLayout Layout { get; init; } = BarLayout.Stacked;

    /// <summary>The x axis title.</summary>
    public string XLabel { get; init; } = string.Empty;

    /// <summary>The y axis title.</summary>
    public required string YLabel { get; init; }

    /// <summary>Formats y tick labels and tooltips; defaults to a compact number.</summary>
    public Func<double, string> YFormat { get; init; } = ChartFormats.Number;

    /// <summary>Renders the chart as a standalone <c>svg</c> element.</summary>
    /// <returns>SVG markup, well-formed and escaped.</returns>
    /// <exception cref="ArgumentException">A series does not have one value per category, or a value is negative or not finite.</exception>
    public string ToSvg() => Render().ToString();

    /// <summary>Renders the chart into a markup fragment for embedding.</summary>
    internal MarkupWriter Render()
    {
        foreach (var s in Series)
        {
            if (s.Values.Count != Categories.Count)
            {
                throw new ArgumentException($"Bar series '{s.Name}' of chart '{Title}' has {s.Values.Count} values for {Categories.Count} categories.");
            }

            if (s.Values.Any(v => !(v >= 0) || double.IsPositiveInfinity(v)))
            {
                throw new ArgumentException($"Bar series '{s.Name}' of chart '{Title}' has a value that is negative or not finite; bars show finite values ≥ 0.");
            }
        }

        var svg = Chart.OpenSvg(Title);
        if (Categories.Count == 0 || Series.Count == 0)
        {
            Chart.NoData(svg, "no measurements");
            return svg.Close();
        }

        var top = Chart.Legend(svg, Series.Select(s => s.Name).ToArray(), lines: false);
        var bottom = Chart.Height - Chart.Bottom;
        var max = Layout == BarLayout.Stacked
            ? Enumerable.Range(0, Categories.Count).Max(c => Series.Sum(s => s.Values[c]))
            : Series.Max(s => s.Values.Max());
        var ticks = Chart.LinearTicks(0, max, 5);
        var high = ticks[^1];
        double ToY(double v) => bottom - (v / high * (bottom - top));

        Chart.YAxis(svg, top, ticks, ToY, YFormat, YLabel);
        Chart.XAxisLine(svg, XLabel);

        var plotWidth = Chart.Width - Chart.Left - Chart.Right;
        var band = plotWidth / Categories.Count;
        var labelWidth = Categories.Max(c => Chart.TextWidth(Chart.Truncate(c, 18), 11)) + 8;
        var every = Math.Max(1, (int)Math.Ceiling(labelWidth / band));
        var barWidth = Layout == BarLayout.Stacked ? band * 0.7 : band * 0.8 / Series.Count;

        for (var c = 0; c < Categories.Count; c++)
        {
            var slot = Chart.Left + (c * band);
            var baseline = bottom;
            for (var s = 0; s < Series.Count; s++)
            {
                var value = Series[s].Values[c];
                var height = bottom - ToY(value);
                double x, y;
                if (Layout == BarLayout.Stacked)
                {
                    x = slot + (band * 0.15);
                    y = baseline - height;
                    baseline = y;
                }
                else
                {
                    x = slot + (band * 0.1) + (s * barWidth);
                    y = bottom - height;
                }

                if (value > 0)
                {
                    svg.Open("rect", ("x", x), ("y", y), ("width", Math.Max(barWidth - 0.5, 0.5)), ("height", height), ("fill", Chart.Color(s)));
                    svg.Element("title", $"{Categories[c]} — {Series[s].Name}: {YFormat(value)}");
                    svg.Close();
                }
            }

            if (c % every == 0)
            {
                svg.Element("text", Chart.Truncate(Categories[c], 18), ("x", slot + (band / 2)), ("y", bottom + 18),
                    ("text-anchor", "middle"), ("font-size", 11), ("fill", Chart.AxisColor));
            }
        }

        return svg.Close();
    }
}
