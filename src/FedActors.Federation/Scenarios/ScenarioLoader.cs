using System.Globalization;
using FedActors.Configuration;
using FedActors.Federation.Aggregation;

namespace FedActors.Federation.Scenarios;

/// <summary>
/// Loads a scenario file (over the defaults of <c>hocon/reference.conf</c>), applies <c>--set</c>
/// overrides, expands the <c>sweep</c> grid, and validates the scenario and every variant before
/// anything runs: unknown keys, wrong types, out-of-range values and impossible combinations are
/// all reported at once, each as <c>FILE:LINE:COLUMN: scenario.key: problem; valid: …</c>.
/// </summary>
public static class ScenarioLoader
{
    private const string ReferenceFile = "reference.conf";

    private static readonly string[] RobustKeys = ["trim-fraction", "byzantine", "multi-krum-select", "norm-bound"];

    /// <summary>Loads, overrides, expands and validates the scenario file at <paramref name="path"/>.</summary>
    /// <param name="path">The scenario file; its includes are relative to it.</param>
    /// <param name="sets">The <c>--set key=value</c> arguments, applied in order over the file.</param>
    /// <returns>The validated scenario and its sweep variants.</returns>
    /// <exception cref="ConfigException">The file is missing or is not valid HOCON (located).</exception>
    /// <exception cref="ScenarioException">The scenario or a variant breaks a rule; every error is listed.</exception>
    public static ScenarioSet Load(string path, IReadOnlyList<string>? sets = null) =>
        FromConfig(ConfigFactory.Load(path), (sets ?? []).Select(ScenarioOverride.Parse).ToArray());

    /// <summary>Loads a scenario from its <see cref="Scenario.Text"/> (e.g. as journaled by a run), over the reference defaults.</summary>
    /// <param name="text">HOCON with a <c>scenario</c> object.</param>
    /// <param name="originName">The name errors are located in, e.g. the journal it came from.</param>
    /// <param name="overrides">Overrides applied over the text, in order.</param>
    /// <returns>The validated scenario and its sweep variants.</returns>
    /// <exception cref="ConfigException">The text is not valid HOCON.</exception>
    /// <exception cref="ScenarioException">The scenario or a variant breaks a rule; every error is listed.</exception>
    public static ScenarioSet FromText(string text, string originName, IReadOnlyList<ScenarioOverride>? overrides = null) =>
        FromConfig(ConfigFactory.ParseString(text, originName).WithFallback(ConfigFactory.Reference), overrides);

    /// <summary>Validates a scenario already parsed over the reference defaults (e.g. <c>ConfigFactory.Load</c>'s result).</summary>
    /// <param name="config">A configuration with a <c>scenario</c> object, over <see cref="ConfigFactory.Reference"/>.</param>
    /// <param name="overrides">Overrides applied over the configuration, in order.</param>
    /// <returns>The validated scenario and its sweep variants.</returns>
    /// <exception cref="ScenarioException">The scenario or a variant breaks a rule; every error is listed.</exception>
    public static ScenarioSet FromConfig(Config config, IReadOnlyList<ScenarioOverride>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        overrides ??= [];
        var errors = new List<ScenarioError>();
        var scenario = Read(config, overrides, errors, origins: null);
        var variants = errors.Count == 0 ? Sweep(config, overrides, scenario!, errors) : [];
        if (errors.Count > 0)
        {
            throw new ScenarioException(errors.Distinct().ToArray());
        }

        return new ScenarioSet(scenario!, variants);
    }

    private static IReadOnlyList<ScenarioVariant> Sweep(Config config, IReadOnlyList<ScenarioOverride> overrides, Scenario baseScenario, List<ScenarioError> errors)
    {
        var sweep = new ScenarioReader(config.GetConfig("scenario.sweep"), errors);
        var axes = new List<(string Key, ConfigOrigin Origin, IReadOnlyList<string> Values)>();
        foreach (var key in sweep.Config.Keys)
        {
            var quoted = ScenarioReader.Quote(key);
            var values = sweep.Get<IReadOnlyList<string>>(quoted, static (c, k) => c.GetStringList(k), [], "a non-empty list of values, e.g. [0%, 10%, 20%]");
            if (values.Count == 0 && sweep.Config.GetValueType(quoted) == ConfigValueType.List)
            {
                sweep.Error(quoted, "is an empty list", "a non-empty list of values, e.g. [0%, 10%, 20%]");
            }

            if (key.StartsWith("sweep", StringComparison.Ordinal) || key.StartsWith("scenario.", StringComparison.Ordinal))
            {
                sweep.Error(quoted, "is not a path inside scenario", "a key path relative to scenario, e.g. \"attacks.0.clients\" or \"federation.aggregation\"");
            }

            axes.Add((key.Trim(), sweep.Config.GetOrigin(quoted), values));
        }

        if (errors.Count > 0 || axes.Count == 0)
        {
            return [];
        }

        IEnumerable<IReadOnlyList<int>> grid = [[]];
        foreach (var axis in axes)
        {
            grid = grid.SelectMany(prefix => Enumerable.Range(0, axis.Values.Count).Select(i => (IReadOnlyList<int>)[.. prefix, i])).ToArray();
        }

        var variants = new List<ScenarioVariant>();
        foreach (var point in grid)
        {
            var settings = axes.Select((axis, a) => new ScenarioOverride(axis.Key, Quoted(axis.Values[point[a]]), $"sweep#{a}")).ToArray();
            var name = string.Join(", ", settings.Select((s, a) => $"{s.Path}={axes[a].Values[point[a]]}"));
            var origins = axes.Select((axis, a) => ($"sweep#{a}", axis.Origin)).ToDictionary(x => x.Item1, x => x.Origin);
            var variantErrors = new List<ScenarioError>();
            var scenario = Read(config, [.. overrides, .. settings], variantErrors, origins);
            errors.AddRange(variantErrors.Select(e => e with { Problem = $"{e.Problem} (in sweep variant {name})" }));
            if (scenario is not null)
            {
                var directory = System.IO.Path.Combine(baseScenario.Output.Directory, DirectoryName(name));
                variants.Add(new ScenarioVariant(name, settings, scenario with { Output = scenario.Output with { Directory = directory } }));
            }
        }

        return variants;
    }

    private static string Quoted(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string DirectoryName(string variant) =>
        new(variant.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '=' or '%' ? c : '_').ToArray());

    /// <summary>Applies overrides and reads the scenario; errors at a sweep origin are relocated to the sweep key.</summary>
    private static Scenario? Read(Config config, IReadOnlyList<ScenarioOverride> overrides, List<ScenarioError> errors, IReadOnlyDictionary<string, ConfigOrigin>? origins)
    {
        var local = new List<ScenarioError>();
        var attackOverrides = new List<ScenarioOverride>();
        foreach (var o in overrides)
        {
            if (o.AttackElement is not null)
            {
                attackOverrides.Add(o);
                continue;
            }

            if (Parse($"scenario.{o.Path} = {o.Value}", o, local) is { } parsed)
            {
                config = parsed.WithFallback(config);
            }
        }

        Scenario? scenario = null;
        if (!config.HasPath("scenario") || config.GetValueType("scenario") != ConfigValueType.Object)
        {
            local.Add(new ScenarioError(config.Origin, "scenario", "is missing or not an object", "a scenario { … } block (see SCENARIOS.md)"));
        }
        else
        {
            scenario = new Reading(new ScenarioReader(config.GetConfig("scenario"), local), attackOverrides).Scenario();
        }

        errors.AddRange(local.Select(e => origins is not null && origins.TryGetValue(e.Origin.File, out var at) ? e with { Origin = at } : e));
        return local.Count == 0 ? scenario : null;
    }

    private static Config? Parse(string text, ScenarioOverride o, List<ScenarioError> errors)
    {
        try
        {
            return ConfigFactory.ParseString(text, o.Origin);
        }
        catch (ConfigException e)
        {
            errors.Add(new ScenarioError(e.Origin, $"scenario.{o.Path}", e.Problem, "key=value with a HOCON value, e.g. federation.clients=50 or attacks.0.clients=20%"));
            return null;
        }
    }

    private static IReadOnlyCollection<string> Known(string path) => ConfigFactory.Reference.GetConfig(path).Keys;

    /// <summary>One pass over one scenario object.</summary>
    private sealed class Reading(ScenarioReader root, IReadOnlyList<ScenarioOverride> attackOverrides)
    {
        private DataSettings _data = null!;
        private FederationSettings _federation = null!;
        private CryptoSettings _crypto = null!;
        private int _rounds;
        private IReadOnlyList<Config> _attackItems = [];

        private bool IsDefault(ScenarioReader reader, string key) => reader.Origin(key).File == ReferenceFile;

        public Scenario? Scenario()
        {
            root.RejectUnknownKeys(Known("scenario"));
            var name = root.Text("name", "a non-empty name, e.g. mnist-cnn-label-flip");
            var seed = root.Long("seed", "an integer");
            _rounds = root.Int("rounds", 1, 1_000_000, "an integer in 1..1000000");
            _data = Data(root.Child("data"));
            var model = Model();
            var training = Training(root.Child("training"));
            _federation = Federation(root.Child("federation"));
            _crypto = Crypto(root.Child("crypto"));
            ValidateAttackDefaults();
            var attacks = Attacks();
            var metrics = Metrics(root.Child("metrics"), attacks);
            var output = Output(root.Child("output"));
            var persistence = Persistence(root.Child("persistence"));
            root.Get(ScenarioReader.Quote("sweep"), static (c, k) => c.GetConfig(k), Config.Empty, "an object of \"key.path\" = [values]");
            if (root.Errors.Count > 0 || model is null || training is null || metrics is null || output is null)
            {
                return null;
            }

            return new Scenario(name, seed, _rounds, _data, model, training, _federation, _crypto, attacks, metrics, output)
            {
                Persistence = persistence,
                Text = ScenarioText.Render(ArtifactSettingsReader.WithResolvedPaths(root.Config, model, output), _attackItems),
            };
        }

        private static JournalSettings Persistence(ScenarioReader? p)
        {
            if (p is null)
            {
                return JournalSettings.Default;
            }

            p.RejectUnknownKeys(Known("scenario.persistence"));
            var plugin = p.Choice("plugin", JournalSettings.Plugins);
            var connection = p.Get("connection-string", static (c, k) => c.GetString(k), string.Empty, "a connection string (may be empty for sqlite)");
            if (plugin == "postgresql" && string.IsNullOrWhiteSpace(connection))
            {
                // Point at the line the user wrote: the empty string may be the reference default.
                var valid = "a PostgreSQL connection-string, e.g. \"Host=db;Database=fedactors;Username=fed\"";
                if (p.Origin("connection-string").File == ReferenceFile)
                {
                    p.Error("plugin", "is postgresql, but no connection-string is given", valid);
                }
                else
                {
                    p.Error("connection-string", "is empty but plugin = postgresql", valid);
                }
            }

            return new JournalSettings(plugin, connection, p.Bool("store-ciphertexts"));
        }

        private DataSettings Data(ScenarioReader? data)
        {
            var fallback = new DataSettings("mnist", 1, 1, new PartitionSettings("iid", 0.5, 1));
            if (data is null)
            {
                return fallback;
            }

            data.RejectUnknownKeys(Known("scenario.data"));
            var set = data.Choice("set", DataSettings.Sets);
            var synthetic = data.Child("synthetic");
            synthetic?.RejectUnknownKeys(Known("scenario.data.synthetic"));
            var alpha = synthetic?.Double("alpha", v => v >= 0, 1, "a number >= 0") ?? 1;
            var beta = synthetic?.Double("beta", v => v >= 0, 1, "a number >= 0") ?? 1;
            var partition = data.Child("partition");
            partition?.RejectUnknownKeys(Known("scenario.data.partition"));
            var settings = partition is null
                ? fallback.Partition
                : new PartitionSettings(
                    partition.Choice("scheme", PartitionSettings.Schemes),
                    partition.Double("alpha", v => v > 0, 0.5, "a number > 0"),
                    partition.Double("sigma", v => v > 0, 1, "a number > 0"));
            return new DataSettings(set, alpha, beta, settings);
        }

        private ModelSettings? Model()
        {
            if (root.Has("model") && root.Config.GetValueType("model") == ConfigValueType.String)
            {
                var type = root.Choice("model", ModelSettings.Types.Where(t => t != "layers").ToArray());
                // `model = mlp` is short for { type = mlp }: the other model keys keep their defaults.
                return CheckModel(root, "model", new ModelSettings(type, ConfigFactory.Reference.GetIntList("scenario.model.hidden"), []));
            }

            var section = root.Get<Config?>("model", static (c, k) => c.GetConfig(k), null, "a model name (logreg | mlp | cnn-mcmahan) or an object { type = …, hidden = […], layers = […] }");
            if (section is null)
            {
                return null;
            }

            // A model object written over a base file's `model = name` replaces it whole; the defaults fill the gaps.
            var model = new ScenarioReader(section.WithFallback(ConfigFactory.Reference.GetConfig("scenario.model")), root.Errors, "scenario.model");

            model.RejectUnknownKeys(Known("scenario.model"));
            if (ArtifactSettingsReader.ModelAssembly(model) is { } assembly)
            {
                return new ModelSettings(ModelSettings.AssemblyType, [], [], assembly);
            }

            var kind = model.Choice("type", ModelSettings.Types);
            var widths = model.Get<IReadOnlyList<int>>("hidden", static (c, k) => c.GetIntList(k), [], "a list of layer widths, e.g. [200, 200]");
            if (widths.Any(w => w < 1))
            {
                model.Error("hidden", $"contains a width < 1: [{string.Join(", ", widths)}]", "widths >= 1, e.g. [200, 200]");
            }

            var layerConfigs = model.Get<IReadOnlyList<Config>>("layers", static (c, k) => c.GetConfigList(k), [], "a list of layer objects");
            var layers = layerConfigs.Select((c, i) => Layer(new ScenarioReader(c, root.Errors, $"scenario.model.layers[{i}]"))).ToArray();
            if (kind == "layers" && layers.Length == 0)
            {
                model.Error("layers", "is empty but type = layers", "at least one layer, e.g. [{ type = flatten }, { type = dense, units = 10 }]");
            }

            if (kind != "layers" && layers.Length > 0)
            {
                model.Error("layers", $"is given but type = {kind} ignores it", "type = layers, or remove layers");
            }

            return CheckModel(model, "type", new ModelSettings(kind, widths, layers));
        }

        private ModelSettings CheckModel(ScenarioReader at, string key, ModelSettings model)
        {
            var convolutional = model.Type == "cnn-mcmahan" || model.Layers.Any(l => l.Type is "conv2d" or "maxpool2d");
            if (convolutional && !_data.IsImages)
            {
                at.Error(key, $"is a convolutional model but data.set = {_data.Set} is not an image data set", "a convolutional model with mnist or fashion-mnist, or logreg | mlp");
            }

            return model;
        }

        private LayerSettings Layer(ScenarioReader layer)
        {
            var type = layer.Choice("type", LayerSettings.Keys.Keys.ToArray());
            layer.RejectUnknownKeys(["type", .. LayerSettings.Keys[type]], $"a {type} layer");
            int Positive(string key) => layer.Has(key) || LayerSettings.Keys[type].Contains(key) ? layer.Int(key, 1, 1 << 20, "an integer >= 1") : 0;
            return type switch
            {
                "dense" => new LayerSettings(type, Units: Positive("units")),
                "conv2d" => new LayerSettings(type, Filters: Positive("filters"), Kernel: Positive("kernel")),
                "maxpool2d" => new LayerSettings(type, Size: layer.Has("size") ? Positive("size") : 2),
                "dropout" => new LayerSettings(type, Rate: layer.Double("rate", v => v is >= 0 and < 1, 0, "a number in [0, 1)")),
                _ => new LayerSettings(type),
            };
        }

        private static TrainingSettings? Training(ScenarioReader? t)
        {
            if (t is null)
            {
                return null;
            }

            t.RejectUnknownKeys(Known("scenario.training"));
            return new TrainingSettings(
                t.Int("local-epochs", 1, 10_000, "an integer >= 1"),
                t.Int("batch-size", 0, int.MaxValue, "an integer >= 1, or 0 for the whole local data set"),
                t.Double("learning-rate", v => v > 0, 0.05, "a number > 0"),
                t.Choice("optimizer", ["sgd", "adam"]),
                t.Double("momentum", v => v is >= 0 and < 1, 0, "a number in [0, 1)"),
                t.Double("weight-decay", v => v >= 0, 0, "a number >= 0"),
                t.Double("proximal-mu", v => v >= 0, 0, "a number >= 0"));
        }

        private FederationSettings Federation(ScenarioReader? f)
        {
            var fallback = new FederationSettings(1, 1, 1, TimeSpan.FromSeconds(60), FederationSettings.SecureSum, 0, RobustAggregationOptions.Default, true);
            if (f is null)
            {
                return fallback;
            }

            f.RejectUnknownKeys(Known("scenario.federation"));
            var clients = f.Int("clients", 1, 10_000_000, "an integer >= 1");
            var perRound = f.Int("clients-per-round", 1, int.MaxValue, $"1..{clients} (federation.clients)");
            if (perRound > clients)
            {
                f.Error("clients-per-round", $"is {perRound}, more than clients = {clients}", $"1..{clients}");
            }

            var minimum = f.Int("min-contributions", 1, int.MaxValue, $"1..{perRound} (federation.clients-per-round)");
            if (minimum > perRound)
            {
                f.Error("min-contributions", $"is {minimum}, more than clients-per-round = {perRound}: no round could ever complete", $"1..{perRound}");
            }

            var timeout = f.Duration("round-timeout", "a positive duration, e.g. 30s");
            var aggregation = f.Choice("aggregation", FederationSettings.Aggregations);
            var clip = f.Double("clip-norm", v => v >= 0, 0, "a number >= 0 (0 = off)");
            var trim = f.Double("trim-fraction", v => v is >= 0 and < 0.5, 0.1, "a number in [0, 0.5)");
            var byzantine = f.Int("byzantine", 0, int.MaxValue, "an integer >= 0");
            var select = f.Int("multi-krum-select", 0, int.MaxValue, "an integer >= 0 (0 = received − f)");
            var bound = f.Double("norm-bound", v => v > 0, 5, "a number > 0");
            var replay = f.Bool("replay-protection");

            // Robust aggregators need to see individual updates, which secure-sum never does (SCENARIOS.md, Defenses).
            var uses = new Dictionary<string, string> { ["trim-fraction"] = "trimmed-mean", ["byzantine"] = "krum | multi-krum", ["multi-krum-select"] = "multi-krum", ["norm-bound"] = "norm-bounded-mean" };
            foreach (var key in RobustKeys.Where(k => !IsDefault(f, k)))
            {
                if (aggregation == FederationSettings.SecureSum)
                {
                    f.Error(key, "sets a robust aggregator's parameter, but robust aggregation needs plaintext mode and aggregation = secure-sum only sees the encrypted sum",
                        $"federation.aggregation = {uses[key]}, or remove {key}");
                }
                else if (!uses[key].Split(" | ").Contains(aggregation))
                {
                    f.Error(key, $"has no effect with aggregation = {aggregation}", $"federation.aggregation = {uses[key]}, or remove {key}");
                }
            }

            if (aggregation is "krum" or "multi-krum" && minimum <= (2 * byzantine) + 2)
            {
                f.Error("byzantine", $"is {byzantine}: {aggregation} needs more than 2f + 2 = {(2 * byzantine) + 2} updates, but min-contributions = {minimum} lets a round complete with fewer",
                    $"byzantine <= {Math.Max(0, (minimum - 3) / 2)}, or min-contributions >= {(2 * byzantine) + 3}");
            }

            if (aggregation == "multi-krum" && select > minimum)
            {
                f.Error("multi-krum-select", $"is {select}, more than min-contributions = {minimum}, so a round may have fewer updates than it averages", $"0 (received − f) or 1..{minimum}");
            }

            return new FederationSettings(clients, perRound, minimum, timeout, aggregation, clip, new RobustAggregationOptions(trim, byzantine, select == 0 ? null : select, bound), replay);
        }

        private CryptoSettings Crypto(ScenarioReader? c)
        {
            var clients = _federation.Clients;
            var fallback = new CryptoSettings("aggregation-default", "coefficients", 1, 1, 0, 0, true, false);
            if (c is null)
            {
                return fallback;
            }

            c.RejectUnknownKeys(Known("scenario.crypto"));
            var parameters = c.Choice("parameters", CryptoSettings.ParameterSets);
            var encoding = c.Choice("encoding", CryptoSettings.Encodings);
            var committee = c.Int("committee-size", 0, int.MaxValue, $"0 (= min(clients, 50)) or 1..{clients}");
            if (committee > clients)
            {
                c.Error("committee-size", $"is {committee}, more than clients = {clients}", $"0 (= min(clients, 50)) or 1..{clients}");
                committee = clients;
            }

            committee = committee == 0 ? CryptoSettings.DefaultCommitteeSize(clients) : committee;
            var threshold = c.Int("threshold", 0, int.MaxValue, $"0 (majority) or 1..{committee} (committee-size)");
            var thresholdValid = threshold <= committee;
            if (!thresholdValid)
            {
                c.Error("threshold", $"is {threshold}, more than committee-size = {committee}: the committee could never decrypt", $"0 (majority) or 1..{committee}");
                threshold = committee;
            }

            threshold = threshold == 0 ? CryptoSettings.DefaultThreshold(committee) : threshold;
            var spare = c.Int("spare-holders", 0, int.MaxValue, "an integer >= 0");
            if (thresholdValid && threshold + spare > committee)
            {
                c.Error("spare-holders", $"is {spare}: threshold {threshold} + {spare} spare holders exceed committee-size = {committee}, so every epoch would re-key at once",
                    $"0..{Math.Max(0, committee - threshold)}");
            }

            return new CryptoSettings(
                parameters,
                encoding,
                committee,
                threshold,
                spare,
                c.Int("rotate-every", 0, int.MaxValue, "an integer >= 0 (0 = only when the committee shrinks)"),
                c.Bool("verify-aggregate"),
                c.Bool("deterministic-randomness"));
        }

        private void ValidateAttackDefaults()
        {
            var defaults = root.Child("attack-defaults");
            if (defaults is null)
            {
                return;
            }

            defaults.RejectUnknownKeys(Known("scenario.attack-defaults"));
            foreach (var type in defaults.Config.Keys.Where(Known("scenario.attack-defaults").Contains))
            {
                defaults.Child(type)?.RejectUnknownKeys(Known($"scenario.attack-defaults.{type}"), $"attack-defaults.{type}");
            }
        }

        private List<Attack> Attacks()
        {
            var items = root.Get<IReadOnlyList<Config>>("attacks", static (c, k) => c.GetConfigList(k), [], "a list of attack objects, e.g. [{ type = label-flip, clients = 20% }]").ToList();
            foreach (var o in attackOverrides)
            {
                var (index, rest) = o.AttackElement!.Value;
                if (index >= items.Count)
                {
                    root.Errors.Add(new ScenarioError(new ConfigOrigin(o.Origin, 1, 1), $"scenario.{o.Path}", $"there is no attack at index {index}",
                        items.Count == 0 ? "no attacks.N paths: the scenario has no attacks" : $"an index in 0..{items.Count - 1}"));
                }
                else if (Parse($"{rest} = {o.Value}", o, root.Errors) is { } value)
                {
                    items[index] = value.WithFallback(items[index]);
                }
            }

            _attackItems = items;
            var attacks = new List<Attack>();
            for (var i = 0; i < items.Count; i++)
            {
                if (Attack(items[i], $"scenario.attacks[{i}]", typeOverride: null) is { } attack)
                {
                    attacks.Add(attack);
                }
            }

            var attackers = attacks.Where(a => !a.IsCoordinatorSide).Sum(a => a.Clients.Resolve(_federation.Clients));
            if (attackers > _federation.Clients)
            {
                root.Error("attacks", $"use {attackers} attacking clients in total, more than clients = {_federation.Clients}", $"at most {_federation.Clients} attackers over all attacks");
            }

            return attacks;
        }

        private Attack? Attack(Config item, string path, string? typeOverride)
        {
            var raw = new ScenarioReader(item, root.Errors, path);
            var type = typeOverride ?? raw.Choice("type", Scenarios.Attack.Types);
            var with = type == "sybil" && raw.Has("with") ? raw.Choice("with", Scenarios.Attack.Types.Where(t => t is not ("sybil" or "colluding-key-holders" or "curious-coordinator")).ToArray()) : null;
            if (typeOverride is null)
            {
                var allowed = new HashSet<string>(["type", .. Known("scenario.attack-defaults.any"), .. Known($"scenario.attack-defaults.{type}")]);
                if (with is not null)
                {
                    allowed.UnionWith(Known($"scenario.attack-defaults.{with}"));
                }

                raw.RejectUnknownKeys(allowed, $"a {type} attack");
            }

            var isCoordinator = type is "curious-coordinator" or "colluding-key-holders";
            if (isCoordinator && raw.Has("clients") && typeOverride is null)
            {
                raw.Error("clients", $"is given, but {type} is an attack by the coordinator and key holders, not by chosen clients", "remove clients (colluding-key-holders takes count)");
            }

            if ((isCoordinator || (type == "replay" && raw.Has("mode") && raw.Config.GetString("mode") == "rerandomized-copy")) && !_federation.IsSecure)
            {
                raw.Error("type", $"is {type}{(isCoordinator ? string.Empty : " with mode = rerandomized-copy")}, an attack on the encrypted protocol, but federation.aggregation = {_federation.Aggregation} runs in plaintext mode",
                    "federation.aggregation = secure-sum, or another attack type");
            }

            var defaults = root.Config.GetConfig("attack-defaults");
            var merged = item.WithFallback(defaults.GetConfig("any")).WithFallback(defaults.GetConfig(type));
            if (with is not null)
            {
                merged = merged.WithFallback(defaults.GetConfig(with));
            }

            var a = new ScenarioReader(merged, root.Errors, path);
            var clients = Clients(a);
            var window = Window(a, raw);
            var classes = _data.Classes;
            var label = $"0..{classes - 1} (data.set = {_data.Set} has {classes} classes)";
            switch (type)
            {
                case "label-flip":
                    int? source = a.Config.GetValueType("source") == ConfigValueType.String && a.Config.GetString("source") == "all"
                        ? null
                        : a.Int("source", 0, classes - 1, $"all, or {label}");
                    var target = a.Int("target", 0, classes - 1, label);
                    if (source == target)
                    {
                        a.Error("target", $"equals source = {source}: nothing would be flipped", $"a label other than {source}");
                    }

                    return new LabelFlipAttack(clients, window, source, target, a.Double("fraction", v => v is > 0 and <= 1, 1, "a number in (0, 1]"));
                case "sign-flip":
                    return new SignFlipAttack(clients, window, a.Double("scale", v => v > 0, 1, "a number > 0"));
                case "gaussian":
                    return new GaussianAttack(clients, window, a.Double("mean", _ => true, 0, "a finite number"), a.Double("std", v => v > 0, 1, "a number > 0"));
                case "scaling" or "model-replacement":
                    var trigger = a.Choice("trigger", BackdoorAttack.Triggers);
                    if (!_data.IsImages)
                    {
                        a.Error("trigger", $"is {trigger}, a pixel pattern, but data.set = {_data.Set} has no images", "data.set = mnist | fashion-mnist");
                    }

                    var epochs = a.Int("local-epochs", 0, 10_000, "an integer >= 1, or 0 for training.local-epochs");
                    var rate = a.Double("learning-rate", v => v >= 0, 0, "a number > 0, or 0 for training.learning-rate");
                    return new BackdoorAttack(type, clients, window, a.Double("boost", v => v >= 1, 1, "a number >= 1"), trigger,
                        a.Int("target", 0, classes - 1, label), a.Double("poison-fraction", v => v is > 0 and <= 1, 0.5, "a number in (0, 1]"),
                        epochs == 0 ? null : epochs, rate == 0 ? null : rate);
                case "ipm":
                    return new IpmAttack(clients, window, a.Double("epsilon", v => v > 0, 0.5, "a number > 0"));
                case "alie":
                    var z = a.Double("z", v => v >= 0, 0, "a number > 0, or 0 for the paper's formula");
                    return new AlieAttack(clients, window, z == 0 ? null : z);
                case "free-rider":
                    var claimed = a.Get("claimed-samples", static (c, k) => c.GetLong(k), 0L, "an integer >= 1, or 0 for the true count");
                    if (claimed < 0)
                    {
                        a.Error("claimed-samples", $"is {claimed}", "an integer >= 1, or 0 for the true count");
                    }

                    return new FreeRiderAttack(clients, window, a.Choice("mode", FreeRiderAttack.Modes), a.Double("sigma", v => v > 0, 0.001, "a number > 0"),
                        a.Double("gamma", v => v >= 0, 1, "a number >= 0"), claimed > 0 ? claimed : null);
                case "replay":
                    var from = a.Int("source-client", -1, _federation.Clients - 1, $"-1 (chosen by the seed) or a client id in 0..{_federation.Clients - 1}");
                    return new ReplayAttack(clients, window, a.Choice("mode", ReplayAttack.Modes), from < 0 ? null : from,
                        a.Int("round-offset", 1, Math.Max(1, _rounds), $"1..{_rounds} (rounds)"));
                case "sybil":
                    var count = a.Int("count", 2, _federation.Clients, $"2..{_federation.Clients} (federation.clients)");
                    var inner = Attack(item.WithFallback(defaults.GetConfig("any")), path, with ?? "sign-flip");
                    return inner is null ? null : new SybilAttack(clients, window, count, inner);
                case "colluding-key-holders":
                    var holders = a.Int("count", 0, Math.Max(0, _crypto.Threshold - 1), $"0 (= threshold − 1) or 1..{_crypto.Threshold - 1}: threshold = {_crypto.Threshold} or more key holders decrypt by design");
                    return new ColludingKeyHoldersAttack(clients, window, holders == 0 ? null : holders);
                case "curious-coordinator":
                    return new CuriousCoordinatorAttack(clients, window, a.Choice("mode", CuriousCoordinatorAttack.Modes));
                case "dropout" or "straggler":
                    return new AvailabilityAttack(type, clients, window, a.Double("probability", v => v is >= 0 and <= 1, 0, "a number in [0, 1]"),
                        type == "straggler" ? a.Duration("delay", "a positive duration, e.g. 30s") : TimeSpan.Zero, 0);
                default:
                    return new AvailabilityAttack(type, clients, window, 1, TimeSpan.Zero, a.Int("round", 1, _rounds, $"1..{_rounds} (rounds)"));
            }
        }

        private AttackClients Clients(ScenarioReader a)
        {
            var clients = _federation.Clients;
            var valid = $"a count 0..{clients}, a percentage like 20%, or client ids in 0..{clients - 1} like [3, 7]";
            switch (a.Config.GetValueType("clients"))
            {
                case ConfigValueType.List:
                    var ids = a.Get<IReadOnlyList<int>>("clients", static (c, k) => c.GetIntList(k), [], valid);
                    if (ids.Any(id => id < 0 || id >= clients) || ids.Distinct().Count() != ids.Count)
                    {
                        a.Error("clients", $"lists [{string.Join(", ", ids)}]", $"distinct client ids in 0..{clients - 1}");
                        return new AttackClients(0, null, null);
                    }

                    return new AttackClients(null, null, ids);
                case ConfigValueType.String:
                    var text = a.Config.GetString("clients").Trim();
                    if (text.EndsWith('%') && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var percent))
                    {
                        if (!(percent is >= 0 and <= 100))
                        {
                            a.Error("clients", $"is {text}", "a percentage in 0%..100%");
                            return new AttackClients(0, null, null);
                        }

                        return new AttackClients(null, percent, null);
                    }

                    break;
            }

            return new AttackClients(a.Int("clients", 0, clients, valid), null, null);
        }

        private AttackWindow Window(ScenarioReader a, ScenarioReader raw)
        {
            var valid = $"round numbers in 1..{_rounds} (rounds)";
            var rounds = a.Get<IReadOnlyList<int>>("rounds", static (c, k) => c.GetIntList(k), [], $"a list of {valid}");
            if (rounds.Any(r => r < 1 || r > _rounds))
            {
                a.Error("rounds", $"lists [{string.Join(", ", rounds)}]", valid);
            }

            var from = a.Int("from-round", 1, _rounds, valid);
            var to = a.Int("to-round", 0, _rounds, $"0 (= last round) or {valid}");
            if (to != 0 && to < from)
            {
                a.Error("to-round", $"is {to}, before from-round = {from}", $"{from}..{_rounds}, or 0 for the last round");
            }

            if (rounds.Count > 0 && (raw.Has("from-round") || raw.Has("to-round")))
            {
                raw.Error(raw.Has("from-round") ? "from-round" : "to-round", "is given together with rounds", "either rounds = [...] or from-round / to-round");
            }

            return new AttackWindow(rounds, from, to);
        }

        private MetricsSettings? Metrics(ScenarioReader? m, IReadOnlyList<Attack> attacks)
        {
            if (m is null)
            {
                return null;
            }

            m.RejectUnknownKeys(Known("scenario.metrics"));
            var backdoor = m.Bool("backdoor-success");
            if (backdoor && !attacks.Any(a => a is BackdoorAttack || a is SybilAttack { With: BackdoorAttack }))
            {
                m.Error("backdoor-success", "is on, but no scaling or model-replacement attack defines a trigger and target label", "off, or add a model-replacement attack");
            }

            return new MetricsSettings(m.Int("evaluate-every", 1, int.MaxValue, "an integer >= 1"), m.Bool("per-class-recall"), backdoor, m.Bool("decryption-error"));
        }

        private static OutputSettings? Output(ScenarioReader? o)
        {
            if (o is null)
            {
                return null;
            }

            o.RejectUnknownKeys(Known("scenario.output"));
            var (encryptTo, replicaKey) = ArtifactSettingsReader.Output(o);
            return new OutputSettings(o.Text("dir", "a directory path, e.g. \"runs/\"${scenario.name}"), o.Choice("report", ["html", "none"]), encryptTo, replicaKey);
        }
    }
}
