namespace FedActors.Federation.Scenarios;

/// <summary><c>sybil</c>: <see cref="Count"/> identities controlled by one attacker, colluding in <see cref="With"/>.</summary>
/// <param name="Clients">Who attacks.</param>
/// <param name="Window">When.</param>
/// <param name="Count">Identities (≥ 2).</param>
/// <param name="With">The attack the identities carry out, with its own keys.</param>
public sealed record SybilAttack(AttackClients Clients, AttackWindow Window, int Count, Attack With) : Attack("sybil", Clients, Window)
{
    /// <inheritdoc />
    protected override string Parameters() => $"{Count} identities doing {With.Type}";
}
