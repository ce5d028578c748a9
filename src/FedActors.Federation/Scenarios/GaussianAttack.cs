namespace FedActors.Federation.Scenarios;

/// <summary><c>gaussian</c>: sends N(mean, std²) noise instead of an update.</summary>
/// <param name="Clients">Who attacks.</param>
/// <param name="Window">When.</param>
/// <param name="Mean">Noise mean.</param>
/// <param name="Std">Noise standard deviation (&gt; 0).</param>
public sealed record GaussianAttack(AttackClients Clients, AttackWindow Window, double Mean, double Std) : Attack("gaussian", Clients, Window)
{
    /// <inheritdoc />
    protected override string Parameters() => $"N({Mean}, {Std}²)";
}
