using System.Collections.Concurrent;
using FedActors.Federation.Metrics;

namespace FedActors.Federation.Secure;

/// <summary>
/// The simulation's oracle view of secure rounds (<c>metrics.decryption-error = on</c>): clients hand it their
/// plaintext vectors (u_k ‖ n_k) before encrypting them, and the first contributor to decrypt a round hands it the
/// decrypted sum and the contributors; <see cref="TakeError"/> then compares the decrypted sum with the exact sum of
/// those contributors' vectors. Only the runner and the clients reach it: the Coordinator and the KeyManager never do.
/// Thread-safe.
/// </summary>
public sealed class DecryptionErrorOracle
{
    private readonly ConcurrentDictionary<(uint Round, string Client), double[]> _updates = new();
    private readonly ConcurrentDictionary<uint, (string[] Contributors, double[] Sum)> _aggregates = new();

    /// <summary>Records the plaintext vector <paramref name="clientId"/> encrypts in <paramref name="round"/>.</summary>
    public void RecordUpdate(uint round, string clientId, double[] vector) => _updates[(round, clientId)] = vector;

    /// <summary>
    /// Records that <paramref name="clientId"/> contributes in <paramref name="round"/> a copy of
    /// <paramref name="sourceId"/>'s ciphertext (a replay attacker): its vector is the source's.
    /// </summary>
    public void RecordCopy(uint round, string clientId, string sourceId)
    {
        if (_updates.TryGetValue((round, sourceId), out var vector))
        {
            _updates[(round, clientId)] = vector;
        }
    }

    /// <summary>Records the decrypted sum of <paramref name="round"/> (the first report of a round wins).</summary>
    public void RecordAggregate(uint round, IEnumerable<string> contributors, double[] decryptedSum) =>
        _aggregates.TryAdd(round, ([.. contributors], decryptedSum));

    /// <summary>
    /// The error of <paramref name="round"/>'s decrypted sum against the exact sum of its contributors' vectors, or null
    /// when the round was not decrypted; forgets the round's vectors.
    /// </summary>
    public DecryptionError? TakeError(uint round)
    {
        var vectors = _updates.Keys.Where(k => k.Round == round).ToArray();
        var updates = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var key in vectors)
        {
            if (_updates.TryRemove(key, out var vector))
            {
                updates[key.Client] = vector;
            }
        }
        if (!_aggregates.TryRemove(round, out var aggregate) || !aggregate.Contributors.All(updates.ContainsKey))
        {
            return null;
        }
        var max = 0.0;
        var squares = 0.0;
        for (var i = 0; i < aggregate.Sum.Length; i++)
        {
            var exact = 0.0;
            foreach (var contributor in aggregate.Contributors)
            {
                exact += updates[contributor][i];
            }
            var error = Math.Abs(aggregate.Sum[i] - exact);
            max = Math.Max(max, error);
            squares += error * error;
        }
        return new DecryptionError(max, Math.Sqrt(squares / Math.Max(1, aggregate.Sum.Length)));
    }
}
