namespace FedActors.Federation.Scenarios;

/// <summary><c>free-rider</c>: contributes without training.</summary>
/// <param name="Clients">Who attacks.</param>
/// <param name="Window">When.</param>
/// <param name="Mode"><c>zero</c>, <c>stale</c>, <c>noise</c> (σ·t^−γ) or <c>global-copy</c>.</param>
/// <param name="Sigma">noise: initial standard deviation (&gt; 0).</param>
/// <param name="Gamma">noise: decay exponent (≥ 0).</param>
/// <param name="ClaimedSamples">The sample count it claims; null = its true count.</param>
public sealed record FreeRiderAttack(AttackClients Clients, AttackWindow Window, string Mode, double Sigma, double Gamma, long? ClaimedSamples)
    : Attack("free-rider", Clients, Window)
{
    /// <summary>The modes, as documented.</summary>
    public static IReadOnlyList<string> Modes { get; } = ["zero", "stale", "noise", "global-copy"];

    /// <inheritdoc />
    protected override string Parameters() => Mode + (ClaimedSamples is { } n ? $", claims {n} samples" : string.Empty);
}
