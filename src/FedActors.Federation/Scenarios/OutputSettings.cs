namespace FedActors.Federation.Scenarios;

/// <summary><c>scenario.output</c>: where a run writes and what.</summary>
/// <param name="Directory">The run directory (metrics.json, report.html, journal, model files).</param>
/// <param name="Report"><c>html</c> or <c>none</c>.</param>
/// <param name="EncryptTo">The model owner's public key file (absolute); when set, the per-round checkpoints and the final model are written encrypted to it. Null = plaintext.</param>
/// <param name="ReplicaKey">The node's public key file (absolute); when set (<c>encrypt-replicas = on</c>), the node's replica is written each round, encrypted to it. Null = no replica file.</param>
public sealed record OutputSettings(string Directory, string Report, string? EncryptTo = null, string? ReplicaKey = null);
