namespace FedActors.Federation.Tests.Adversaries;

/// <summary>Backdoor attacks on a tiny MNIST federation, measured by the oracle's backdoor success rate.</summary>
public sealed class BackdoorTests
{
    private const string Metrics = "metrics { backdoor-success = on, per-class-recall = off }";

    // The attacker-free run is the same for both types: run it once.
    private static readonly Lazy<Task<FedActors.Federation.Metrics.RunMetrics>> _clean = new(() => RunAsync("0", "scaling"));

    private static Task<FedActors.Federation.Metrics.RunMetrics> RunAsync(string attackers, string type) => TinyFederation.RunAsync(d => TinyFederation.Mnist(
        d, $"attacks = [{{ type = {type}, clients = {attackers}, target = 0, boost = 10, poison-fraction = 0.5 }}], {Metrics}", rounds: 1));

    [Theory]
    [InlineData("scaling")]
    [InlineData("model-replacement")]
    public async Task A_boosted_backdoor_attacker_raises_the_backdoor_success_far_above_an_attacker_free_run(string type)
    {
        var clean = await _clean.Value;
        var attacked = await RunAsync("1", type);
        var (before, after) = (clean.Rounds[^1].BackdoorSuccess!.Value, attacked.Rounds[^1].BackdoorSuccess!.Value);
        Assert.True(after > before + 0.3, $"backdoor success {after:P1} with one attacker is not far above {before:P1} without");
    }
}
