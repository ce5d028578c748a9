using FedActors.Federation.Scenarios;

namespace FedActors.Federation.Client.Adversaries;

/// <summary>
/// <c>alie</c>, "a little is enough" (Baruch et al. 2019): in active rounds the client sends μ + z·σ per
/// coordinate, with μ and σ estimated from its coalition's own honest updates of the round
/// (<see cref="Coalition"/>, the paper's colluder setting). z is the attack's, or the paper's
/// z_max = Φ⁻¹((n − s) / n) with s = ⌊n/2 + 1⌋ − m for n clients of which m attack.
/// </summary>
public sealed class AlieAdversary : Adversary
{
    private readonly AlieAttack _attack;
    private readonly int _rounds;
    private readonly Coalition _coalition;

    /// <summary>Creates a member of <paramref name="coalition"/> carrying out <paramref name="attack"/> among <paramref name="clients"/> clients.</summary>
    public AlieAdversary(AlieAttack attack, int rounds, int clients, Coalition coalition)
    {
        ArgumentNullException.ThrowIfNull(attack);
        ArgumentNullException.ThrowIfNull(coalition);
        _attack = attack;
        _rounds = rounds;
        _coalition = coalition;
        Z = attack.Z ?? DefaultZ(clients, coalition.Members.Count);
    }

    /// <summary>The z this adversary uses.</summary>
    public double Z { get; }

    /// <summary>Baruch et al. 2019's z_max for <paramref name="clients"/> clients of which <paramref name="attackers"/> attack.</summary>
    /// <param name="clients">n, at least 1.</param>
    /// <param name="attackers">m, in [0, n].</param>
    /// <returns>Φ⁻¹((n − s) / n) with s = ⌊n/2 + 1⌋ − m, clamped to a finite value.</returns>
    public static double DefaultZ(int clients, int attackers)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clients);
        ArgumentOutOfRangeException.ThrowIfNegative(attackers);
        var supporters = clients / 2 + 1 - attackers;
        var p = Math.Clamp((double)(clients - supporters) / clients, 1e-6, 1 - 1e-6);
        return NormalQuantile(p);
    }

    /// <inheritdoc />
        public override TrainingPlan PlanTraining(AdversaryRound round, TrainingPlan honest) =>
        honest.SkippedIf(_attack.Window.IsActive(round.Round, _rounds));

    /// <inheritdoc />
    public override async ValueTask<long> ForgeUpdateAsync(AdversaryRound round, float[] update, long samples)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(update);
        if (_attack.Window.IsActive(round.Round, _rounds))
        {
            var (mean, std) = Coalition.Moments(await _coalition.HonestUpdatesAsync(round).ConfigureAwait(false));
            var z = (float)Z;
            for (var i = 0; i < update.Length; i++)
            {
                update[i] = mean[i] + z * std[i];
            }
            _coalition.Individualize(round.ClientIndex, update);
        }
        return samples;
    }

    /// <summary>The standard normal quantile Φ⁻¹(p) for p in (0, 1), by Acklam's rational approximation (relative error below 1.2e-9).</summary>
    private static double NormalQuantile(double p)
    {
        ReadOnlySpan<double> a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        ReadOnlySpan<double> b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        ReadOnlySpan<double> c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        ReadOnlySpan<double> d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double Low = 0.02425;
        if (p < Low || p > 1 - Low)
        {
            var q = Math.Sqrt(-2 * Math.Log(p < Low ? p : 1 - p));
            var x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
            return p < Low ? x : -x;
        }
        var r = p - 0.5;
        var s = r * r;
        return (((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5]) * r / (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1);
    }
}
