using FedActors.Cluster.FailureDetection;
using FedActors.Cluster.Settings;
using FedActors.Configuration;
using FedActors.TestKit;

namespace FedActors.Cluster.Tests;

// Hand-computed values: after the first heartbeat the history is {750, 1250} ms (the 1 s interval estimate ± a
// quarter), so mean = 1000 ms and deviation = 250 ms; with the 3 s acceptable pause phi uses mean 4000 ms.
//   silence 4000 ms: y = 0, e = 1,                            phi = -log10(1 - 1/2)        = 0.30103
//   silence 4500 ms: y = 2, e = exp(-2 (1.5976 + 0.282264)),  phi = -log10(e / (1 + e))    = 1.64283
//   silence 5000 ms: y = 4, e = exp(-4 (1.5976 + 1.129056)),  phi = -log10(e / (1 + e))    = 4.73669
//   silence 3000 ms: y = -4,                                  phi = -log10(1 - 1/(1 + e))  = 7.96e-6
// Three more heartbeats exactly 1000 ms apart give {750, 1250, 1000, 1000, 1000}: mean 1000, deviation sqrt(25000) = 158.11;
//   silence 4200 ms: y = 200 / 158.11 = 1.2649,                                            phi = 0.98689
public sealed class PhiAccrualFailureDetectorTests
{
    private readonly ManualTimeProvider _time = new();

    private PhiAccrualFailureDetector Detector(string overrides = "") => new(
        FailureDetectorSettings.FromConfig(ConfigFactory.ParseString($"fedactors.cluster.failure-detector {{ {overrides} }}")
            .WithFallback(ConfigFactory.Reference).GetConfig("fedactors.cluster.failure-detector")),
        _time);

    [Fact]
    public void Phi_is_zero_and_the_node_available_before_the_first_heartbeat()
    {
        var detector = Detector();
        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, detector.Phi);
        Assert.True(detector.IsAvailable);
        Assert.False(detector.IsMonitoring);
    }

    [Theory]
    [InlineData(3000, 7.963e-6, 1e-8)]
    [InlineData(4000, 0.30103, 1e-5)]
    [InlineData(4500, 1.64283, 1e-5)]
    [InlineData(5000, 4.73669, 1e-5)]
    public void Phi_after_the_first_heartbeat_matches_the_hand_computed_value(int silenceMs, double expected, double tolerance)
    {
        var detector = Detector();
        detector.Heartbeat();
        _time.Advance(TimeSpan.FromMilliseconds(silenceMs));
        Assert.InRange(detector.Phi, expected - tolerance, expected + tolerance);
    }

    [Fact]
    public void Phi_uses_the_mean_and_deviation_of_the_observed_intervals()
    {
        var detector = Detector();
        detector.Heartbeat();
        for (var i = 0; i < 3; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            detector.Heartbeat();
        }
        _time.Advance(TimeSpan.FromMilliseconds(4200));
        Assert.InRange(detector.Phi, 0.98689 - 1e-5, 0.98689 + 1e-5);
    }

    [Fact]
    public void The_node_becomes_unavailable_when_phi_crosses_the_threshold_and_available_again_on_a_heartbeat()
    {
        var detector = Detector();
        detector.Heartbeat();
        // Phi reaches 8 at y ≈ 5.6, i.e. about 5.4 s of silence with mean 4000 ms and deviation 250 ms.
        _time.Advance(TimeSpan.FromMilliseconds(5300));
        Assert.True(detector.IsAvailable, $"phi {detector.Phi}");
        _time.Advance(TimeSpan.FromMilliseconds(300));
        Assert.False(detector.IsAvailable, $"phi {detector.Phi}");
        detector.Heartbeat();
        Assert.True(detector.IsAvailable);
    }

    [Fact]
    public void The_minimum_deviation_bounds_phi_for_perfectly_regular_heartbeats()
    {
        // max-sample-size 1 keeps one 1000 ms interval: deviation 0, raised to min-std-deviation 100 ms;
        // with no acceptable pause, silence 1100 ms is y = 1: phi = -log10(e / (1 + e)), e = exp(-1.668166) → 0.79951.
        var detector = Detector("max-sample-size = 1, acceptable-heartbeat-pause = 0s");
        detector.Heartbeat();
        _time.Advance(TimeSpan.FromSeconds(1));
        detector.Heartbeat();
        _time.Advance(TimeSpan.FromMilliseconds(1100));
        Assert.InRange(detector.Phi, 0.79951 - 1e-5, 0.79951 + 1e-5);
    }

    [Fact]
    public void Phi_grows_monotonically_with_silence()
    {
        var detector = Detector();
        detector.Heartbeat();
        var previous = detector.Phi;
        for (var i = 0; i < 100; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
            var phi = detector.Phi;
            Assert.True(phi >= previous, $"phi fell from {previous} to {phi} at {i}");
            previous = phi;
        }
    }
}
