namespace FedActors.Federation.Scenarios;

/// <summary><c>replay</c>: re-sends contributions. Every mode but <c>rerandomized-copy</c> must be rejected by replay protection.</summary>
/// <param name="Clients">Who attacks.</param>
/// <param name="Window">When.</param>
/// <param name="Mode"><c>own-previous</c>, <c>copy-other</c>, <c>duplicate</c> or <c>rerandomized-copy</c>.</param>
/// <param name="SourceClient">Whose ciphertext is copied; null = chosen by the seed.</param>
/// <param name="RoundOffset">own-previous: how many rounds back (≥ 1).</param>
public sealed record ReplayAttack(AttackClients Clients, AttackWindow Window, string Mode, int? SourceClient, int RoundOffset)
    : Attack("replay", Clients, Window)
{
    /// <summary>The modes, as documented.</summary>
    public static IReadOnlyList<string> Modes { get; } = ["own-previous", "copy-other", "duplicate", "rerandomized-copy"];

    /// <inheritdoc />
    protected override string Parameters() => Mode + (SourceClient is { } s ? $" of client {s}" : string.Empty);
}
