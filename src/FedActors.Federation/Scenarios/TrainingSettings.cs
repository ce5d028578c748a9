namespace FedActors.Federation.Scenarios;

/// <summary><c>scenario.training</c>: local training of each honest client.</summary>
/// <param name="LocalEpochs">E (≥ 1).</param>
/// <param name="BatchSize">B (≥ 0; 0 = whole local data set).</param>
/// <param name="LearningRate">Step size (&gt; 0).</param>
/// <param name="Optimizer"><c>sgd</c> or <c>adam</c>.</param>
/// <param name="Momentum">SGD momentum in [0, 1).</param>
/// <param name="WeightDecay">L2 penalty (≥ 0).</param>
/// <param name="ProximalMu">FedProx μ (≥ 0).</param>
public sealed record TrainingSettings(int LocalEpochs, int BatchSize, double LearningRate, string Optimizer, double Momentum, double WeightDecay, double ProximalMu);
