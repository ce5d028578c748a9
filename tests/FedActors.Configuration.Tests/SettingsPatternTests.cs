using Xunit;

namespace FedActors.Configuration.Tests;

/// <summary>The settings-object pattern the README recommends, exercised end to end.</summary>
public sealed class SettingsPatternTests
{
    private sealed record DetectorSettings(double Threshold, TimeSpan Interval, long MaxFrame)
    {
        public static DetectorSettings FromConfig(Config config)
        {
            var threshold = config.GetDouble("threshold");
            if (threshold <= 0)
            {
                throw config.Invalid("threshold", "must be > 0");
            }
            return new(threshold, config.GetTimeSpan("interval"), config.GetByteSize("max-frame"));
        }
    }

    private static readonly Config Defaults = ConfigFactory.ParseString(
        "fedactors.detector { threshold = 8.0, interval = 1s, max-frame = 256KiB }", "reference.conf");

    [Fact]
    public void A_section_reads_into_an_immutable_settings_object_with_defaults_filled_in()
    {
        var config = ConfigFactory.ParseString("fedactors.detector.interval = 250ms", "node.conf").WithFallback(Defaults);
        var settings = DetectorSettings.FromConfig(config.GetConfig("fedactors.detector"));
        Assert.Equal(new DetectorSettings(8.0, TimeSpan.FromMilliseconds(250), 262_144), settings);
    }

    [Fact]
    public void Validation_errors_name_the_file_position_key_and_bad_value()
    {
        var config = ConfigFactory.ParseString("\nfedactors.detector.threshold = -1", "node.conf").WithFallback(Defaults);
        var error = Assert.Throws<ConfigException>(() => DetectorSettings.FromConfig(config.GetConfig("fedactors.detector")));
        Assert.Equal("node.conf:2:32: fedactors.detector.threshold must be > 0, was -1", error.Message);
    }
}
