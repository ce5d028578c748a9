using FedActors.Actors.Serialization;
using Microsoft.Extensions.Logging;

namespace FedActors.Actors.Event;

/// <summary>Published on the event stream for every log entry an actor or the runtime writes at or above the configured level.</summary>
/// <param name="Level">The log level.</param>
/// <param name="LogSource">Where it was logged: an actor path, or the system's name for runtime messages.</param>
/// <param name="Message">The formatted message.</param>
/// <param name="Exception">The exception logged with it, if any.</param>
/// <param name="Timestamp">When it was logged, on the system's <see cref="TimeProvider"/>.</param>
public sealed record LogEvent(LogLevel Level, string LogSource, string Message, Exception? Exception, DateTimeOffset Timestamp) : INoSerializationVerificationNeeded;
