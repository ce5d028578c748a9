using FedActors.Federation.Scenarios;

namespace FedActors.Federation.Client.Adversaries;

/// <summary>
/// <c>sign-flip</c>: in the attack's active rounds the client sends −scale·Δ instead of its honest
/// (clipped) update, still correctly signed. Knows only its own update.
/// </summary>
public sealed class SignFlipAdversary : Adversary
{
    private readonly SignFlipAttack _attack;
    private readonly int _rounds;

    /// <summary>Creates the adversary of <paramref name="attack"/> in a run of <paramref name="rounds"/> rounds.</summary>
    public SignFlipAdversary(SignFlipAttack attack, int rounds)
    {
        ArgumentNullException.ThrowIfNull(attack);
        _attack = attack;
        _rounds = rounds;
    }

    /// <inheritdoc />
    public override ValueTask<long> ForgeUpdateAsync(AdversaryRound round, float[] update, long samples)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(update);
        if (_attack.Window.IsActive(round.Round, _rounds))
        {
            System.Numerics.Tensors.TensorPrimitives.Multiply(update, (float)-_attack.Scale, update);
        }
        return ValueTask.FromResult(samples);
    }
}
