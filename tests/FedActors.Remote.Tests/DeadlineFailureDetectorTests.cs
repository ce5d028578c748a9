using FedActors.Remote.Watch;
using FedActors.TestKit;

namespace FedActors.Remote.Tests;

public sealed class DeadlineFailureDetectorTests
{
    [Fact]
    public void A_node_is_available_until_the_pause_passes_without_heartbeat()
    {
        var time = new ManualTimeProvider();
        var detector = new DeadlineFailureDetector(TimeSpan.FromSeconds(3), time);

        time.Advance(TimeSpan.FromSeconds(2));
        Assert.True(detector.IsAvailable);
        detector.Heartbeat();
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.True(detector.IsAvailable);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(detector.IsAvailable);
    }

    [Fact]
    public void A_non_positive_pause_is_refused_naming_the_key() =>
        Assert.Contains("acceptable-heartbeat-pause", Assert.Throws<ArgumentOutOfRangeException>(() => new DeadlineFailureDetector(TimeSpan.Zero, TimeProvider.System)).Message);
}
