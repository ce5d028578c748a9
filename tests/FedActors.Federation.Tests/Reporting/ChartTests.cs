using System.Xml.Linq;
using FedActors.Federation.Reporting;

namespace FedActors.Federation.Tests.Reporting;

public sealed class ChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static string[] TickLabels(XElement svg) =>
        svg.Descendants(Svg + "text").Where(t => (string?)t.Attribute("text-anchor") == "end").Select(t => t.Value).ToArray();

    [Fact]
    public void A_line_chart_has_nice_ticks_a_legend_and_one_path_per_unbroken_segment()
    {
        var chart = new LineChart
        {
            Title = "accuracy",
            YLabel = "accuracy",
            YMin = 0,
            YMax = 1,
            YFormat = ChartFormats.Percent,
            Series = [new LineSeries("run a", [new(1, 0.2), new(2, 0.5), new(3, null), new(4, 0.9)])],
        };

        var svg = XElement.Parse(chart.ToSvg());

        Assert.Equal(["0%", "20%", "40%", "60%", "80%", "100%"], TickLabels(svg));
        Assert.Equal(2, svg.Descendants(Svg + "path").Count());
        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value == "run a");
        Assert.Contains(svg.Descendants(Svg + "title"), t => t.Value == "run a — round 4: 90%");
    }

    [Fact]
    public void A_logarithmic_axis_ticks_at_powers_of_ten_and_skips_non_positive_values()
    {
        var chart = new LineChart
        {
            Title = "error",
            YLabel = "error",
            YScale = AxisScale.Logarithmic,
            YFormat = ChartFormats.Scientific,
            Series = [new LineSeries("e", [new(1, 3e-7), new(2, 0), new(3, 2e-5)])],
        };

        var svg = XElement.Parse(chart.ToSvg());

        Assert.Equal(["1e-7", "1e-6", "1e-5", "1e-4"], TickLabels(svg));
        Assert.Equal(2, svg.Descendants(Svg + "circle").Count());
    }

    [Fact]
    public void Stacked_bars_reach_the_category_total_and_grouped_bars_sit_side_by_side()
    {
        BarSeries[] series = [new("a", [1, 3]), new("b", [2, 1])];
        var stacked = XElement.Parse(new BarChart { Title = "s", YLabel = "n", Categories = ["x", "y"], Series = series }.ToSvg());
        var grouped = XElement.Parse(new BarChart { Title = "g", YLabel = "n", Categories = ["x", "y"], Series = series, Layout = BarLayout.Grouped }.ToSvg());

        var stackedBars = stacked.Descendants(Svg + "rect").Where(r => r.Element(Svg + "title") is not null).ToArray();
        var groupedBars = grouped.Descendants(Svg + "rect").Where(r => r.Element(Svg + "title") is not null).ToArray();
        Assert.Equal(4, stackedBars.Length);
        Assert.Equal(4, groupedBars.Length);

        // In a stack, bars of one category share x; grouped, they do not.
        Assert.Equal((string?)stackedBars[0].Attribute("x"), (string?)stackedBars[1].Attribute("x"));
        Assert.NotEqual((string?)groupedBars[0].Attribute("x"), (string?)groupedBars[1].Attribute("x"));
        Assert.Equal("x — b: 2", stackedBars[1].Element(Svg + "title")!.Value);
    }

    [Fact]
    public void A_bar_series_with_the_wrong_number_of_values_is_refused_naming_it()
    {
        var chart = new BarChart { Title = "t", YLabel = "n", Categories = ["x", "y"], Series = [new("short", [1])] };
        var error = Assert.Throws<ArgumentException>(chart.ToSvg);
        Assert.Contains("'short'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_bar_values_are_refused()
    {
        var chart = new BarChart { Title = "t", YLabel = "n", Categories = ["x"], Series = [new("neg", [-1])] };
        Assert.Throws<ArgumentException>(chart.ToSvg);
    }

    [Fact]
    public void Series_names_are_escaped()
    {
        var chart = new LineChart { Title = "a<b", YLabel = "y", Series = [new LineSeries("</svg><script>", [new(1, 1)])] };
        var svg = XElement.Parse(chart.ToSvg());
        Assert.DoesNotContain(svg.Descendants(), e => e.Name.LocalName == "script");
        Assert.Equal("a<b", svg.Element(Svg + "title")!.Value);
    }

    [Theory]
    [InlineData(999, "999 B")]
    [InlineData(1_500_000, "1.5 MB")]
    [InlineData(2_000_000_000, "2 GB")]
    public void Byte_counts_use_decimal_units(double value, string expected)
    {
        Assert.Equal(expected, ChartFormats.Bytes(value));
    }
}
