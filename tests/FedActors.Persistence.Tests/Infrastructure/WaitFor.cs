using System.Diagnostics;

namespace FedActors.Persistence.Tests.Infrastructure;

/// <summary>Waits for a condition another task will make true; fails the test instead of hanging if it never does.</summary>
public static class WaitFor
{
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                Assert.Fail($"Gave up waiting until {what}.");
            }

            await Task.Delay(1);
        }
    }
}
