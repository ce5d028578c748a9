namespace FedActors.Federation.Aggregation;

/// <summary>
/// One client's plaintext model update for a round: the flat change of every model parameter
/// (Δw, before any weighting) and the number of training samples the client claims.
/// </summary>
/// <remarks>
/// The aggregators never modify <see cref="Delta"/>; clipping and weighting produce new buffers.
/// </remarks>
public sealed record ClientUpdate
{
    /// <summary>Creates an update, checking that the client id is non-empty and the sample count positive.</summary>
    /// <param name="clientId">The client's identity on the roster; unique within one aggregation.</param>
    /// <param name="delta">The flat parameter change Δw.</param>
    /// <param name="sampleCount">The client's training-sample count n_k, used as its FedAvg weight; must be &gt; 0.</param>
    /// <exception cref="ArgumentException">The id is empty or the sample count is not positive.</exception>
    public ClientUpdate(string clientId, ReadOnlyMemory<float> delta, long sampleCount)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clientId);
        if (sampleCount <= 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(sampleCount), sampleCount, $"Client '{clientId}' must report a sample count > 0, was {sampleCount}.");
        }

        ClientId = clientId;
        Delta = delta;
        SampleCount = sampleCount;
    }

    /// <summary>The client's identity on the roster.</summary>
    public string ClientId { get; }

    /// <summary>The flat parameter change Δw.</summary>
    public ReadOnlyMemory<float> Delta { get; }

    /// <summary>The claimed training-sample count n_k (&gt; 0).</summary>
    public long SampleCount { get; }
}
