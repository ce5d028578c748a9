namespace FedActors.Federation.Scenarios;

/// <summary><c>alie</c>, "a little is enough" (Baruch et al. 2019): sends μ + z·σ per coordinate; omniscient among colluders.</summary>
/// <param name="Clients">Who attacks.</param>
/// <param name="Window">When.</param>
/// <param name="Z">z; null = from the paper's formula for n and the number of attackers.</param>
public sealed record AlieAttack(AttackClients Clients, AttackWindow Window, double? Z) : Attack("alie", Clients, Window)
{
    /// <inheritdoc />
    protected override string Parameters() => Z is { } z ? $"z = {z}" : "z from the paper's formula";
}
