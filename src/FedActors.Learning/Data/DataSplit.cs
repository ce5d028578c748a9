using FedActors.Learning.Partitions;

namespace FedActors.Learning.Data;

/// <summary>
/// A data set's training and test parts. <see cref="NaturalPartition"/> is set for data that comes
/// already split by client (FedProx Synthetic), null otherwise.
/// </summary>
/// <param name="Train">Samples to train on (and to partition across clients).</param>
/// <param name="Test">Held-out samples for evaluation.</param>
/// <param name="NaturalPartition">The per-client split the data was generated with, if any.</param>
public sealed record DataSplit(Dataset Train, Dataset Test, Partition? NaturalPartition = null);
