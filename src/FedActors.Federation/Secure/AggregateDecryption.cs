using System.Runtime.ExceptionServices;
using FedActors.Crypto.Ckks;
using FedActors.Crypto.Multiparty;
using FedActors.Crypto.Rlwe;
using FedActors.Federation.Protocol;
using CryptoShare = FedActors.Crypto.Multiparty.DecryptionShare;

namespace FedActors.Federation.Secure;

/// <summary>
/// The client side of a secure round's end: opens the key holders' sealed shares with the epoch's group key, combines
/// them with the aggregate ciphertexts (c0 + Σ shares, checked against each ciphertext's c1 digest), decodes the sum
/// and turns it into the next global model (previous + Σ u_k / Σ n_k, the weighted mean of the clipped updates).
/// </summary>
public sealed class AggregateDecryption
{
    private readonly CiphertextCodec _codec;
    private readonly DecryptionShareProtocol _protocol;
    private readonly CoefficientEncoder _encoder;

    /// <summary>Creates the decryption of <paramref name="settings"/>' parameter set.</summary>
    public AggregateDecryption(SecureSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _codec = new CiphertextCodec(settings.Parameters);
        _protocol = new DecryptionShareProtocol(settings.Parameters.Rlwe, settings.Flooding);
        _encoder = new CoefficientEncoder(settings.Parameters.Rlwe);
    }

    /// <summary>
    /// Returns the decrypted sum Σ_k (u_k ‖ n_k) of <paramref name="result"/>, <paramref name="length"/> values.
    /// </summary>
    /// <exception cref="ProtocolException">A share does not open under the group key, is malformed, missing or for another ciphertext.</exception>
    public double[] DecryptSum(AggregateResult result, EpochState epoch, int length)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(epoch);
        var wires = result.AggregateCiphertexts;
        var ciphertexts = new Ciphertext[wires.Count];
        InParallel(wires.Count, k => ciphertexts[k] = _codec.Read(wires[k]));
        var per = _codec.Parameters.ValuesPerCiphertext;
        if (_codec.CiphertextCount(length) != ciphertexts.Length)
        {
            throw new ProtocolException($"Round {result.Round.Round}'s aggregate has {ciphertexts.Length} ciphertexts; a model of {length - 1} parameters and its sample count take {_codec.CiphertextCount(length)}.");
        }
        // Each holder's set opens on its own and each ciphertext combines and decodes on its own: both loops use every core
        // (the node's other clients wait for this decryption rather than repeat it).
        var holders = new CryptoShare[result.Shares.Count][];
        InParallel(holders.Length, h =>
        {
            var share = result.Shares[h];
            var set = Open(result.Round, share, epoch);
            if (set.Shares.Count != ciphertexts.Length)
            {
                throw new ProtocolException($"Key holder {share.PartyId} sent {set.Shares.Count} shares for round {result.Round.Round}'s aggregate of {ciphertexts.Length} ciphertexts.");
            }
            // ByteStrings never change: the shares are read in place.
            holders[h] = set.Shares.Select(bytes => CryptoShare.FromBytes(_codec.Parameters.Rlwe, bytes.Memory)).ToArray();
        });
        var sum = new double[length];
        InParallel(ciphertexts.Length, k =>
        {
            Plaintext plaintext;
            try
            {
                plaintext = _protocol.Combine(ciphertexts[k], holders.Select(shares => shares[k]).ToArray());
            }
            catch (ArgumentException e)
            {
                throw new ProtocolException($"The decryption shares of ciphertext {k} of round {result.Round.Round} do not combine: {e.Message}", e);
            }
            var values = _encoder.Decode(plaintext);
            var take = Math.Min(per, length - (k * per));
            values.AsSpan(0, take).CopyTo(sum.AsSpan(k * per));
        });
        return sum;
    }

    /// <summary>
    /// The next global model: <paramref name="previous"/> + Σ u_k / Σ n_k, with Σ n_k (the sum's last value) rounded to
    /// the integer it encodes.
    /// </summary>
    /// <exception cref="ProtocolException">The decrypted sample count is not positive.</exception>
    public static float[] Apply(ReadOnlySpan<float> previous, ReadOnlySpan<double> sum)
    {
        var samples = Math.Round(sum[^1]);
        if (!(samples >= 1))
        {
            throw new ProtocolException($"The decrypted aggregate's sample count is {sum[^1]}; a round with contributions sums at least one sample.");
        }
        if (previous.Length != sum.Length - 1)
        {
            throw new ProtocolException($"The decrypted aggregate has {sum.Length - 1} parameters, the model {previous.Length}.");
        }
        var next = new float[previous.Length];
        for (var i = 0; i < next.Length; i++)
        {
            next[i] = previous[i] + (float)(sum[i] / samples);
        }
        return next;
    }

    /// <summary>Runs <paramref name="body"/> for 0 … count − 1 on every core and rethrows the first failure as itself.</summary>
    private static void InParallel(int count, Action<int> body)
    {
        try
        {
            Parallel.For(0, count, body);
        }
        catch (AggregateException e)
        {
            ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
    }

    private static DecryptionShareSet Open(RoundId round, Protocol.DecryptionShare share, EpochState epoch)
    {
        try
        {
            var plain = epoch.GroupKey.Decrypt(share.SealedShare.Span, SecureContexts.DecryptionShares(round, share.PartyId));
            return DecryptionShareSet.Parser.ParseFrom(plain);
        }
        catch (Exception e) when (e is Crypto.Envelope.EnvelopeException or System.Security.Cryptography.CryptographicException or Google.Protobuf.InvalidProtocolBufferException)
        {
            throw new ProtocolException($"The sealed decryption shares of key holder {share.PartyId} for round {round.Round} do not open under epoch {epoch.Epoch}'s group key: {e.Message}", e);
        }
    }
}
