namespace FedActors.Crypto.Multiparty;

/// <summary>A party named as the cause of a failed CRS ceremony, with the reason.</summary>
/// <param name="PartyId">The faulty party.</param>
/// <param name="Reason">What it did wrong.</param>
public readonly record struct CrsFault(int PartyId, CrsFailureReason Reason);
