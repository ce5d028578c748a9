namespace FedActors.Federation.Aggregation;

/// <summary>Reduces one coordinate's values, sorted ascending, to the aggregate value of that coordinate.</summary>
internal interface ISortedColumnReducer
{
    /// <summary>The aggregate of <paramref name="sorted"/>, which holds one finite value per client in ascending order.</summary>
    float Reduce(ReadOnlySpan<float> sorted);
}
