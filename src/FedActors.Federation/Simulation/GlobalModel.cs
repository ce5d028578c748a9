namespace FedActors.Federation.Simulation;

/// <summary>An immutable snapshot of the global model with its <see cref="Protocol.ModelHash"/>; never modified after creation.</summary>
/// <param name="Parameters">The parameters (read only by convention: nobody writes a published snapshot).</param>
/// <param name="Hash">SHA-256 of the parameters.</param>
public sealed record GlobalModel(float[] Parameters, byte[] Hash);
