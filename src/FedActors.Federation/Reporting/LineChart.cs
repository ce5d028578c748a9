namespace FedActors.Federation.Reporting;

/// <summary>
/// A line chart rendered as inline SVG: axes with "nice" ticks, grid lines, a legend, one coloured
/// line per series with a marker and tooltip per point, gaps where a value is missing.
/// </summary>
public sealed class LineChart
{
    /// <summary>The chart's accessible title (the SVG <c>title</c> and <c>aria-label</c>).</summary>
    public required string Title { get; init; }

    /// <summary>The lines to draw.</summary>
    public required IReadOnlyList<LineSeries> Series { get; init; }

    /// <summary>The x axis title.</summary>
    public string XLabel { get; init; } = "round";

    /// <summary>The y axis title.</summary>
    public required string YLabel { get; init; }

    /// <summary>Linear or logarithmic y axis.</summary>
    public AxisScale YScale { get; init; } = AxisScale.Linear;

    /// <summary>A fixed lower end of a linear y axis (e.g. 0 for accuracy); null fits the data.</summary>
    public double? YMin { get; init; }

    /// <summary>A fixed upper end of a linear y axis (e.g. 1 for accuracy); null fits the data.</summary>
    public double? YMax { get; init; }

    /// <summary>Formats y tick labels and tooltips; defaults to a compact number.</summary>
    public Func<double, string> YFormat { get; init; } = ChartFormats.Number;

    /// <summary>True when x values are integers (rounds), so ticks never fall between them.</summary>
    public bool IntegerX { get; init; } = true;

    /// <summary>Renders the chart as a standalone <c>svg</c> element.</summary>
    /// <returns>SVG markup, well-formed and escaped.</returns>
    public string ToSvg() => Render().ToString();

    /// <summary>Renders the chart into a markup fragment for embedding.</summary>
    internal MarkupWriter Render()
    {
        var svg = Chart.OpenSvg(Title);
        var points = Series.SelectMany(s => s.Points)
            .Where(p => p.Y is { } y && double.IsFinite(y) && (YScale == AxisScale.Linear || y > 0))
            .ToArray();
        if (points.Length == 0)
        {
            Chart.NoData(svg, "no measurements");
            return svg.Close();
        }

        var top = Chart.Legend(svg, Series.Select(s => s.Name).ToArray(), lines: true);
        var bottom = Chart.Height - Chart.Bottom;

        var xMin = points.Min(p => p.X);
        var xMax = points.Max(p => p.X);
        if (xMax <= xMin)
        {
            (xMin, xMax) = (xMin - 1, xMax + 1);
        }

        // A little air at both ends keeps the first and last markers off the axis and the edge.
        var pad = (xMax - xMin) * 0.02;
        var (xFirst, xLast) = (xMin, xMax);
        (xMin, xMax) = (xMin - pad, xMax + pad);

        double ToX(double x) => Chart.Left + ((x - xMin) / (xMax - xMin) * (Chart.Width - Chart.Left - Chart.Right));

        var ys = points.Select(p => p.Y!.Value).ToArray();
        double[] yTicks;
        Func<double, double> toY;
        if (YScale == AxisScale.Logarithmic)
        {
            yTicks = Chart.LogTicks(ys.Min(), ys.Max());
            double low = Math.Log10(yTicks[0]), high = Math.Log10(yTicks[^1]);
            toY = y => bottom - ((Math.Log10(y) - low) / (high - low) * (bottom - top));
        }
        else
        {
            yTicks = Chart.LinearTicks(YMin ?? ys.Min(), YMax ?? ys.Max(), 5);
            double low = yTicks[0], high = yTicks[^1];
            toY = y => bottom - ((y - low) / (high - low) * (bottom - top));
        }

        Chart.YAxis(svg, top, yTicks, toY, YFormat, YLabel);
        Chart.XAxisLine(svg, XLabel);

        var xTicks = Chart.LinearTicks(xFirst, xLast, 8, IntegerX ? 1 : 0).Where(x => x >= xFirst - 1e-9 && x <= xLast + 1e-9);
        svg.Open("g", ("font-size", 11), ("fill", Chart.AxisColor), ("text-anchor", "middle"));
        foreach (var x in xTicks)
        {
            svg.Empty("line", ("x1", ToX(x)), ("y1", bottom), ("x2", ToX(x)), ("y2", bottom + 5), ("stroke", Chart.AxisColor));
            svg.Element("text", ChartFormats.Number(x), ("x", ToX(x)), ("y", bottom + 18));
        }

        svg.Close();

        var markers = Series.Max(s => s.Points.Count) <= 80;
        for (var i = 0; i < Series.Count; i++)
        {
            var series = Series[i];
            var color = Chart.Color(i);
            svg.Open("g", ("fill", color), ("stroke", color));
            foreach (var segment in Segments(series.Points))
            {
                var d = string.Join(" ", segment.Select((p, k) => $"{(k == 0 ? "M" : "L")}{Chart.Number(ToX(p.X))},{Chart.Number(toY(p.Y!.Value))}"));
                svg.Empty("path", ("d", d), ("fill", "none"), ("stroke-width", 2.25), ("stroke-linejoin", "round"), ("stroke-linecap", "round"));
                if (markers || segment.Count == 1)
                {
                    foreach (var p in segment)
                    {
                        svg.Open("circle", ("cx", ToX(p.X)), ("cy", toY(p.Y!.Value)), ("r", 3), ("stroke", "#ffffff"), ("stroke-width", 1));
                        svg.Element("title", $"{series.Name} — {XLabel} {ChartFormats.Number(p.X)}: {YFormat(p.Y!.Value)}");
                        svg.Close();
                    }
                }
            }

            svg.Close();
        }

        return svg.Close();

        IEnumerable<List<ChartPoint>> Segments(IReadOnlyList<ChartPoint> series)
        {
            var current = new List<ChartPoint>();
            foreach (var p in series)
            {
                if (p.Y is { } y && double.IsFinite(y) && (YScale == AxisScale.Linear || y > 0))
                {
                    current.Add(p);
                }
                else if (current.Count > 0)
                {
                    yield return current;
                    current = [];
                }
            }

            if (current.Count > 0)
            {
                yield return current;
            }
        }
    }
}
