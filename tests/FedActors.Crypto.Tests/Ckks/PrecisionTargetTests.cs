using FedActors.Crypto.Ckks;
using FedActors.Crypto.Multiparty;
using FedActors.Crypto.Ring;
using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Tests.Ckks;

/// <summary>
/// The CRYPTO.md precision target for aggregation-default, short of the threshold protocol (the Multiparty layer): a
/// collective key of 100 parties is simulated by summing 100 secrets and 100 public-key errors; 1,000 weighted updates
/// are encrypted under it and summed; the aggregate is decrypted with the summed secret and t = 10 flooding noises of
/// the rule's size (σ_ct·2^15·√(12τ), the default s = 30 and τ = 2^14) are added, as t decryption shares would; the weighted average must be
/// within 1e-6 of the exact one in every coordinate.
/// </summary>
public sealed class PrecisionTargetTests
{
    private const int Parties = 100;
    private const int Contributions = 1000;
    private const int Shares = 10;

    [Theory]
    [InlineData(10_000)]
    [InlineData(1)]
    public void The_weighted_average_of_1000_updates_is_within_1e_6_with_flooding_on(int maxWeight)
    {
        var set = CkksParameterSets.Get(CkksParameterSets.AggregationDefault);
        var parameters = set.Rlwe;
        using var random = SeededRandomSource.FromLabel("precision-target", maxWeight);
        using var secret = CollectiveSecret(parameters, random, out var publicKey);
        var encryptor = new Encryptor(parameters, publicKey, random);
        var encoder = new CoefficientEncoder(parameters);
        var evaluator = new Evaluator(parameters);
        var n = parameters.N;
        var values = new Random(maxWeight);
        var weightedSum = new double[n - 1];
        var weightTotal = 0.0;
        Ciphertext? aggregate = null;
        for (var k = 0; k < Contributions; k++)
        {
            // Coordinates 0 … N−2 carry n_k·x, the last one n_k itself (the client sends both).
            var weight = values.Next(1, maxWeight + 1);
            var update = new double[n];
            for (var j = 0; j < n - 1; j++)
            {
                update[j] = weight * ((values.NextDouble() * 2 - 1) * 8);
                weightedSum[j] += update[j];
            }
            update[n - 1] = weight;
            weightTotal += weight;
            var ciphertext = encryptor.Encrypt(encoder.Encode(update, set.Scale));
            if (aggregate is null)
            {
                aggregate = ciphertext;
            }
            else
            {
                evaluator.AddInPlace(aggregate, ciphertext);
            }
        }

        var floodingSigma = FloodingSettings.Default.StandardDeviation(aggregate!.Noise);
        Assert.True(floodingSigma > 1e9, $"flooding σ = {floodingSigma}: the rule must give a large noise");
        var decrypted = new Decryptor(parameters, secret).Decrypt(aggregate);
        var flooding = new GaussianSampler(random, floodingSigma, 6 * floodingSigma);
        var noise = parameters.RingQ.NewPolynomial(decrypted.Level);
        for (var share = 0; share < Shares; share++)
        {
            flooding.Sample(parameters.RingQ, noise);
            parameters.RingQ.Add(decrypted.Value, noise, decrypted.Value);
        }
        var sums = encoder.Decode(decrypted);
        Assert.Equal(weightTotal, Math.Round(sums[n - 1]));
        var expected = weightedSum.Select(x => x / weightTotal).ToArray();
        var actual = sums.Take(n - 1).Select(x => x / Math.Round(sums[n - 1])).ToArray();
        var statistics = PrecisionStatistics.Compute(expected, actual);
        Assert.True(statistics.MaxAbsoluteError <= 1e-6, statistics.ToString());
        // The flooding noise is really there: the error of the sum is of the order of 10^0.5·σ_flood/Δ.
        var sumError = PrecisionStatistics.Compute(weightedSum, sums.Take(n - 1).ToArray());
        Assert.True(sumError.MeanAbsoluteError > 0.3 * Math.Sqrt(Shares) * floodingSigma / set.Scale, sumError.ToString());
    }

    private static SecretKey CollectiveSecret(RlweParameters parameters, IRandomSource random, out PublicKey publicKey)
    {
        var ring = parameters.RingQP;
        var s = ring.NewPolynomial();
        var e = ring.NewPolynomial();
        var part = ring.NewPolynomial();
        var ternary = new TernarySampler(random);
        var gaussian = new GaussianSampler(random, parameters.Sigma, parameters.ErrorBound);
        for (var i = 0; i < Parties; i++)
        {
            ternary.Sample(ring, part);
            ring.Add(s, part, s);
            gaussian.Sample(ring, part);
            ring.Add(e, part, e);
        }
        ring.Forward(s);
        ring.Forward(e);
        var a = new UniformSampler(random).Sample(ring);
        var p0 = ring.NewPolynomial();
        ring.MulCoefficients(a, s, p0);
        ring.Sub(e, p0, p0);
        publicKey = new PublicKey(parameters, p0, a, Parties * TernarySampler.Variance, Parties * parameters.Sigma * parameters.Sigma);
        return new SecretKey(parameters, s, Parties * TernarySampler.Variance);
    }
}
