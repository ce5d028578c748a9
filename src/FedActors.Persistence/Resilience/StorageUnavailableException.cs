namespace FedActors.Persistence.Resilience;

/// <summary>Thrown when a store operation still fails with a transient error after all retries; the inner exception is the last failure.</summary>
public sealed class StorageUnavailableException : Exception
{
    /// <summary>Creates the exception for <paramref name="store"/> after <paramref name="attempts"/> attempts.</summary>
    public StorageUnavailableException(string store, int attempts, Exception lastFailure)
        : base($"{store} is unavailable: the operation failed {attempts} time(s), last with: {lastFailure.Message} " +
               "Nothing was stored by the failed operation; check the database and retry.", lastFailure)
    {
        Store = store;
        Attempts = attempts;
    }

    /// <summary>The store that failed.</summary>
    public string Store { get; }

    /// <summary>How many attempts were made.</summary>
    public int Attempts { get; }
}
