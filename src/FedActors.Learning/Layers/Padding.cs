namespace FedActors.Learning.Layers;

/// <summary>Border handling of a convolution.</summary>
public enum Padding
{
    /// <summary>Zero-pad so the output has the input's height and width (odd kernels).</summary>
    Same,

    /// <summary>No padding: the output shrinks by kernel − 1 in each direction.</summary>
    Valid,
}
