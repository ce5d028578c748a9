using System.Collections.Concurrent;
using FedActors.Learning.Kernels.Gemm;
using FedActors.Learning.Kernels.OpenBlas;
using FedActors.Learning.Models;

namespace FedActors.Learning.Training;

/// <summary>
/// A fixed set of worker threads that run training and evaluation jobs, so thousands of simulated
/// clients share a few cores. Each worker keeps one <see cref="Trainer"/> per architecture (and so
/// all scratch memory); a client's job borrows it for the duration of the call. OpenBLAS is pinned
/// to one thread per call, because its own threads on top of several workers oversubscribe the cores.
/// Jobs run in submission order as workers free up.
/// </summary>
public sealed class TrainerPool : IDisposable
{
    private readonly BlockingCollection<Action<Dictionary<string, Trainer>>> _queue = new();
    private readonly Thread[] _workers;
    private readonly IGemm _gemm;
    private int _disposed;

    /// <summary>Starts <paramref name="workers"/> threads whose trainers multiply with <paramref name="gemm"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workers"/> is not positive.</exception>
    public TrainerPool(int workers, IGemm gemm)
    {
        if (workers <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(workers), workers, $"fedactors.learning.trainer-workers must be > 0, was {workers}");
        }
        _gemm = gemm;
        if (gemm is OpenBlasGemm)
        {
            OpenBlasLibrary.SetThreads(1);
        }
        _workers = new Thread[workers];
        for (var i = 0; i < workers; i++)
        {
            _workers[i] = new Thread(Work) { IsBackground = true, Name = $"fedactors-trainer-{i}" };
            _workers[i].Start();
        }
    }

    /// <summary>Number of worker threads.</summary>
    public int WorkerCount => _workers.Length;

    /// <summary>
    /// Queues <paramref name="job"/> to run on a worker with that worker's trainer for
    /// <paramref name="spec"/>; the task completes with the job's result or exception.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The pool was disposed.</exception>
    public Task<T> RunAsync<T>(ModelSpec spec, Func<Trainer, T> job, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add(trainers =>
        {
            if (cancellationToken.IsCancellationRequested)
            {
                completion.TrySetCanceled(cancellationToken);
                return;
            }
            try
            {
                if (!trainers.TryGetValue(spec.Description, out var trainer))
                {
                    trainer = new Trainer(spec, _gemm);
                    trainers.Add(spec.Description, trainer);
                }
                completion.TrySetResult(job(trainer));
            }
            catch (Exception ex)
            {
                completion.TrySetException(ex);
            }
        }, CancellationToken.None);
        return completion.Task;
    }

    /// <summary>Lets queued jobs finish, then stops the workers.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _queue.CompleteAdding();
        foreach (var worker in _workers)
        {
            worker.Join();
        }
        _queue.Dispose();
    }

    private void Work()
    {
        var trainers = new Dictionary<string, Trainer>();
        foreach (var job in _queue.GetConsumingEnumerable())
        {
            job(trainers);
        }
    }
}
