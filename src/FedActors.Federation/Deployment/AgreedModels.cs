using FedActors.Actors.Core;
using FedActors.Federation.Metrics;
using FedActors.Federation.Protocol;
using FedActors.Federation.Simulation;

namespace FedActors.Federation.Deployment;

/// <summary>
/// The oracle's side of a secure-sum cluster run, on the coordinator node: after each completed round it fetches the
/// model the clients agreed on from a client node (the first host holding the round's hash; the values are checked
/// against it), publishes it to the <see cref="ModelStore"/> (from which links ship it to clients that did not take
/// part in the round), checkpoints it for a resume, and hands the round to the <see cref="Oracle"/>. Rounds are handled
/// one after the other, in order, off the Coordinator's thread; a model no client node holds fails the run.
/// </summary>
internal sealed class AgreedModels(
    IReadOnlyList<IActorRef> hosts, ModelStore store, ModelCheckpoints checkpoints, Oracle oracle, TimeSpan timeout,
    TaskCompletionSource<IReadOnlyList<RoundMetrics>> completion)
{
    private Task _chain = Task.CompletedTask;

    /// <summary>Completes when every observed round has been handed to the oracle.</summary>
    public Task Drained => _chain;

    /// <summary>The Coordinator's round observer (called on its thread, in round order).</summary>
    public void Observe(RoundMetrics round)
    {
        var previous = _chain;
        _chain = HandleAsync(previous, round);
    }

    private async Task HandleAsync(Task previous, RoundMetrics round)
    {
        await previous.ConfigureAwait(false);
        try
        {
            if (round.Status == RoundStatus.Completed && round.ModelHash is { } hex)
            {
                var parameters = await FetchAsync(Convert.FromHexString(hex)).ConfigureAwait(false);
                store.Publish(parameters);
                checkpoints.Write(round.Round, parameters);
            }
            oracle.Observe(round);
        }
        catch (Exception e)
        {
            completion.TrySetException(e);
            throw;
        }
    }

    private async Task<float[]> FetchAsync(byte[] hash)
    {
        var request = new ModelRequest { Hash = Google.Protobuf.ByteString.CopyFrom(hash) };
        var asks = hosts.Select(h => h.Ask<ModelParameters>(request, timeout)).ToList();
        while (asks.Count > 0)
        {
            var done = await Task.WhenAny(asks).ConfigureAwait(false);
            asks.Remove(done);
            if (done.IsCompletedSuccessfully && done.Result.Values.Count > 0)
            {
                var values = done.Result.Values.ToArray();
                if (ModelHash.Compute(values).AsSpan().SequenceEqual(hash))
                {
                    return values;
                }
            }
        }
        throw new InvalidOperationException($"No client node holds the model {Convert.ToHexStringLower(hash)} the clients agreed on, so the oracle cannot evaluate it; check the client nodes' logs.");
    }
}
