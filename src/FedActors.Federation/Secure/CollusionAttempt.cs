using FedActors.Crypto.Ckks;
using FedActors.Crypto.Multiparty;
using FedActors.Crypto.Rlwe;
using FedActors.Federation.Protocol;

namespace FedActors.Federation.Secure;

/// <summary>
/// The <c>colluding-key-holders</c> attack's decryption: committee members hand their threshold keys to the Coordinator,
/// which tries to open one client's contribution on its own. With fewer than t keys it completes the active set with
/// the lowest honest members (whose shares it does not have), turns each colluder's key into its additive key for that
/// set (<see cref="Combiner"/>) and adds the colluders' decryption shares to c0: the honest members' missing
/// λ_j·s_j·c1 terms are uniformly random, so the result is noise. With t keys or more the same steps decrypt, which
/// shows the threshold, not the procedure, is what protects the client.
/// </summary>
public static class CollusionAttempt
{
    /// <summary>
    /// What the colluders' <paramref name="keys"/> decrypt <paramref name="contribution"/> to: the first
    /// <paramref name="length"/> values.
    /// </summary>
    /// <param name="parameters">The run's parameter set.</param>
    /// <param name="contribution">One client's encrypted contribution.</param>
    /// <param name="keys">The colluders' threshold keys, of one epoch (at least one).</param>
    /// <param name="length">Values to return.</param>
    /// <returns>The values the colluders obtain.</returns>
    /// <exception cref="ArgumentException">No keys, keys of different epochs, or a committee too small to complete the set.</exception>
    public static double[] Decrypt(CkksParameters parameters, Contribution contribution, IReadOnlyList<ThresholdSecretKey> keys, int length)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(contribution);
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0 || keys.Select(k => k.Epoch).Distinct().Count() != 1)
        {
            throw new ArgumentException($"A collusion needs at least one threshold key, all of one epoch; got {keys.Count} keys of epochs {string.Join(", ", keys.Select(k => k.Epoch).Distinct())}.", nameof(keys));
        }
        var threshold = keys[0].Threshold;
        var colluders = keys.Select(k => k.PartyId).ToHashSet();
        var active = colluders.Concat(keys[0].Committee.Where(p => !colluders.Contains(p)).Order().Take(Math.Max(0, threshold - colluders.Count))).Order().ToArray();
        if (active.Length < threshold)
        {
            throw new ArgumentException($"The committee has {keys[0].Committee.Count} members, fewer than t = {threshold}.", nameof(keys));
        }
        var rlwe = parameters.Rlwe;
        var combiner = new Combiner(rlwe);
        var protocol = new DecryptionShareProtocol(rlwe, FloodingSettings.Default);
        var additive = keys.Select(k => combiner.GenAdditiveShare(k, active)).ToArray();
        try
        {
            var codec = new CiphertextCodec(parameters);
            var encoder = new CoefficientEncoder(rlwe);
            var values = new double[length];
            var per = parameters.ValuesPerCiphertext;
            for (var c = 0; c < contribution.Ciphertexts.Count && c * per < length; c++)
            {
                var ciphertext = codec.Read(contribution.Ciphertexts[c]);
                var result = ciphertext.C0.Clone();
                foreach (var key in additive)
                {
                    // Each colluder's share λ_j·s_j·c1 (+ flooding), added to c0 as Combine does with a full set of shares.
                    var share = protocol.GenShare(key, ciphertext, ciphertext.Noise, new DecryptionRecord(key.Epoch, long.MaxValue));
                    rlwe.RingQ.Add(result, share.Value, result);
                }
                var decoded = encoder.Decode(new Plaintext(result, ciphertext.Scale, ciphertext.Encoding, ciphertext.MessageBound));
                decoded.AsSpan(0, Math.Min(per, length - (c * per))).CopyTo(values.AsSpan(c * per));
            }
            return values;
        }
        finally
        {
            foreach (var key in additive)
            {
                key.Dispose();
            }
        }
    }

    /// <summary>‖<paramref name="recovered"/> − <paramref name="truth"/>‖ / ‖<paramref name="truth"/>‖ (Euclidean); ≪ 1 means the plaintext was recovered.</summary>
    public static double RelativeError(ReadOnlySpan<double> recovered, ReadOnlySpan<double> truth)
    {
        if (recovered.Length != truth.Length)
        {
            throw new ArgumentException($"The recovered vector has {recovered.Length} values, the true one {truth.Length}.", nameof(recovered));
        }
        double difference = 0, norm = 0;
        for (var i = 0; i < truth.Length; i++)
        {
            difference += (recovered[i] - truth[i]) * (recovered[i] - truth[i]);
            norm += truth[i] * truth[i];
        }
        return Math.Sqrt(difference) / Math.Max(Math.Sqrt(norm), double.Epsilon);
    }
}
