namespace FedActors.Federation.Aggregation;

/// <summary>What an aggregator did with one client's update.</summary>
public enum AggregationOutcome
{
    /// <summary>The update entered the aggregate unchanged.</summary>
    Included,

    /// <summary>The update entered the aggregate after being scaled down to the norm bound.</summary>
    IncludedClipped,

    /// <summary>The update entered only through coordinate-wise statistics (median, trimmed mean), where no whole update is accepted or rejected.</summary>
    Coordinatewise,

    /// <summary>Krum or Multi-Krum did not select the update: its score ranked below the selected ones.</summary>
    NotSelected,

    /// <summary>The update contained NaN or an infinity and was rejected before aggregation.</summary>
    NonFinite,
}
