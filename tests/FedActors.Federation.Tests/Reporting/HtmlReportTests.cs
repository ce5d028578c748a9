using System.Xml;
using System.Xml.Linq;
using FedActors.Federation.Metrics;
using FedActors.Federation.Reporting;
using FedActors.Federation.Tests.Metrics;

namespace FedActors.Federation.Tests.Reporting;

public sealed class HtmlReportTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    internal static XDocument Parse(string html)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore };
        using var reader = XmlReader.Create(new StringReader(html), settings);
        return XDocument.Load(reader);
    }

    [Fact]
    public void A_report_is_well_formed_markup_with_svg_charts_and_the_run_numbers()
    {
        var metrics = SampleMetrics.Create();
        var html = HtmlReport.Render([metrics]);
        var document = Parse(html);

        var charts = document.Descendants(Svg + "svg").ToArray();
        Assert.True(charts.Length >= 7, $"expected at least 7 charts, found {charts.Length}");
        Assert.All(charts, c => Assert.Contains(c.Descendants(), e => e.Name == Svg + "path" || e.Name == Svg + "rect"));
        Assert.Contains(ChartFormats.Percent(metrics.Totals.FinalAccuracy!.Value), html, StringComparison.Ordinal);
        Assert.Contains("only 6 contributions arrived before the deadline", html, StringComparison.Ordinal);
        Assert.Contains("undetected replays", html, StringComparison.Ordinal);
        Assert.Equal(12, document.Descendants("tbody").Last().Elements("tr").Count(tr => !((string?)tr.Attribute("class") ?? string.Empty).Contains("reason", StringComparison.Ordinal)));
        Assert.Contains(document.Descendants("td"), td => td.Value.StartsWith("Round 5 failed: only 6 contributions", StringComparison.Ordinal));
    }

    [Fact]
    public void A_report_is_self_contained()
    {
        var html = HtmlReport.Render([SampleMetrics.Create()]);
        var document = Parse(html);

        Assert.DoesNotContain(document.Descendants(), e => e.Name.LocalName is "script" or "link" or "img" or "iframe");
        var urls = System.Text.RegularExpressions.Regex.Matches(html, "https?://[^\"' )]+").Select(m => m.Value).Distinct();
        Assert.Equal(["http://www.w3.org/2000/svg"], urls);
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
        Assert.DoesNotContain("url(", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_from_scenarios_and_metrics_is_escaped_and_cannot_inject_markup()
    {
        var metrics = SampleMetrics.Create(scenario: "<script>alert('x')</script> & \"friends\"\u0001");
        var html = HtmlReport.Render([metrics]);
        var document = Parse(html);

        Assert.DoesNotContain(document.Descendants(), e => e.Name.LocalName == "script");
        Assert.Contains("&lt;script&gt;alert", html, StringComparison.Ordinal);
        Assert.Contains("<script>alert('x')</script> & \"friends\"", document.Descendants("h1").Single().Value, StringComparison.Ordinal);
        Assert.Contains("replay <own-previous>", document.Root!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sweep_report_shows_every_variant_side_by_side()
    {
        var runs = new[] { 0.0, 0.1, 0.2 }
            .Select((strength, i) => SampleMetrics.Create(variant: $"attacks.0.clients={strength:P0}", seed: 42 + i, attackStrength: strength))
            .ToArray();
        var html = HtmlReport.Render(runs);
        var document = Parse(html);

        var accuracy = document.Descendants(Svg + "svg").First(s => (string?)s.Attribute("aria-label") == "Test accuracy per round");
        Assert.Equal(3, accuracy.Elements(Svg + "g").Count(g => g.Elements(Svg + "path").Any()));
        foreach (var run in runs)
        {
            Assert.Contains(run.Label, accuracy.Value, StringComparison.Ordinal);
        }

        Assert.Equal(3, document.Descendants("details").Count());
        var summaryRows = document.Descendants("table").First().Element("tbody")!.Elements("tr").ToArray();
        Assert.Equal(runs.Select(r => r.Label), summaryRows.Select(tr => tr.Elements("td").First().Nodes().OfType<XText>().First().Value));
        Assert.Contains("3 variants", document.Descendants("h1").Single().Value, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plaintext_run_without_evaluations_still_renders_with_placeholders()
    {
        var metrics = SampleMetrics.Create(secure: false);
        metrics = metrics with { Rounds = metrics.Rounds.Select(r => r with { TestAccuracy = null, TestLoss = null, BackdoorSuccess = null, PerClassRecall = null }).ToArray() };

        var document = Parse(HtmlReport.Render([metrics]));

        Assert.Contains("no measurements", document.Root!.Value, StringComparison.Ordinal);
        Assert.DoesNotContain(document.Descendants(Svg + "svg"), s => (string?)s.Attribute("aria-label") == "Decryption error per round");
    }

    [Fact]
    public void A_report_needs_at_least_one_run()
    {
        Assert.Throws<ArgumentException>(() => HtmlReport.Render([]));
    }
}
