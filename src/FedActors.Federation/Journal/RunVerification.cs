namespace FedActors.Federation.Journal;

/// <summary>What a successful <see cref="RunVerifier"/> pass checked.</summary>
/// <param name="Events">Journal events whose hash chain verified (every persistence id in the journal).</param>
/// <param name="Signatures">Contribution signatures verified against the journaled roster.</param>
/// <param name="Blobs">Stored contributions present whose bytes hash to their address.</param>
public sealed record RunVerification(long Events, int Signatures, int Blobs);
