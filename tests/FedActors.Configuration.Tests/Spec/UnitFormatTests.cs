using Xunit;

namespace FedActors.Configuration.Tests.Spec;

/// <summary>HOCON.md, "Units format": durations and sizes in bytes.</summary>
public sealed class UnitFormatTests
{
    private static Config Value(string written) => ConfigFactory.ParseString($"v = {written}", "units.conf");

    [Theory]
    [InlineData("10ns", 0)]
    [InlineData("1500 ns", 15)]
    [InlineData("3us", 30)]
    [InlineData("2 micros", 20)]
    [InlineData("5ms", 5 * TimeSpan.TicksPerMillisecond)]
    [InlineData("5 milliseconds", 5 * TimeSpan.TicksPerMillisecond)]
    [InlineData("10s", 10 * TimeSpan.TicksPerSecond)]
    [InlineData("1 second", TimeSpan.TicksPerSecond)]
    [InlineData("1.5s", 15 * TimeSpan.TicksPerSecond / 10)]
    [InlineData("2m", 2 * TimeSpan.TicksPerMinute)]
    [InlineData("2 minutes", 2 * TimeSpan.TicksPerMinute)]
    [InlineData("3h", 3 * TimeSpan.TicksPerHour)]
    [InlineData("1 hour", TimeSpan.TicksPerHour)]
    [InlineData("2d", 2 * TimeSpan.TicksPerDay)]
    [InlineData("1 day", TimeSpan.TicksPerDay)]
    [InlineData("250", 250 * TimeSpan.TicksPerMillisecond)]
    [InlineData("\"250\"", 250 * TimeSpan.TicksPerMillisecond)]
    public void Durations_accept_every_unit_and_a_bare_number_is_milliseconds(string written, long ticks) =>
        Assert.Equal(TimeSpan.FromTicks(ticks), Value(written).GetTimeSpan("v"));

    [Fact]
    public void Infinite_is_the_infinite_timespan() =>
        Assert.Equal(Timeout.InfiniteTimeSpan, Value("infinite").GetTimeSpan("v"));

    [Theory]
    [InlineData("10 parsecs")]
    [InlineData("s")]
    [InlineData("[1]")]
    [InlineData("true")]
    [InlineData("922337203685478")]
    [InlineData("1e300")]
    [InlineData("1e300 d")]
    public void Bad_durations_are_errors_naming_the_key_and_the_format(string written)
    {
        var error = Assert.Throws<ConfigException>(() => Value(written).GetTimeSpan("v"));
        Assert.StartsWith("units.conf:1:5: v: expected a duration", error.Message);
    }

    [Theory]
    [InlineData("512", 512)]
    [InlineData("512B", 512)]
    [InlineData("10 bytes", 10)]
    [InlineData("1kB", 1000)]
    [InlineData("1KB", 1000)]
    [InlineData("2 kilobytes", 2000)]
    [InlineData("1K", 1024)]
    [InlineData("1k", 1024)]
    [InlineData("1Ki", 1024)]
    [InlineData("1KiB", 1024)]
    [InlineData("1 kibibyte", 1024)]
    [InlineData("1MB", 1_000_000)]
    [InlineData("1MiB", 1_048_576)]
    [InlineData("1M", 1_048_576)]
    [InlineData("1.5 MiB", 1_572_864)]
    [InlineData("1GB", 1_000_000_000)]
    [InlineData("1GiB", 1_073_741_824)]
    [InlineData("1TiB", 1_099_511_627_776)]
    public void Sizes_accept_powers_of_1000_and_1024(string written, long bytes) =>
        Assert.Equal(bytes, Value(written).GetByteSize("v"));

    [Theory]
    [InlineData("1 XB")]
    [InlineData("100000 EiB")]
    [InlineData("kB")]
    public void Bad_sizes_are_errors(string written)
    {
        var error = Assert.Throws<ConfigException>(() => Value(written).GetByteSize("v"));
        Assert.StartsWith("units.conf:1:5: v: expected a size in bytes", error.Message);
    }
}
