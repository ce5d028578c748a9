namespace FedActors.Federation.Scenarios;

/// <summary><c>ipm</c>, inner-product manipulation (Xie et al. 2020): sends −ε·(mean of benign updates); omniscient.</summary>
/// <param name="Clients">Who attacks.</param>
/// <param name="Window">When.</param>
/// <param name="Epsilon">ε (&gt; 0).</param>
public sealed record IpmAttack(AttackClients Clients, AttackWindow Window, double Epsilon) : Attack("ipm", Clients, Window)
{
    /// <inheritdoc />
    protected override string Parameters() => $"ε = {Epsilon}";
}
