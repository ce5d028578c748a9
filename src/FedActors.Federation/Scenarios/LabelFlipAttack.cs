namespace FedActors.Federation.Scenarios;

/// <summary><c>label-flip</c>: trains on relabelled data, <c>source → target</c>, or every label l → L−1−l when <see cref="Source"/> is null (<c>all</c>).</summary>
/// <param name="Clients">Who attacks.</param>
/// <param name="Window">When.</param>
/// <param name="Source">The flipped label, or null for all labels.</param>
/// <param name="Target">The label it becomes.</param>
/// <param name="Fraction">Fraction of the attacker's samples relabelled, in (0, 1].</param>
public sealed record LabelFlipAttack(AttackClients Clients, AttackWindow Window, int? Source, int Target, double Fraction)
    : Attack("label-flip", Clients, Window)
{
    /// <inheritdoc />
    protected override string Parameters() =>
        (Source is { } s ? $"{s} → {Target}" : "all labels l → L−1−l") + (Fraction < 1 ? $", {Fraction:P0} of samples" : string.Empty);
}
