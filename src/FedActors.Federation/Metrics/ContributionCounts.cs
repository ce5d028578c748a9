using System.Text.Json.Serialization;

namespace FedActors.Federation.Metrics;

/// <summary>
/// What happened to the contributions of one round. Rejections are counted by reason, with the
/// kebab-case keys the protocol and aggregators use (<c>duplicate</c>, <c>stale-round</c>,
/// <c>bad-signature</c>, <c>late</c>, <c>krum-not-selected</c>, <c>non-finite</c>, …).
/// </summary>
/// <param name="Selected">Clients asked to contribute.</param>
/// <param name="Received">Contributions that arrived, including rejected ones.</param>
/// <param name="Accepted">Contributions that entered the aggregate.</param>
/// <param name="Rejected">Rejected contributions by reason; every count ≥ 1.</param>
public sealed record ContributionCounts(int Selected, int Received, int Accepted, IReadOnlyDictionary<string, int> Rejected)
{
    /// <summary>The total number of rejected contributions (derived, not serialized).</summary>
    [JsonIgnore]
    public int RejectedTotal => Rejected.Values.Sum();
}
