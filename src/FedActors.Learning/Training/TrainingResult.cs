namespace FedActors.Learning.Training;

/// <summary>What one local training call did.</summary>
/// <param name="Samples">Local samples (the size of the index set), the weight n_k of federated averaging.</param>
/// <param name="Steps">Optimizer steps taken.</param>
/// <param name="MeanLoss">Mean training loss over the last epoch's mini-batches.</param>
public sealed record TrainingResult(int Samples, int Steps, float MeanLoss);
