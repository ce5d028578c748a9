using System.Text.Json;
using FedActors.Federation.Metrics;

namespace FedActors.Federation.Journal;

/// <summary>A round's <see cref="RoundMetrics"/> as journaled in <c>RoundCompleted</c> and <c>RoundFailed</c>: the metrics.json form of one round.</summary>
public static class JournaledMetrics
{
    /// <summary>The JSON of <paramref name="metrics"/>.</summary>
    public static string Write(RoundMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return JsonSerializer.Serialize(metrics, MetricsJsonContext.Default.RoundMetrics);
    }

    /// <summary>The metrics in <paramref name="json"/>.</summary>
    /// <exception cref="InvalidDataException">The JSON is not one round's metrics.</exception>
    public static RoundMetrics Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize(json, MetricsJsonContext.Default.RoundMetrics)
                ?? throw new InvalidDataException("A journaled round's metrics are null.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"A journaled round's metrics are not valid round metrics JSON: {e.Message}", e);
        }
    }
}
