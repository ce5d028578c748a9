namespace FedActors.Federation.Metrics;

/// <summary>
/// How far the decrypted aggregate lies from the exact plaintext aggregate (an oracle metric,
/// secure-sum mode only), over all coordinates.
/// </summary>
/// <param name="MaxAbsolute">max_i |decrypted_i − exact_i|, ≥ 0.</param>
/// <param name="RootMeanSquare">sqrt(mean_i (decrypted_i − exact_i)²), ≥ 0.</param>
public sealed record DecryptionError(double MaxAbsolute, double RootMeanSquare);
