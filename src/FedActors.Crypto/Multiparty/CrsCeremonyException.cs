namespace FedActors.Crypto.Multiparty;

/// <summary>
/// Thrown when the CRS ceremony of an epoch cannot produce a seed: it names every faulty party and its fault, so the
/// KeyManager can exclude them and restart the ceremony with a new epoch.
/// </summary>
public sealed class CrsCeremonyException : Exception
{
    /// <summary>Creates the exception for <paramref name="epoch"/> naming <paramref name="faults"/>.</summary>
    public CrsCeremonyException(ulong epoch, IReadOnlyList<CrsFault> faults)
        : base($"The CRS ceremony of epoch {epoch} failed: {string.Join(", ", (faults ?? []).Select(f => $"party {f.PartyId}: {Describe(f.Reason)}"))}. Exclude these parties and restart with a new epoch.")
    {
        ArgumentNullException.ThrowIfNull(faults);
        Epoch = epoch;
        Faults = faults;
    }

    /// <summary>The epoch whose ceremony failed.</summary>
    public ulong Epoch { get; }

    /// <summary>Every faulty party with its fault, by party id.</summary>
    public IReadOnlyList<CrsFault> Faults { get; }

    private static string Describe(CrsFailureReason reason) => reason switch
    {
        CrsFailureReason.MissingCommitment => "no commitment",
        CrsFailureReason.MissingReveal => "no reveal",
        CrsFailureReason.RevealMismatch => "revealed a value that does not match its commitment",
        _ => reason.ToString(),
    };
}
