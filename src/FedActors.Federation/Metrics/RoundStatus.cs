using System.Text.Json.Serialization;

namespace FedActors.Federation.Metrics;

/// <summary>How a round ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RoundStatus>))]
public enum RoundStatus
{
    /// <summary>The aggregate was decrypted (or computed) and applied; clients agreed on the model hash.</summary>
    [JsonStringEnumMemberName("completed")]
    Completed,

    /// <summary>The round was abandoned (too few contributions, key holders lost, hash disagreement…); the run continued.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,
}
