namespace FedActors.Federation.Scenarios;

/// <summary>
/// <c>scaling</c> and <c>model-replacement</c> (Bagdasaryan et al. 2020): trains on a backdoor (trigger →
/// target label on a poisoned fraction of each batch), then boosts its update so it replaces the global model.
/// </summary>
/// <param name="Type"><c>scaling</c> or <c>model-replacement</c>.</param>
/// <param name="Clients">Who attacks.</param>
/// <param name="Window">When.</param>
/// <param name="Boost">Update multiplier (≥ 1).</param>
/// <param name="Trigger">The trigger pattern (<c>pixel-pattern</c>).</param>
/// <param name="Target">The backdoor's target label.</param>
/// <param name="PoisonFraction">Poisoned fraction of each batch, in (0, 1].</param>
/// <param name="LocalEpochs">The attacker's local epochs; null = the scenario's.</param>
/// <param name="LearningRate">The attacker's learning rate; null = the scenario's.</param>
public sealed record BackdoorAttack(
    string Type,
    AttackClients Clients,
    AttackWindow Window,
    double Boost,
    string Trigger,
    int Target,
    double PoisonFraction,
    int? LocalEpochs,
    double? LearningRate) : Attack(Type, Clients, Window)
{
    /// <summary>The trigger names, as documented.</summary>
    public static IReadOnlyList<string> Triggers { get; } = ["pixel-pattern"];

    /// <inheritdoc />
    protected override string Parameters() => $"{Trigger} → {Target}, boost {Boost}, poison {PoisonFraction:P0}";
}
