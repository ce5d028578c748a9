using FsCheck;
using FsCheck.Xunit;

namespace FedActors.Configuration.Tests.Properties;

public sealed class RoundTripProperties
{
    [Property(Arbitrary = [typeof(ConfigGenerators)], MaxTest = 300)]
    public bool Any_configuration_rendered_as_hocon_parses_back_equal(Config config)
    {
        var parsed = ConfigFactory.ParseString(config.ToHocon(), "rendered.conf");
        return parsed.Root.StructurallyEquals(config.Root);
    }

    [Property(Arbitrary = [typeof(ConfigGenerators)], MaxTest = 100)]
    public bool Any_configuration_rendered_as_json_parses_back_equal(Config config)
    {
        var parsed = ConfigFactory.ParseString(config.ToJson(), "rendered.json");
        return parsed.Root.StructurallyEquals(config.Root);
    }

    [Property(Arbitrary = [typeof(ConfigGenerators)], MaxTest = 100)]
    public bool Rendering_is_stable_after_one_round_trip(Config config)
    {
        var once = ConfigFactory.ParseString(config.ToHocon(), "once.conf").ToHocon();
        return once == ConfigFactory.ParseString(once, "twice.conf").ToHocon();
    }

    [Property(Arbitrary = [typeof(ConfigGenerators)], MaxTest = 100)]
    public bool A_configuration_is_its_own_fallback_and_empty_is_neutral(Config config) =>
        config.WithFallback(config).Root.StructurallyEquals(config.Root)
        && config.WithFallback(Config.Empty).Root.StructurallyEquals(config.Root)
        && Config.Empty.WithFallback(config).Root.StructurallyEquals(config.Root);
}
