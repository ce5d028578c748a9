using FedActors.Federation.Scenarios;

namespace FedActors.Federation.Client;

/// <summary>
/// The <c>sign-flip</c> adversary (SCENARIOS.md): in the attack's active rounds the client sends
/// −scale·Δ instead of its honest (clipped) update, still correctly signed.
/// </summary>
/// <param name="Attack">The scenario's attack (scale and window).</param>
/// <param name="Rounds">The scenario's number of rounds (the window's "last").</param>
public sealed record SignFlipBehaviour(SignFlipAttack Attack, int Rounds)
{
    /// <summary>Rewrites <paramref name="update"/> in place when the attack is active in <paramref name="round"/>.</summary>
    public void Apply(int round, Span<float> update)
    {
        if (!Attack.Window.IsActive(round, Rounds))
        {
            return;
        }
        var factor = (float)-Attack.Scale;
        for (var i = 0; i < update.Length; i++)
        {
            update[i] *= factor;
        }
    }
}
