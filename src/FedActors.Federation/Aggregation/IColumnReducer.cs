namespace FedActors.Federation.Aggregation;

/// <summary>Reduces one coordinate's values (one finite value per client) to the aggregate value of that coordinate.</summary>
internal interface IColumnReducer
{
    /// <summary>The aggregate of <paramref name="column"/>, which the reducer may reorder in place.</summary>
    float Reduce(Span<float> column);
}
