using FedActors.Federation.Simulation;

namespace FedActors.Federation.Deployment;

/// <summary>
/// The coordinator node's copy of the global model in a cluster run, from which <see cref="ClientLink"/>s ship the model
/// to clients whose node lacks it: in plaintext mode the Coordinator publishes each round's model to the node; in
/// secure-sum mode the runner publishes the model the clients agreed on once it has fetched it from a client node.
/// A link may ask for a model before it is published and then waits for it.
/// </summary>
internal sealed class ModelStore(SimulationNode node)
{
    private readonly Lock _gate = new();
    private readonly List<(byte[] Hash, TaskCompletionSource<GlobalModel> Waiter)> _waiters = [];

    /// <summary>The node whose global model the store serves.</summary>
    public SimulationNode Node { get; } = node;

    /// <summary>The model with <paramref name="hash"/>, as soon as the node holds it.</summary>
    public Task<GlobalModel> WhenHoldsAsync(ReadOnlySpan<byte> hash)
    {
        lock (_gate)
        {
            if (Node.Global.Hash.AsSpan().SequenceEqual(hash))
            {
                return Task.FromResult(Node.Global);
            }
            var waiter = new TaskCompletionSource<GlobalModel>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((hash.ToArray(), waiter));
            return waiter.Task;
        }
    }

    /// <summary>Publishes <paramref name="parameters"/> to the node and hands it to the links waiting for it.</summary>
    public void Publish(float[] parameters)
    {
        lock (_gate)
        {
            var model = Node.Publish(parameters);
            foreach (var waiting in _waiters.Where(w => w.Hash.AsSpan().SequenceEqual(model.Hash)).ToArray())
            {
                waiting.Waiter.TrySetResult(model);
                _waiters.Remove(waiting);
            }
        }
    }

    /// <summary>Lets every waiting link know that the run ended without the model it waits for.</summary>
    public void Abandon(string reason)
    {
        lock (_gate)
        {
            foreach (var waiting in _waiters)
            {
                waiting.Waiter.TrySetException(new InvalidOperationException(reason));
            }
            _waiters.Clear();
        }
    }
}
