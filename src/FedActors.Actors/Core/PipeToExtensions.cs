namespace FedActors.Actors.Core;

/// <summary>Sends the outcome of a task to an actor as a message, the way to use async results inside an actor without blocking it.</summary>
public static class PipeToExtensions
{
    /// <summary>
    /// When <paramref name="task"/> completes, sends its result (or <paramref name="success"/> of it) to
    /// <paramref name="recipient"/>; when it fails, sends <see cref="Status.Failure"/> (or <paramref name="failure"/> of the exception).
    /// </summary>
    public static async Task PipeTo<T>(this Task<T> task, IActorRef recipient, IActorRef? sender = null, Func<T, object>? success = null, Func<Exception, object>? failure = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(recipient);
        object message;
        try
        {
            var result = await task.ConfigureAwait(false);
            message = success is null ? result! : success(result);
        }
        catch (Exception e)
        {
            message = failure is null ? new Status.Failure(e) : failure(e);
        }
        recipient.Tell(message, sender);
    }

    /// <summary>When <paramref name="task"/> completes, sends <see cref="Status.Success"/> (or <paramref name="success"/>()); when it fails, <see cref="Status.Failure"/> (or <paramref name="failure"/> of the exception).</summary>
    public static async Task PipeTo(this Task task, IActorRef recipient, IActorRef? sender = null, Func<object>? success = null, Func<Exception, object>? failure = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(recipient);
        object message;
        try
        {
            await task.ConfigureAwait(false);
            message = success is null ? new Status.Success(null) : success();
        }
        catch (Exception e)
        {
            message = failure is null ? new Status.Failure(e) : failure(e);
        }
        recipient.Tell(message, sender);
    }
}
