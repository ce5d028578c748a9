using System.Text.RegularExpressions;
using FedActors.Configuration;
using FedActors.Federation.Scenarios;

namespace FedActors.Federation.Tests.Scenarios;

public sealed partial class ScenarioLoaderTests
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Scenarios", "Fixtures");

    [GeneratedRegex(@"^[^\n:]+:\d+:\d+: scenario\.[^\n:]+: [^\n]+; valid: [^\n]+$")]
    private static partial Regex ErrorLine();

    private static ScenarioSet FromText(string text, params string[] sets) =>
        ScenarioLoader.FromConfig(
            ConfigFactory.ParseString(text, "test.conf").WithFallback(ConfigFactory.Reference),
            sets.Select(ScenarioOverride.Parse).ToArray());

    private static ScenarioError[] Errors(string text, params string[] sets)
    {
        var error = Assert.Throws<ScenarioException>(() => FromText(text, sets));
        Assert.All(error.Message.Split('\n'), line => Assert.Matches(ErrorLine(), line));
        return [.. error.Errors];
    }

    private static ScenarioError Single(string text, string path, params string[] sets)
    {
        var errors = Errors(text, sets);
        return Assert.Single(errors, e => e.Path == path);
    }

    [Fact]
    public void The_example_of_SCENARIOS_md_loads_with_every_value()
    {
        var set = ScenarioLoader.Load(Path.Combine(Fixtures, "mnist-cnn-label-flip.conf"));
        var s = set.Base;

        Assert.Empty(set.Variants);
        Assert.Equal(("mnist-cnn-label-flip", 42L, 50), (s.Name, s.Seed, s.Rounds));
        Assert.Equal(new PartitionSettings("dirichlet", 0.5, 1.0), s.Data.Partition);
        Assert.Equal("cnn-mcmahan", s.Model.Type);
        Assert.Equal(new TrainingSettings(5, 10, 0.05, "sgd", 0, 0, 0), s.Training);
        Assert.Equal((100, 10, 8, TimeSpan.FromSeconds(30), "secure-sum", 5.0), (s.Federation.Clients, s.Federation.ClientsPerRound, s.Federation.MinContributions, s.Federation.RoundTimeout, s.Federation.Aggregation, s.Federation.ClipNorm));
        Assert.True(s.Federation.IsSecure);
        Assert.Equal(new CryptoSettings("aggregation-default", "coefficients", 10, 6, 1, 0, true, false), s.Crypto);
        Assert.Equal(new MetricsSettings(1, true, true, true), s.Metrics);
        Assert.Equal(new OutputSettings("runs/mnist-cnn-label-flip", "html"), s.Output);

        Assert.Collection(
            s.Attacks,
            a => Assert.Equal(new LabelFlipAttack(new AttackClients(null, 20, null), a.Window, 5, 3, 1.0), a),
            a =>
            {
                var backdoor = Assert.IsType<BackdoorAttack>(a);
                Assert.Equal(("model-replacement", 100.0, "pixel-pattern", 2), (backdoor.Type, backdoor.Boost, backdoor.Trigger, backdoor.Target));
                Assert.Equal([7], backdoor.Clients.Ids!);
                Assert.True(backdoor.Window.IsActive(10, 50));
                Assert.False(backdoor.Window.IsActive(11, 50));
            },
            a => Assert.Equal(("zero", 5), (Assert.IsType<FreeRiderAttack>(a).Mode, a.Clients.Resolve(100))),
            a => Assert.Equal("own-previous", Assert.IsType<ReplayAttack>(a).Mode));
        Assert.Equal(20, s.Attacks[0].Clients.Resolve(100));
    }

    [Fact]
    public void A_scenario_names_only_what_differs_from_the_documented_defaults()
    {
        var s = FromText("scenario { name = tiny }").Base;

        Assert.Equal((10, 10, 1), (s.Federation.Clients, s.Federation.ClientsPerRound, s.Federation.MinContributions));
        Assert.Equal((10, 6), (s.Crypto.CommitteeSize, s.Crypto.Threshold));
        Assert.Equal("mlp", s.Model.Type);
        Assert.Equal([200, 200], s.Model.Hidden);
        Assert.Empty(s.Attacks);
    }

    [Fact]
    public void An_unknown_key_is_located_and_a_close_name_is_suggested()
    {
        var error = Single("scenario {\n  federation {\n    client = 5\n  }\n}", "scenario.federation.client");

        Assert.Equal(("test.conf", 3), (error.Origin.File, error.Origin.Line));
        Assert.Contains("did you mean 'clients'", error.Valid, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_keys_are_found_at_every_level_including_attacks_and_layers()
    {
        var errors = Errors("""
            scenario {
              colour = blue
              data { partition { shape = round } }
              attacks = [{ type = sign-flip, scale = 2, boost = 3 }]
              model { type = layers, layers = [{ type = dense, units = 10, kernel = 3 }] }
            }
            """);

        Assert.Contains(errors, e => e.Path == "scenario.colour");
        Assert.Contains(errors, e => e.Path == "scenario.data.partition.shape");
        Assert.Contains(errors, e => e.Path == "scenario.attacks[0].boost" && e.Problem.Contains("sign-flip", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Path == "scenario.model.layers[0].kernel");
    }

    [Fact]
    public void A_wrong_type_names_the_key_and_what_is_valid()
    {
        var error = Single("scenario {\n  rounds = many\n}", "scenario.rounds");
        Assert.Equal(2, error.Origin.Line);
        Assert.Contains("1..1000000", error.Valid, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("scenario.rounds = 0", "scenario.rounds")]
    [InlineData("scenario.training.learning-rate = -1", "scenario.training.learning-rate")]
    [InlineData("scenario.training.optimizer = sdg", "scenario.training.optimizer")]
    [InlineData("scenario.federation { aggregation = trimmed-mean, trim-fraction = 0.7 }", "scenario.federation.trim-fraction")]
    [InlineData("scenario.federation.round-timeout = -5s", "scenario.federation.round-timeout")]
    [InlineData("scenario.data.partition.alpha = 0", "scenario.data.partition.alpha")]
    [InlineData("scenario.data.set = cifar", "scenario.data.set")]
    [InlineData("scenario.metrics.evaluate-every = 0", "scenario.metrics.evaluate-every")]
    [InlineData("scenario.output.report = pdf", "scenario.output.report")]
    [InlineData("scenario.crypto.encoding = ntt", "scenario.crypto.encoding")]
    [InlineData("scenario.attacks = [{ type = gaussian, std = 0 }]", "scenario.attacks[0].std")]
    [InlineData("scenario.attacks = [{ type = teleport }]", "scenario.attacks[0].type")]
    [InlineData("scenario.attacks = [{ type = sign-flip, clients = 120% }]", "scenario.attacks[0].clients")]
    [InlineData("scenario.attacks = [{ type = sign-flip, clients = 11 }]", "scenario.attacks[0].clients")]
    [InlineData("scenario.attacks = [{ type = sign-flip, clients = [3, 3] }]", "scenario.attacks[0].clients")]
    [InlineData("scenario.attacks = [{ type = sign-flip, rounds = [0, 11] }]", "scenario.attacks[0].rounds")]
    [InlineData("scenario.attacks = [{ type = sign-flip, from-round = 5, to-round = 3 }]", "scenario.attacks[0].to-round")]
    [InlineData("scenario.attacks = [{ type = label-flip, source = 12 }]", "scenario.attacks[0].source")]
    [InlineData("scenario.attacks = [{ type = replay, mode = forged }]", "scenario.attacks[0].mode")]
    [InlineData("scenario.model.hidden = [200, 0]", "scenario.model.hidden")]
    [InlineData("scenario.model { type = layers, layers = [{ type = dropout, rate = 1 }] }", "scenario.model.layers[0].rate")]
    [InlineData("scenario.data.synthetic.beta = -1", "scenario.data.synthetic.beta")]
    [InlineData("scenario.attacks = [{ type = crash, round = 11 }]", "scenario.attacks[0].round")]
    [InlineData("scenario.attacks = [{ type = straggler, delay = -1s }]", "scenario.attacks[0].delay")]
    [InlineData("scenario.attacks = [{ type = dropout, probability = 1.5 }]", "scenario.attacks[0].probability")]
    [InlineData("scenario.attacks = [{ type = free-rider, claimed-samples = -3 }]", "scenario.attacks[0].claimed-samples")]
    [InlineData("scenario.attacks = [{ type = sybil, with = curious-coordinator }]", "scenario.attacks[0].with")]
    [InlineData("scenario.attack-defaults.sign-flip.boost = 2", "scenario.attack-defaults.sign-flip.boost")]
    [InlineData("scenario.sweep { \"federation.clients\" = [] }", "scenario.sweep.\"federation.clients\"")]
    public void Out_of_range_and_unknown_values_are_rejected(string text, string path)
    {
        var error = Single(text, path);
        Assert.Equal("test.conf", error.Origin.File);
        Assert.False(string.IsNullOrWhiteSpace(error.Valid));
    }

    [Theory]
    [InlineData("scenario.crypto { committee-size = 5, threshold = 6 }", "scenario.crypto.threshold", "more than committee-size = 5")]
    [InlineData("scenario.crypto.committee-size = 11", "scenario.crypto.committee-size", "more than clients = 10")]
    [InlineData("scenario.federation.clients-per-round = 11", "scenario.federation.clients-per-round", "more than clients = 10")]
    [InlineData("scenario.federation { clients-per-round = 5, min-contributions = 6 }", "scenario.federation.min-contributions", "no round could ever complete")]
    [InlineData("scenario.federation.trim-fraction = 0.2", "scenario.federation.trim-fraction", "robust aggregation needs plaintext mode")]
    [InlineData("scenario.federation { aggregation = median, norm-bound = 3 }", "scenario.federation.norm-bound", "no effect with aggregation = median")]
    [InlineData("scenario.federation { aggregation = krum, byzantine = 2, min-contributions = 6 }", "scenario.federation.byzantine", "more than 2f + 2 = 6")]
    [InlineData("scenario.federation { aggregation = multi-krum, byzantine = 1, min-contributions = 5, multi-krum-select = 6 }", "scenario.federation.multi-krum-select", "more than min-contributions = 5")]
    [InlineData("scenario.crypto { committee-size = 6, threshold = 5, spare-holders = 2 }", "scenario.crypto.spare-holders", "exceed committee-size = 6")]
    [InlineData("scenario { data.set = breast-cancer, model = cnn-mcmahan }", "scenario.model", "not an image data set")]
    [InlineData("scenario.metrics.backdoor-success = on", "scenario.metrics.backdoor-success", "no scaling or model-replacement attack")]
    [InlineData("scenario { federation.aggregation = mean, attacks = [{ type = curious-coordinator }] }", "scenario.attacks[0].type", "plaintext mode")]
    [InlineData("scenario { federation.aggregation = median, attacks = [{ type = replay, mode = rerandomized-copy }] }", "scenario.attacks[0].type", "plaintext mode")]
    [InlineData("scenario.attacks = [{ type = curious-coordinator, clients = 2 }]", "scenario.attacks[0].clients", "attack by the coordinator")]
    [InlineData("scenario.attacks = [{ type = colluding-key-holders, count = 6 }]", "scenario.attacks[0].count", "is 6")]
    [InlineData("scenario.attacks = [{ type = sign-flip, clients = 6 }, { type = gaussian, clients = 5 }]", "scenario.attacks", "11 attacking clients")]
    [InlineData("scenario.attacks = [{ type = label-flip, source = 3, target = 3 }]", "scenario.attacks[0].target", "nothing would be flipped")]
    [InlineData("scenario.attacks = [{ type = sign-flip, rounds = [2], from-round = 3 }]", "scenario.attacks[0].from-round", "together with rounds")]
    [InlineData("scenario { data.set = synthetic, attacks = [{ type = scaling }] }", "scenario.attacks[0].trigger", "has no images")]
    [InlineData("scenario.model { type = mlp, layers = [{ type = relu }] }", "scenario.model.layers", "ignores it")]
    [InlineData("scenario.model.type = layers", "scenario.model.layers", "is empty")]
    public void Impossible_combinations_are_rejected_before_anything_runs(string text, string path, string problem)
    {
        var error = Single(text, path);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_error_of_a_file_is_reported_at_once()
    {
        var errors = Errors("scenario {\n  rounds = 0\n  federation.clients-per-round = 20\n  crypto.threshold = 40\n  colour = red\n}");
        Assert.Equal(
            ["scenario.colour", "scenario.crypto.threshold", "scenario.federation.clients-per-round", "scenario.rounds"],
            errors.Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.Equal([2, 3, 4, 5], errors.Select(e => e.Origin.Line).Order().Distinct().ToArray());
    }

    [Fact]
    public void Set_overrides_replace_values_including_inside_an_attack()
    {
        var s = ScenarioLoader.Load(
            Path.Combine(Fixtures, "mnist-cnn-label-flip.conf"),
            ["federation.clients-per-round=20", "scenario.rounds=5", "attacks.0.clients=30%", "attacks.1.rounds=[2, 3]"]).Base;

        Assert.Equal(20, s.Federation.ClientsPerRound);
        Assert.Equal(5, s.Rounds);
        Assert.Equal(30, s.Attacks[0].Clients.Percentage);
        Assert.Equal([2, 3], s.Attacks[1].Window.Rounds);
    }

    [Fact]
    public void A_bad_override_is_reported_as_coming_from_the_command_line()
    {
        var error = Single("scenario.name = x", "scenario.federation.clients-per-round", "federation.clients-per-round=50");
        Assert.Equal("command line", error.Origin.File);
    }

    [Fact]
    public void An_override_of_a_missing_attack_says_which_indices_exist()
    {
        var error = Single("scenario.attacks = [{ type = sign-flip }]", "scenario.attacks.3.scale", "attacks.3.scale=2");
        Assert.Equal("command line", error.Origin.File);
        Assert.Contains("0..0", error.Valid, StringComparison.Ordinal);
    }

    [Fact]
    public void A_set_without_equals_sign_is_refused_with_an_example()
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioOverride.Parse("federation.clients"));
        Assert.Contains("key=value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sweep_expands_into_a_named_grid_with_one_run_directory_per_variant()
    {
        var set = ScenarioLoader.Load(Path.Combine(Fixtures, "sweep.conf"));

        Assert.Equal(8, set.Variants.Count);
        Assert.Equal("attacks.0.clients=0%, federation.clip-norm=0", set.Variants[0].Name);
        Assert.Equal("attacks.0.clients=30%, federation.clip-norm=5", set.Variants[^1].Name);
        Assert.Equal(30, set.Variants[^1].Scenario.Attacks[0].Clients.Percentage);
        Assert.Equal(5, set.Variants[^1].Scenario.Federation.ClipNorm);
        Assert.Equal(8, set.Variants.Select(v => v.Scenario.Output.Directory).Distinct().Count());
        Assert.All(set.Variants, v => Assert.StartsWith("runs/label-flip-sweep/", v.Scenario.Output.Directory, StringComparison.Ordinal));
        Assert.Equal(8, set.Runs.Count);
    }

    [Fact]
    public void A_sweep_value_that_breaks_a_rule_is_located_at_the_sweep_key_and_names_the_variant()
    {
        var errors = Errors("""
            scenario {
              attacks = [{ type = sign-flip }]
              sweep {
                "attacks.0.clients" = [1, 200%]
              }
            }
            """);

        var error = Assert.Single(errors);
        Assert.Equal(("test.conf", 4), (error.Origin.File, error.Origin.Line));
        Assert.Equal("scenario.attacks[0].clients", error.Path);
        Assert.Contains("in sweep variant attacks.0.clients=200%", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scenario_becomes_the_run_information_of_its_metrics()
    {
        var s = ScenarioLoader.Load(Path.Combine(Fixtures, "mnist-cnn-label-flip.conf")).Base;
        var info = s.ToRunInfo("v1", DateTimeOffset.UnixEpoch);

        Assert.Equal(("mnist-cnn-label-flip", "v1", "secure-sum", 100, 10), (info.Scenario, info.Variant, info.Mode, info.Clients, info.Classes));
        Assert.Equal("label-flip: 20% of clients, rounds 1–last (5 → 3)", info.Attacks[0]);
    }

    [Fact]
    public void A_syntax_error_in_the_file_is_a_located_configuration_error()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fedactors-scenario-{Guid.NewGuid():N}.conf");
        File.WriteAllText(path, "scenario {\n  rounds = [1,\n");
        try
        {
            var error = Assert.Throws<ConfigException>(() => ScenarioLoader.Load(path));
            Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Random_mutations_of_the_example_either_load_or_fail_with_a_located_error()
    {
        var text = File.ReadAllText(Path.Combine(Fixtures, "mnist-cnn-label-flip.conf")).Replace("include \"base/mnist-cnn.conf\"", string.Empty, StringComparison.Ordinal);
        const string Alphabet = "{}[]=,:\"%0123456789abz-. \n";
        var random = new Random(8);
        for (var trial = 0; trial < 300; trial++)
        {
            var chars = text.ToCharArray().ToList();
            for (var e = 0; e < 1 + random.Next(3); e++)
            {
                var at = random.Next(chars.Count);
                switch (random.Next(3))
                {
                    case 0: chars[at] = Alphabet[random.Next(Alphabet.Length)]; break;
                    case 1: chars.RemoveAt(at); break;
                    default: chars.Insert(at, Alphabet[random.Next(Alphabet.Length)]); break;
                }
            }

            try
            {
                FromText(new string([.. chars]));
            }
            catch (ConfigException e)
            {
                Assert.StartsWith("test.conf:", e.Message, StringComparison.Ordinal);
            }
            catch (ScenarioException e)
            {
                Assert.All(e.Message.Split('\n'), line => Assert.Matches(ErrorLine(), line));
            }
        }
    }

    [Fact]
    public void A_sybil_attack_carries_the_keys_of_the_attack_its_identities_perform()
    {
        var attack = Assert.IsType<SybilAttack>(Assert.Single(FromText("scenario.attacks = [{ type = sybil, count = 3, with = sign-flip, scale = 4 }]").Base.Attacks));

        Assert.Equal(3, attack.Count);
        Assert.Equal(4, Assert.IsType<SignFlipAttack>(attack.With).Scale);
    }
}
