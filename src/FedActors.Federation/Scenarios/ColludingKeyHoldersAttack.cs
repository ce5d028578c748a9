namespace FedActors.Federation.Scenarios;

/// <summary><c>colluding-key-holders</c>: key holders pool their threshold shares with the coordinator to decrypt one client's contribution.</summary>
/// <param name="Clients">Unused (coordinator side); kept for a uniform shape.</param>
/// <param name="Window">When.</param>
/// <param name="Count">Colluding key holders; null = threshold − 1.</param>
public sealed record ColludingKeyHoldersAttack(AttackClients Clients, AttackWindow Window, int? Count) : Attack("colluding-key-holders", Clients, Window)
{
    /// <inheritdoc />
    protected override string Parameters() => Count is { } c ? $"{c} key holders" : "t − 1 key holders";
}
