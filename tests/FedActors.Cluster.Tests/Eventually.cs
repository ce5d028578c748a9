namespace FedActors.Cluster.Tests;

/// <summary>Waits for a condition that other nodes make true over the network (real sockets, so real time).</summary>
public static class Eventually
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static async Task True(Func<bool> condition, Func<string> describe, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Timeout);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Not reached within {(timeout ?? Timeout).TotalSeconds} s: {describe()}");
            }
            await Task.Delay(50);
        }
    }
}
