using FedActors.Actors.Serialization;

namespace FedActors.Actors.Core;

/// <summary>Replies that report how an operation ended, used by <c>Ask</c> and <c>PipeTo</c>.</summary>
public static class Status
{
    /// <summary>The operation succeeded with <paramref name="Value"/>.</summary>
    public sealed record Success(object? Value) : INoSerializationVerificationNeeded;

    /// <summary>The operation failed with <paramref name="Cause"/>; an <c>Ask</c> receiving it fails with that exception.</summary>
    public sealed record Failure(Exception Cause) : INoSerializationVerificationNeeded;
}
