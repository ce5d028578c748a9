using FedActors.Federation.Scenarios;

namespace FedActors.Federation.Tests.Scenarios;

/// <summary>Every scenario file shipped in <c>scenarios/</c> loads and validates (nothing runs).</summary>
public sealed class ScenarioFilesTests
{
    private static readonly string Root = FindScenarios();

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Root, "*.conf", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}base{Path.DirectorySeparatorChar}", StringComparison.Ordinal)).Order())
        {
            data.Add(Path.GetRelativePath(Root, file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void A_shipped_scenario_loads_and_validates(string file)
    {
        var set = ScenarioLoader.Load(Path.Combine(Root, file));
        Assert.NotEmpty(set.Runs);
        Assert.All(set.Runs, run => Assert.False(string.IsNullOrWhiteSpace(run.Scenario.Name)));
        Assert.StartsWith("#", File.ReadAllText(Path.Combine(Root, file)), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_client_side_attack_type_has_a_scenario_that_uses_it()
    {
        var used = Directory.GetFiles(Path.Combine(Root, "attacks"), "*.conf")
            .SelectMany(f => ScenarioLoader.Load(f).Base.Attacks)
            .SelectMany(a => a is SybilAttack sybil ? new[] { a.Type, sybil.With.Type } : [a.Type])
            .ToHashSet(StringComparer.Ordinal);
        var clientSide = Attack.Types.Except(Attack.SecureOnlyTypes);
        var missing = clientSide.Where(t => !used.Contains(t)).ToArray();
        Assert.True(missing.Length == 0, $"no scenario in scenarios/attacks uses {string.Join(", ", missing)}");
    }

    [Fact]
    public void The_robust_comparisons_are_sweeps_over_the_aggregation_rule()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "robust"), "*.conf"))
        {
            var set = ScenarioLoader.Load(file);
            Assert.True(set.Runs.Select(r => r.Scenario.Federation.Aggregation).Distinct().Count() >= 2, $"{file} does not compare aggregation rules");
        }
    }

    [Fact]
    public void A_robust_rules_key_with_secure_sum_is_refused_before_anything_runs_saying_why()
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(
            Path.Combine(Root, "attacks", "sign-flip.conf"), ["federation.aggregation=secure-sum", "federation.byzantine=2"]));
        Assert.Contains("federation.byzantine", error.Message, StringComparison.Ordinal);
        Assert.Contains("secure-sum", error.Message, StringComparison.Ordinal);
    }

    private static string FindScenarios()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FedActors.sln")))
            {
                return Path.Combine(directory.FullName, "scenarios");
            }
        }
        throw new DirectoryNotFoundException($"No FedActors.sln above {AppContext.BaseDirectory}; the shipped scenarios cannot be found.");
    }
}
