namespace FedActors.Federation.Aggregation;

/// <summary>What clipping did to one update.</summary>
/// <param name="NormBefore">The update's Euclidean norm before clipping.</param>
/// <param name="Scale">The factor applied, in (0, 1]; 1 when the update was within the bound.</param>
public readonly record struct ClipResult(double NormBefore, double Scale)
{
    /// <summary>True when the update was scaled down.</summary>
    public bool Clipped => Scale < 1.0;
}
