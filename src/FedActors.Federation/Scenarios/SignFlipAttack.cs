namespace FedActors.Federation.Scenarios;

/// <summary><c>sign-flip</c>: sends −scale·Δ.</summary>
/// <param name="Clients">Who attacks.</param>
/// <param name="Window">When.</param>
/// <param name="Scale">The scale (&gt; 0).</param>
public sealed record SignFlipAttack(AttackClients Clients, AttackWindow Window, double Scale) : Attack("sign-flip", Clients, Window)
{
    /// <inheritdoc />
    protected override string Parameters() => $"scale {Scale}";
}
