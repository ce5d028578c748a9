namespace FedActors.Federation.Scenarios;

/// <summary>
/// One entry of <c>scenario.attacks</c>: its type, who attacks and when. The derived record of each
/// type carries that type's keys (defaults in <c>scenario.attack-defaults</c>).
/// </summary>
/// <param name="Type">The attack type as written (<c>label-flip</c>, <c>replay</c>, …).</param>
/// <param name="Clients">Who attacks.</param>
/// <param name="Window">When the attack is active.</param>
public abstract record Attack(string Type, AttackClients Clients, AttackWindow Window)
{
    /// <summary>Every attack type, in the order of SCENARIOS.md.</summary>
    public static IReadOnlyList<string> Types { get; } =
    [
        "label-flip", "sign-flip", "gaussian", "scaling", "model-replacement", "ipm", "alie", "free-rider", "replay",
        "sybil", "colluding-key-holders", "curious-coordinator", "dropout", "straggler", "crash",
    ];

    /// <summary>Attacks that only make sense against the encrypted protocol.</summary>
    public static IReadOnlyList<string> SecureOnlyTypes { get; } = ["colluding-key-holders", "curious-coordinator"];

    /// <summary>True for attacks by the coordinator or key holders, which take no <c>clients</c> key.</summary>
    public bool IsCoordinatorSide => Type is "curious-coordinator" or "colluding-key-holders";

    /// <summary>One line for reports, e.g. <c>label-flip: 20% of clients, rounds 1–last (source 5 → target 3)</c>.</summary>
    /// <returns>The description.</returns>
    public string Describe() => IsCoordinatorSide
        ? $"{Type}: {Window} ({Parameters()})"
        : $"{Type}: {Clients} of clients, {Window} ({Parameters()})";

    /// <summary>This type's keys and values as a short phrase.</summary>
    /// <returns>The phrase.</returns>
    protected abstract string Parameters();
}
