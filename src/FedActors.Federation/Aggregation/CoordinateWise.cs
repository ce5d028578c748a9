using System.Buffers;

namespace FedActors.Federation.Aggregation;

/// <summary>
/// Coordinate-wise order statistics over many long updates without allocating per coordinate:
/// a block of coordinates is transposed into one pooled buffer (client values of a coordinate
/// become contiguous), and the reducer computes each coordinate from its column in place.
/// </summary>
internal static class CoordinateWise
{
    // 256 coordinates × 100 clients × 4 bytes = 100 KiB: the block stays in L2 while it is reduced.
    private const int BlockCoordinates = 256;

    /// <summary>Reduces each coordinate's column of values with <typeparamref name="TReducer"/>.</summary>
    public static float[] Reduce<TReducer>(UpdateSet set, TReducer reducer)
        where TReducer : struct, IColumnReducer
    {
        var usable = set.Usable;
        var n = usable.Length;
        var result = new float[set.Dimension];
        var buffer = ArrayPool<float>.Shared.Rent(BlockCoordinates * n);
        try
        {
            for (var start = 0; start < set.Dimension; start += BlockCoordinates)
            {
                var length = Math.Min(BlockCoordinates, set.Dimension - start);
                for (var c = 0; c < n; c++)
                {
                    var source = set.Ordered[usable[c]].Delta.Span.Slice(start, length);
                    for (var j = 0; j < length; j++)
                    {
                        buffer[(j * n) + c] = source[j];
                    }
                }

                for (var j = 0; j < length; j++)
                {
                    result[start + j] = reducer.Reduce(buffer.AsSpan(j * n, n));
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }

        return result;
    }

    /// <summary>The shared decisions of a coordinate-wise rule: each finite update weighs 1/n.</summary>
    public static AggregationDecision[] Decisions(UpdateSet set, string reason)
    {
        var decisions = set.NonFiniteDecisions();

        foreach (var i in set.Usable)
        {
            decisions[i] = new AggregationDecision(
                set.Ordered[i].ClientId, AggregationOutcome.Coordinatewise, 1.0 / set.Usable.Length, set.Norms[i], null, reason);
        }

        return decisions;
    }
}
