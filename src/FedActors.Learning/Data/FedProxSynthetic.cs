using FedActors.Learning.Partitions;
using FedActors.Learning.Randomness;
using FedActors.Learning.Tensors;

namespace FedActors.Learning.Data;

/// <summary>
/// FedProx's Synthetic(α, β) generator (Li et al., "Federated Optimization in Heterogeneous Networks",
/// MLSys 2020, section 5.1): 60 features, 10 classes. Client k draws u_k ~ N(0, α²) and
/// B_k ~ N(0, β²); its model W_k, b_k ~ N(u_k, 1); its feature mean v_k ~ N(B_k, 1); samples
/// x ~ N(v_k, Σ) with Σ = diag(j^−1.2); labels y = argmax(W_k·x + b_k). α controls how much the
/// clients' models differ, β how much their data differ. Client sizes are log-normal(4, 2) + 50,
/// as in the paper's generator; each client keeps 90% of its samples for training, 10% for test.
/// Everything is drawn from the seed.
/// </summary>
public static class FedProxSynthetic
{
    /// <summary>Number of features.</summary>
    public const int Features = 60;

    /// <summary>Number of classes.</summary>
    public const int Classes = 10;

    /// <summary>Generates the data of <paramref name="clients"/> clients; the natural partition is their split.</summary>
    /// <exception cref="ArgumentOutOfRangeException">alpha or beta is negative, or clients is not positive.</exception>
    public static DataSplit Generate(double alpha, double beta, int clients, ulong seed)
    {
        if (!(alpha >= 0) || !(beta >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), $"data.alpha and data.beta must be >= 0, were {alpha} and {beta}.");
        }
        if (clients <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(clients), clients, $"federation.clients must be > 0, was {clients}");
        }
        var random = new SeededRandom(seed);
        var sizes = new int[clients];
        for (var k = 0; k < clients; k++)
        {
            sizes[k] = (int)Math.Exp(4 + 2 * random.NextGaussian()) + 50;
        }
        var sigma = new double[Features];
        for (var j = 0; j < Features; j++)
        {
            sigma[j] = Math.Sqrt(Math.Pow(j + 1, -1.2));
        }
        var trainX = new List<float>();
        var trainY = new List<int>();
        var testX = new List<float>();
        var testY = new List<int>();
        var parts = new int[clients][];
        var weights = new double[Features * Classes];
        var bias = new double[Classes];
        var mean = new double[Features];
        var x = new double[Features];
        for (var k = 0; k < clients; k++)
        {
            var u = alpha * random.NextGaussian();
            var b = beta * random.NextGaussian();
            for (var i = 0; i < weights.Length; i++)
            {
                weights[i] = u + random.NextGaussian();
            }
            for (var c = 0; c < Classes; c++)
            {
                bias[c] = u + random.NextGaussian();
            }
            for (var j = 0; j < Features; j++)
            {
                mean[j] = b + random.NextGaussian();
            }
            var trainCount = (int)(0.9 * sizes[k]);
            var indices = new int[trainCount];
            for (var s = 0; s < sizes[k]; s++)
            {
                for (var j = 0; j < Features; j++)
                {
                    x[j] = mean[j] + sigma[j] * random.NextGaussian();
                }
                var label = 0;
                var best = double.NegativeInfinity;
                for (var c = 0; c < Classes; c++)
                {
                    var logit = bias[c];
                    for (var j = 0; j < Features; j++)
                    {
                        logit += x[j] * weights[j * Classes + c];
                    }
                    if (logit > best)
                    {
                        best = logit;
                        label = c;
                    }
                }
                var (xs, ys) = s < trainCount ? (trainX, trainY) : (testX, testY);
                if (s < trainCount)
                {
                    indices[s] = trainY.Count;
                }
                foreach (var v in x)
                {
                    xs.Add((float)v);
                }
                ys.Add(label);
            }
            parts[k] = indices;
        }
        var train = new Dataset("synthetic-train", new Tensor(trainX.ToArray(), new TensorShape(trainY.Count, Features)), trainY.ToArray(), Classes);
        var test = new Dataset("synthetic-test", new Tensor(testX.ToArray(), new TensorShape(testY.Count, Features)), testY.ToArray(), Classes);
        return new DataSplit(train, test, new Partition(parts));
    }
}
