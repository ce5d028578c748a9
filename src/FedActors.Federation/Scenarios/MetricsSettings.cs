namespace FedActors.Federation.Scenarios;

/// <summary><c>scenario.metrics</c>: which oracle metrics a run records.</summary>
/// <param name="EvaluateEvery">Evaluate every this many rounds (≥ 1).</param>
/// <param name="PerClassRecall">Record per-class recall.</param>
/// <param name="BackdoorSuccess">Measure backdoor success (needs a backdoor attack).</param>
/// <param name="DecryptionError">Measure the decryption error (secure-sum only).</param>
public sealed record MetricsSettings(int EvaluateEvery, bool PerClassRecall, bool BackdoorSuccess, bool DecryptionError);
