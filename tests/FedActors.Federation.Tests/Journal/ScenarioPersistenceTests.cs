using FedActors.Configuration;
using FedActors.Federation.Scenarios;

namespace FedActors.Federation.Tests.Journal;

public sealed class ScenarioPersistenceTests
{
    private static ScenarioSet Load(string body) => ScenarioLoader.FromConfig(
        ConfigFactory.ParseString($"scenario {{\n  name = p\n  federation.aggregation = mean\n{body}\n}}", "p.conf").WithFallback(ConfigFactory.Reference));

    [Fact]
    public void By_default_the_journal_is_sqlite_in_the_run_directory_without_a_blob_store()
    {
        Assert.Equal(JournalSettings.Default, Load("").Base.Persistence);
    }

    [Fact]
    public void Postgresql_without_a_connection_string_is_reported_at_the_plugin_line_with_what_is_valid()
    {
        var e = Assert.Throws<ScenarioException>(() => Load("  persistence { plugin = postgresql }"));
        var error = Assert.Single(e.Errors);
        Assert.Equal("scenario.persistence.plugin", error.Path);
        Assert.StartsWith("p.conf:4:", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Host=", error.Valid, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_plugin_or_key_is_reported_with_the_valid_choices()
    {
        var e = Assert.Throws<ScenarioException>(() => Load("  persistence { plugin = mysql, store-blobs = on }"));
        Assert.Contains(e.Errors, x => x.Path == "scenario.persistence.plugin" && x.Valid.Contains("sqlite | postgresql", StringComparison.Ordinal));
        Assert.Contains(e.Errors, x => x.Path == "scenario.persistence.store-blobs" && x.Problem == "unknown key");
    }

    [Fact]
    public void The_scenario_text_loads_back_to_the_same_scenario_including_attack_overrides()
    {
        var scenario = ScenarioLoader.FromConfig(
            ConfigFactory.ParseString("scenario { name = t, seed = 4, federation.aggregation = median, persistence.store-ciphertexts = on, attacks = [{ type = sign-flip, clients = 2 }] }", "t.conf")
                .WithFallback(ConfigFactory.Reference),
            [ScenarioOverride.Parse("attacks.0.scale=3"), ScenarioOverride.Parse("rounds=7")]).Base;

        var again = ScenarioLoader.FromText(scenario.Text, "journal").Base;

        Assert.Equal(scenario.Text, again.Text);
        Assert.Equal(7, again.Rounds);
        Assert.Equal(3, Assert.IsType<SignFlipAttack>(Assert.Single(again.Attacks)).Scale);
        Assert.True(again.Persistence.StoreCiphertexts);
        Assert.Equal(scenario.Federation, again.Federation);
    }
}
