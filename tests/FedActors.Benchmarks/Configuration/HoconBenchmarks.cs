using System.Text;
using BenchmarkDotNet.Attributes;
using FedActors.Configuration;

namespace FedActors.Benchmarks.Configuration;

/// <summary>Parsing and resolving HOCON: a ~1 MB document of nested sections, and a substitution-heavy one.</summary>
[MemoryDiagnoser]
public class HoconBenchmarks
{
    private string _large = "";
    private string _substitutions = "";

    [GlobalSetup]
    public void Setup()
    {
        var large = new StringBuilder();
        for (var i = 0; large.Length < 1_000_000; i++)
        {
            large.Append("section-").Append(i).Append(" {\n")
                .Append("  name = \"section number ").Append(i).Append("\"\n")
                .Append("  timeout = ").Append(i % 60).Append("s, enabled = on\n")
                .Append("  sizes = [1, 2, 3, 64KiB]\n")
                .Append("  nested.deeper.value = ").Append(i * 0.5).Append('\n')
                .Append("}\n");
        }
        _large = large.ToString();

        var substitutions = new StringBuilder("base { a = 1, b = [1, 2], c = text }\n");
        for (var i = 0; i < 5_000; i++)
        {
            substitutions.Append("s").Append(i).Append(" = ${base} { d = ${base.c}\"-").Append(i).Append("\" }\n");
        }
        _substitutions = substitutions.ToString();
    }

    [Benchmark]
    public int ParseOneMegabyte() => ConfigFactory.ParseString(_large, "large.conf").Keys.Count;

    [Benchmark]
    public int ResolveFiveThousandSubstitutions() => ConfigFactory.ParseString(_substitutions, "subst.conf").Keys.Count;

    [Benchmark]
    public int RenderOneMegabyteAsJson() => ConfigFactory.ParseString(_large, "large.conf").ToJson().Length;
}
