using System.Text;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace FedActors.Configuration.Tests.Properties;

/// <summary>
/// The parser and resolver never crash or hang: every input ends, within a generous bound, either in a
/// configuration or in a one-line located <see cref="ConfigException"/>.
/// </summary>
public sealed partial class RobustnessProperties
{
    // A hang detector, not a performance assertion: any linear parser finishes these inputs in milliseconds.
    private static readonly TimeSpan HangBound = TimeSpan.FromSeconds(20);

    [Property(Arbitrary = [typeof(ConfigGenerators)], MaxTest = 500)]
    public void Hocon_like_text_parses_or_fails_cleanly(string text) => ParsesOrFailsCleanly(text);

    [Property(Arbitrary = [typeof(ConfigGenerators)], MaxTest = 300)]
    public void Random_bytes_parse_or_fail_cleanly(byte[] bytes) => ParsesOrFailsCleanly(Encoding.UTF8.GetString(bytes));

    [Property(MaxTest = 300)]
    public Property Mutated_fixtures_parse_or_fail_cleanly() =>
        Prop.ForAll(Mutations().ToArbitrary(), ParsesOrFailsCleanly);

    [Fact]
    public void Deep_nesting_is_an_error_not_a_stack_overflow()
    {
        foreach (var text in (string[])[
            string.Concat(Enumerable.Repeat("{ a = ", 100_000)), "a = " + new string('[', 100_000),
            string.Join('.', Enumerable.Repeat("k", 100_000)) + " = 1",
            string.Concat(Enumerable.Repeat("a { ", 50_000))])
        {
            var error = Assert.Throws<ConfigException>(() => ConfigFactory.ParseString(text, "deep.conf"));
            Assert.Contains("deeper than", error.Message);
        }
    }

    [Fact]
    public void Resolution_cannot_build_deeply_nested_values_through_substitutions()
    {
        var lines = Enumerable.Range(0, 400).Select(i => $"k{i} {{ v = ${{k{i + 1}}} }}").Append("k400 = 1");
        var error = Assert.Throws<ConfigException>(() => ConfigFactory.ParseString(string.Join('\n', lines), "deep.conf"));
        Assert.Contains("deeper than", error.Message);
    }

    private static Gen<string> Mutations()
    {
        var corpus = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures"), "*.conf")
            .Select(File.ReadAllText).Where(t => !t.Contains("include", StringComparison.Ordinal)).ToArray();
        var mutation = Gen.Choose(0, 3).Zip(Gen.Choose(0, int.MaxValue)).Zip(Gen.Elements("{}[]\"$=:,.\n\\#/+?".ToCharArray()));
        return Gen.Elements(corpus).SelectMany(text => mutation.ListOf().Select(steps =>
        {
            var builder = new StringBuilder(text);
            foreach (var ((kind, position), c) in steps)
            {
                var at = builder.Length == 0 ? 0 : position % builder.Length;
                switch (kind)
                {
                    case 0 when builder.Length > 0: builder.Remove(at, 1); break;
                    case 1: builder.Insert(at, c); break;
                    case 2 when builder.Length > 0: builder[at] = c; break;
                    case 3 when builder.Length > 0: builder.Insert(at, builder.ToString(at, Math.Min(40, builder.Length - at))); break;
                }
            }
            return builder.ToString();
        }));
    }

    private static void ParsesOrFailsCleanly(string text)
    {
        var task = Task.Run(() =>
        {
            try
            {
                var config = ConfigFactory.ParseString(text, "fuzz.conf");
                _ = config.ToHocon();
                _ = config.ToJson();
            }
            catch (ConfigException e)
            {
                Assert.Matches(LocatedMessage(), e.Message);
            }
        });
        Assert.True(task.Wait(HangBound), $"parsing did not finish within {HangBound}: {Escape(text)}");
        task.GetAwaiter().GetResult();
    }

    private static string Escape(string text) => text.Length > 200 ? text[..200] + "..." : text;

    [GeneratedRegex(@"^[^\r\n]*:\d+:\d+: [^\r\n]+$")]
    private static partial Regex LocatedMessage();
}
