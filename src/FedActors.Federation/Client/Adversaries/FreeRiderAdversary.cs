using FedActors.Federation.Scenarios;
using FedActors.Learning.Randomness;

namespace FedActors.Federation.Client.Adversaries;

/// <summary>
/// <c>free-rider</c> (Lin et al. 2019, Fraboni et al. 2021): in active rounds the client sends without
/// training: <c>zero</c> (Δ = 0), <c>stale</c> (the last update it sent, zero before its first),
/// <c>noise</c> (N(0, (σ·t^−γ)²) per coordinate in round t) or <c>global-copy</c> (the change of the global
/// model since it last saw it, zero the first time); it claims <c>claimed-samples</c> when given.
/// Knows only what every client sees: its own past updates and the global model. Several
/// <c>global-copy</c> riders of one round send the same vector, so the Coordinator accepts the first to
/// arrive and rejects the others as <c>replay</c>; which one is first is not fixed by the seed.
/// </summary>
public sealed class FreeRiderAdversary : Adversary
{
    private readonly FreeRiderAttack _attack;
    private readonly int _rounds;
    private readonly ulong _seed;
    private float[]? _lastSent;
    private float[]? _lastGlobal;

    /// <summary>Creates the adversary of <paramref name="attack"/>, drawing noise from <paramref name="seed"/>.</summary>
    public FreeRiderAdversary(FreeRiderAttack attack, int rounds, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(attack);
        _attack = attack;
        _rounds = rounds;
        _seed = seed;
    }

    /// <inheritdoc />
        public override TrainingPlan PlanTraining(AdversaryRound round, TrainingPlan honest) =>
        honest.SkippedIf(_attack.Window.IsActive(round.Round, _rounds));

    /// <inheritdoc />
    public override ValueTask<long> ForgeUpdateAsync(AdversaryRound round, float[] update, long samples)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(update);
        var global = round.Global.Parameters;
        if (_attack.Window.IsActive(round.Round, _rounds))
        {
            switch (_attack.Mode)
            {
                case "zero":
                    Array.Clear(update);
                    break;
                case "stale":
                    if (_lastSent is null)
                    {
                        Array.Clear(update);
                    }
                    else
                    {
                        _lastSent.CopyTo(update, 0);
                    }
                    break;
                case "noise":
                    var sigma = _attack.Sigma * Math.Pow(round.Round, -_attack.Gamma);
                    var random = new SeededRandom(SeededRandom.Derive(_seed, (ulong)round.Round));
                    for (var i = 0; i < update.Length; i++)
                    {
                        update[i] = (float)(sigma * random.NextGaussian());
                    }
                    break;
                case "global-copy":
                    if (_lastGlobal is null)
                    {
                        Array.Clear(update);
                    }
                    else
                    {
                        System.Numerics.Tensors.TensorPrimitives.Subtract(global, _lastGlobal, update);
                    }
                    break;
                default:
                    throw new NotSupportedException($"attacks.mode = {_attack.Mode} is not a free-rider mode; valid: {string.Join(", ", FreeRiderAttack.Modes)}");
            }
            samples = _attack.ClaimedSamples ?? samples;
        }
        // The global model is an immutable snapshot shared by the node, so keeping it costs no copy.
        _lastGlobal = global;
        _lastSent = (float[])update.Clone();
        return ValueTask.FromResult(samples);
    }
}
