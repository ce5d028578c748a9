namespace FedActors.Federation.Scenarios;

/// <summary><c>curious-coordinator</c>: the coordinator asks for the decryption of one client's ciphertext or of a too-small aggregate.</summary>
/// <param name="Clients">Unused (coordinator side); kept for a uniform shape.</param>
/// <param name="Window">When.</param>
/// <param name="Mode"><c>single-client</c> or <c>small-aggregate</c>.</param>
public sealed record CuriousCoordinatorAttack(AttackClients Clients, AttackWindow Window, string Mode) : Attack("curious-coordinator", Clients, Window)
{
    /// <summary>The modes, as documented.</summary>
    public static IReadOnlyList<string> Modes { get; } = ["single-client", "small-aggregate"];

    /// <inheritdoc />
    protected override string Parameters() => Mode;
}
