namespace FedActors.Persistence;

/// <summary>Wrap an event in this to persist <see cref="Payload"/> under <see cref="Tags"/> (queryable by tag); recovery replays the bare payload.</summary>
/// <param name="Payload">The event to store.</param>
/// <param name="Tags">Non-empty tags without <c>;</c>.</param>
public sealed record Tagged(object Payload, IReadOnlyList<string> Tags);
