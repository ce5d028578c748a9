using FedActors.Actors.Core;
using FedActors.Configuration;

namespace FedActors.TestKit;

/// <summary>
/// Base class of actor tests for xunit: owns an <see cref="ActorSystem"/> (terminated when the test
/// class instance is disposed, i.e. after each test), a test actor with expectations
/// (<see cref="TestKitBase"/>), <see cref="CreateTestProbe"/>, <see cref="EventFilter"/> and, by
/// default, virtual time: the system's clock is <see cref="Time"/>, which moves only when the test
/// calls <c>Time.Advance</c>.
/// </summary>
public abstract class TestKit : TestKitBase, IDisposable
{
    private int _probes;

    /// <summary>Creates the system under test.</summary>
    /// <param name="settings">Actor settings (default: reference settings).</param>
    /// <param name="virtualTime">True (default) to run the system on a <see cref="ManualTimeProvider"/>; false for real time.</param>
    /// <param name="testKitSettings">Expectation defaults and time factor.</param>
    /// <param name="systemName">The system name (default: "test").</param>
    protected TestKit(ActorSettings? settings = null, bool virtualTime = true, TestKitSettings? testKitSettings = null, string systemName = "test")
        : this(CreateSystem(new ActorSystemSetup { Settings = settings }, virtualTime, systemName), testKitSettings ?? TestKitSettings.Default)
    {
    }

    /// <summary>Creates the system under test from HOCON text over the reference configuration, e.g.
    /// <c>"fedactors.actor.serialize-messages = on"</c>; the test kit reads <c>fedactors.test</c> from it.</summary>
    /// <param name="config">HOCON text naming what differs from <c>reference.conf</c>.</param>
    /// <param name="virtualTime">True (default) to run the system on a <see cref="ManualTimeProvider"/>.</param>
    /// <param name="systemName">The system name (default: "test").</param>
    /// <exception cref="ConfigException">The text does not parse or a setting is invalid.</exception>
    protected TestKit(string config, bool virtualTime = true, string systemName = "test")
        : this(ConfigFactory.ParseString(config, "TestKit config").WithFallback(ConfigFactory.Reference), virtualTime, systemName)
    {
    }

    private TestKit(Config config, bool virtualTime, string systemName)
        : this(CreateSystem(new ActorSystemSetup { Config = config }, virtualTime, systemName), TestKitSettings.FromConfig(config.GetConfig("fedactors.test")))
    {
    }

    private TestKit((ActorSystem System, ManualTimeProvider? Time) created, TestKitSettings testKitSettings)
        : base(created.System, testKitSettings, "testActor")
    {
        Time = created.Time;
        EventFilter = new EventFilterFactory(this);
    }

    /// <summary>The virtual clock of the system, or null when the test kit runs on real time.</summary>
    public ManualTimeProvider? Time { get; }

    /// <summary>Expect log events and dead letters while running a block: <c>EventFilter.Exception&lt;T&gt;().ExpectOne(() =&gt; ...)</c>.</summary>
    public EventFilterFactory EventFilter { get; }

    /// <summary>Creates a probe: another test actor with its own expectations, in the same system.</summary>
    public TestProbe CreateTestProbe(string? name = null) =>
        new(Sys, TestKitSettings, name ?? "testProbe-" + Interlocked.Increment(ref _probes).ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Terminates the system (waiting at most 10 s).</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Terminates the system; override to release more, calling the base.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Sys.Terminate().Wait(TimeSpan.FromSeconds(10));
        }
    }

    private static (ActorSystem, ManualTimeProvider?) CreateSystem(ActorSystemSetup setup, bool virtualTime, string name)
    {
        var time = virtualTime ? new ManualTimeProvider() : null;
        return (ActorSystem.Create(name, setup with { TimeProvider = time ?? TimeProvider.System }), time);
    }
}
