using FedActors.Configuration;

namespace FedActors.TestKit;

/// <summary>
/// TestKit settings (HOCON section <c>fedactors.test</c>): the default real-time wait of an
/// expectation and the factor that dilates every wait on slow machines. Immutable and validated.
/// </summary>
public sealed class TestKitSettings
{
    /// <summary>Creates settings.</summary>
    /// <param name="singleExpectDefault">Default wait of <c>ExpectMsg</c> and friends (<c>single-expect-default</c>, &gt; 0).</param>
    /// <param name="timeFactor">Multiplies every wait (<c>timefactor</c>, &gt; 0).</param>
    /// <param name="expectNoMessageDefault">Default wait of <c>ExpectNoMsg</c> (<c>expect-no-message-default</c>, &gt; 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range; the message names the key.</exception>
    public TestKitSettings(TimeSpan? singleExpectDefault = null, double timeFactor = 1.0, TimeSpan? expectNoMessageDefault = null)
    {
        SingleExpectDefault = singleExpectDefault ?? TimeSpan.FromSeconds(3);
        ExpectNoMessageDefault = expectNoMessageDefault ?? TimeSpan.FromMilliseconds(100);
        if (SingleExpectDefault <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(singleExpectDefault), singleExpectDefault, $"fedactors.test.single-expect-default must be > 0, was {singleExpectDefault}");
        }
        if (ExpectNoMessageDefault <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(expectNoMessageDefault), expectNoMessageDefault, $"fedactors.test.expect-no-message-default must be > 0, was {expectNoMessageDefault}");
        }
        if (!(timeFactor > 0) || double.IsInfinity(timeFactor))
        {
            throw new ArgumentOutOfRangeException(nameof(timeFactor), timeFactor, $"fedactors.test.timefactor must be > 0, was {timeFactor}");
        }
        TimeFactor = timeFactor;
    }

    /// <summary>The defaults: 3 s expectations, 100 ms no-message waits, factor 1.</summary>
    public static TestKitSettings Default { get; } = new();

    /// <summary>Reads and validates the <c>fedactors.test</c> section.</summary>
    /// <exception cref="ConfigException">A key is missing or invalid; the message names the key and its value.</exception>
    public static TestKitSettings FromConfig(Config test)
    {
        ArgumentNullException.ThrowIfNull(test);
        var expect = test.GetTimeSpan("single-expect-default");
        if (expect <= TimeSpan.Zero)
        {
            throw test.Invalid("single-expect-default", "must be > 0");
        }
        var noMessage = test.GetTimeSpan("expect-no-message-default");
        if (noMessage <= TimeSpan.Zero)
        {
            throw test.Invalid("expect-no-message-default", "must be > 0");
        }
        var factor = test.GetDouble("timefactor");
        if (!(factor > 0) || double.IsInfinity(factor))
        {
            throw test.Invalid("timefactor", "must be > 0");
        }
        return new TestKitSettings(expect, factor, noMessage);
    }

    /// <summary>Default wait of an expectation, before dilation.</summary>
    public TimeSpan SingleExpectDefault { get; }

    /// <summary>Default wait of <c>ExpectNoMsg</c>, before dilation.</summary>
    public TimeSpan ExpectNoMessageDefault { get; }

    /// <summary>The factor every wait is multiplied by.</summary>
    public double TimeFactor { get; }
}
