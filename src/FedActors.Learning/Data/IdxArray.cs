namespace FedActors.Learning.Data;

/// <summary>The contents of an IDX file of unsigned bytes: its dimensions and its data, row-major.</summary>
/// <param name="Dimensions">Extent of each dimension, outermost first (the first is the item count).</param>
/// <param name="Data">The values; its length is the product of the dimensions.</param>
public sealed record IdxArray(int[] Dimensions, byte[] Data);
