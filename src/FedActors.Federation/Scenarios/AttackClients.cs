using System.Globalization;

namespace FedActors.Federation.Scenarios;

/// <summary>Who attacks: a count (<c>5</c>), a percentage of all clients (<c>20%</c>) or explicit client ids (<c>[3, 7]</c>).</summary>
/// <param name="Count">The number of attackers, when given as a count.</param>
/// <param name="Percentage">The share of clients in [0, 100], when given as a percentage.</param>
/// <param name="Ids">Explicit client ids (0-based), when given as a list.</param>
public sealed record AttackClients(int? Count, double? Percentage, IReadOnlyList<int>? Ids)
{
    /// <summary>How many clients attack in a federation of <paramref name="clients"/> (a percentage rounds down).</summary>
    /// <param name="clients">Clients in the federation.</param>
    /// <returns>The number of attacking clients.</returns>
    public int Resolve(int clients) =>
        Ids?.Count ?? Count ?? (int)Math.Floor((Percentage ?? 0) * clients / 100 + 1e-9);

    /// <summary>As written in a scenario: <c>5</c>, <c>20%</c> or <c>[3, 7]</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        Ids is not null ? $"[{string.Join(", ", Ids)}]"
        : Count is { } c ? c.ToString(CultureInfo.InvariantCulture)
        : $"{(Percentage ?? 0).ToString(CultureInfo.InvariantCulture)}%";
}
