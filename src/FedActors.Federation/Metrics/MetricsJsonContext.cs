using System.Text.Json.Serialization;

namespace FedActors.Federation.Metrics;

/// <summary>
/// Source-generated System.Text.Json metadata for <c>metrics.json</c>: trim-safe, reflection-free,
/// snake_case keys (friendly to Python and R readers), strict on input (unknown keys, nulls in
/// non-nullable fields and missing required fields are errors).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowDuplicateProperties = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RunMetrics))]
internal sealed partial class MetricsJsonContext : JsonSerializerContext;
