using System.Globalization;

namespace FedActors.Federation.Metrics;

/// <summary>
/// A run's <c>curious-coordinator</c> outcome over its rounds: isolation requests sent, refused (fewer than t shares
/// obtained: nothing can be decrypted), succeeded (t shares obtained), shares released and refusals by reason.
/// </summary>
/// <param name="Attempts">Isolation requests sent.</param>
/// <param name="Succeeded">Requests that obtained t shares.</param>
/// <param name="Shares">Shares released to isolation requests.</param>
/// <param name="Refusals">Key holders' refusals by reason, ordinal order.</param>
public sealed record IsolationSummary(int Attempts, int Succeeded, int Shares, IReadOnlyDictionary<string, int> Refusals)
{
    /// <summary>Requests that did not obtain t shares.</summary>
    public int Refused => Attempts - Succeeded;

    /// <summary>The summary of <paramref name="rounds"/>, or null when no round carried the attack.</summary>
    public static IsolationSummary? From(IReadOnlyList<RoundMetrics> rounds)
    {
        ArgumentNullException.ThrowIfNull(rounds);
        var attacked = rounds.Where(r => r.IsolationAttempts is not null).ToArray();
        if (attacked.Length == 0)
        {
            return null;
        }
        var refusals = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var (reason, count) in attacked.SelectMany(r => r.IsolationRefusals ?? new Dictionary<string, int>()))
        {
            refusals[reason] = refusals.GetValueOrDefault(reason) + count;
        }
        return new IsolationSummary(
            attacked.Sum(r => r.IsolationAttempts ?? 0), attacked.Sum(r => r.IsolationSucceeded ?? 0), attacked.Sum(r => r.IsolationShares ?? 0), refusals);
    }

    /// <summary>"isolation attempts refused: N of M (reason count, …)", and what succeeded if anything did.</summary>
    public override string ToString()
    {
        var reasons = string.Join(", ", Refusals.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Key} {r.Value}")));
        var text = string.Create(CultureInfo.InvariantCulture, $"isolation attempts refused: {Refused} of {Attempts} ({(reasons.Length == 0 ? "no refusals" : reasons)}; {Shares} shares released)");
        return Succeeded == 0 ? text : text + string.Create(CultureInfo.InvariantCulture, $"; isolation succeeded in {Succeeded} of {Attempts}: the key holders released t shares of an isolated aggregate");
    }
}
