using FsCheck.Xunit;

namespace FedActors.Configuration.Tests.Properties;

public sealed class GetterProperties
{
    private static readonly Func<Config, string, object>[] Getters =
    [
        (c, p) => c.GetString(p), (c, p) => c.GetInt(p), (c, p) => c.GetLong(p), (c, p) => c.GetDouble(p),
        (c, p) => c.GetBoolean(p), (c, p) => c.GetTimeSpan(p), (c, p) => c.GetByteSize(p), (c, p) => c.GetConfig(p),
        (c, p) => c.GetStringList(p), (c, p) => c.GetIntList(p), (c, p) => c.GetLongList(p), (c, p) => c.GetDoubleList(p),
        (c, p) => c.GetBooleanList(p), (c, p) => c.GetTimeSpanList(p), (c, p) => c.GetConfigList(p),
        (c, p) => c.GetValueType(p), (c, p) => c.GetOrigin(p), (c, p) => c.HasPath(p),
    ];

    [Property(Arbitrary = [typeof(ConfigGenerators)], MaxTest = 200)]
    public bool Every_getter_on_every_key_returns_or_throws_a_located_ConfigException(Config config)
    {
        foreach (var key in config.Keys.Append("missing-key"))
        {
            var path = ConfigPath.Quote(key);
            foreach (var getter in Getters)
            {
                try
                {
                    getter(config, path);
                }
                catch (ConfigException e) when (e.Message.StartsWith("generated:1:1: ", StringComparison.Ordinal)
                    || e.Message.StartsWith("(empty configuration):1:1: ", StringComparison.Ordinal))
                {
                    // A clean, located refusal is a correct outcome for a value of the wrong type.
                }
            }
        }
        return true;
    }
}
