using FedActors.Federation.Protocol;
using FedActors.Federation.Simulation;

namespace FedActors.Federation.Client;

/// <summary>
/// A client on its own node (a cluster run): a <see cref="TrainRequest"/> for a model its node does not hold carries the
/// model's values, which the client checks against the hash and publishes to its node before training.
/// </summary>
public sealed partial class ClientActor
{
    private GlobalModel Adopt(ModelParameters model)
    {
        var global = _node.Global;
        if (global.Hash.AsSpan().SequenceEqual(model.Hash.Span))
        {
            return global;
        }
        var values = model.Values.ToArray();
        if (!ModelHash.Compute(values).AsSpan().SequenceEqual(model.Hash.Span))
        {
            throw new ProtocolException($"Client {_clientId} was sent a model whose values do not have the hash the request names; the model was corrupted or forged on its way.");
        }
        return _node.Publish(values);
    }
}
