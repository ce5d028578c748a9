using System.Numerics.Tensors;
using FedActors.Learning.Data;
using FedActors.Learning.Kernels.Gemm;
using FedActors.Learning.Layers;
using FedActors.Learning.Models;
using FedActors.Learning.Randomness;

namespace FedActors.Learning.Training;

/// <summary>
/// Trains and evaluates one architecture. It owns every buffer a training call needs (the working
/// parameters, gradients, optimizer state, mini-batch copies and the network's activations), so it
/// belongs to a worker thread, not to a client: a client brings only the model it starts from, the
/// indices of its samples and a buffer for its update. Not thread-safe; see <see cref="TrainerPool"/>.
/// Training is deterministic given the seed (shuffling and dropout draw from it).
/// </summary>
public sealed class Trainer
{
    private readonly float[] _working;
    private readonly float[] _gradients;
    private readonly Network[] _replicas;
    private readonly float[][] _replicaGradients;
    private readonly SeededRandom?[] _replicaRandoms;
    private readonly double[] _replicaLosses;
    private float[] _batchFeatures = [];
    private int[] _batchLabels = [];
    private float[] _logitsGradient = [];
    private int[] _order = [];
    private SgdOptimizer? _sgd;
    private AdamOptimizer? _adam;
    private TrainingOptions? _optimizerOptions;

    /// <summary>
    /// Creates a trainer for <paramref name="spec"/> whose matrix products run on <paramref name="gemm"/>.
    /// With <paramref name="parallelism"/> P &gt; 1 each mini-batch is split over P network replicas on
    /// P threads and their gradients summed (synchronous data parallelism, for one large central run);
    /// trainers in a <see cref="TrainerPool"/> use 1. Results are deterministic given the seed and P.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="parallelism"/> is not positive.</exception>
    public Trainer(ModelSpec spec, IGemm gemm, int parallelism = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parallelism);
        Spec = spec;
        _replicas = new Network[parallelism];
        _replicaGradients = new float[parallelism][];
        for (var r = 0; r < parallelism; r++)
        {
            _replicas[r] = spec.Build(gemm);
            _replicaGradients[r] = r == 0 ? [] : new float[spec.ParameterCount];
        }
        _replicaRandoms = new SeededRandom?[parallelism];
        _replicaLosses = new double[parallelism];
        _working = new float[spec.ParameterCount];
        _gradients = new float[spec.ParameterCount];
        _replicaGradients[0] = _gradients;
    }

    /// <summary>The architecture trained.</summary>
    public ModelSpec Spec { get; }

    /// <summary>Number of network replicas a mini-batch is split over.</summary>
    public int Parallelism => _replicas.Length;

    /// <summary>
    /// Trains from <paramref name="start"/> on the samples of <paramref name="data"/> at
    /// <paramref name="indices"/> for <see cref="TrainingOptions.Epochs"/> epochs and writes the
    /// change, trained − start, into <paramref name="delta"/>. <paramref name="start"/> is only read
    /// (clients can share one global model). Each epoch visits the samples in an order shuffled from
    /// <paramref name="seed"/>; <paramref name="transform"/> (if any) rewrites each mini-batch copy.
    /// <paramref name="onBatch"/> (if any) is called on this thread after each step with the samples
    /// processed so far in the current epoch.
    /// </summary>
    /// <exception cref="ArgumentException">A vector has the wrong length, the data does not fit the model, or there are no samples.</exception>
    public TrainingResult Train(
        ReadOnlySpan<float> start, Span<float> delta, Dataset data, ReadOnlySpan<int> indices,
        TrainingOptions options, ulong seed, IBatchTransform? transform = null, Action<int>? onBatch = null)
    {
        options.Validate();
        CheckVector(start.Length, nameof(start));
        CheckVector(delta.Length, nameof(delta));
        CheckData(data);
        if (indices.IsEmpty)
        {
            throw new ArgumentException($"Training '{Spec.Name}' needs at least one sample.", nameof(indices));
        }
        var n = indices.Length;
        var batchSize = options.BatchSize == 0 ? n : Math.Min(options.BatchSize, n);
        EnsureBatch(batchSize);
        if (_order.Length < n)
        {
            _order = new int[n];
        }
        var order = _order.AsSpan(0, n);
        indices.CopyTo(order);
        var optimizer = Optimizer(options);
        optimizer.Reset();
        start.CopyTo(_working);
        // Separate streams for the data order (and batch transforms) and for dropout, so the order
        // does not depend on how many replicas draw dropout masks.
        var random = new SeededRandom(seed);
        var dropout = new SeededRandom(SeededRandom.Derive(seed, 1));
        var sampleSize = Spec.InputShape.Size;
        var steps = 0;
        double epochLoss = 0;
        var epochBatches = 0;
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            epochLoss = 0;
            epochBatches = 0;
            for (var first = 0; first < n; first += batchSize)
            {
                var count = Math.Min(batchSize, n - first);
                var features = _batchFeatures.AsSpan(0, count * sampleSize);
                var labels = _batchLabels.AsSpan(0, count);
                for (var i = 0; i < count; i++)
                {
                    var index = order[first + i];
                    data.Sample(index).CopyTo(features.Slice(i * sampleSize, sampleSize));
                    labels[i] = data.Labels[index];
                }
                transform?.Apply(features, labels, count, data.SampleShape, random);
                epochLoss += ComputeGradients(count, dropout);
                epochBatches++;
                if (options.ProximalMu > 0)
                {
                    // FedProx (Li et al. 2020, eq. 2): the gradient of μ/2·‖w − w_start‖² is μ·(w − w_start).
                    for (var i = 0; i < _gradients.Length; i++)
                    {
                        _gradients[i] += options.ProximalMu * (_working[i] - start[i]);
                    }
                }
                optimizer.Step(_working, _gradients);
                steps++;
                onBatch?.Invoke(first + count);
            }
        }
        TensorPrimitives.Subtract(_working, start, delta);
        return new TrainingResult(n, steps, (float)(epochLoss / epochBatches));
    }

    /// <summary>
    /// Evaluates <paramref name="parameters"/> on the samples of <paramref name="data"/> at
    /// <paramref name="indices"/> (all samples when empty), in mini-batches of <paramref name="batchSize"/>.
    /// <paramref name="transform"/> (e.g. a backdoor trigger) rewrites each batch copy first.
    /// </summary>
    public Evaluation Evaluate(
        ReadOnlySpan<float> parameters, Dataset data, ReadOnlySpan<int> indices = default,
        IBatchTransform? transform = null, int batchSize = 200)
    {
        CheckVector(parameters.Length, nameof(parameters));
        CheckData(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var all = indices.IsEmpty;
        var n = all ? data.Count : indices.Length;
        EnsureBatch(Math.Min(batchSize, n));
        var classes = Spec.Classes;
        var confusion = new int[classes * classes];
        double totalLoss = 0;
        var sampleSize = Spec.InputShape.Size;
        var random = new SeededRandom(0);
        for (var first = 0; first < n; first += batchSize)
        {
            var count = Math.Min(batchSize, n - first);
            var features = _batchFeatures.AsSpan(0, count * sampleSize);
            var labels = _batchLabels.AsSpan(0, count);
            for (var i = 0; i < count; i++)
            {
                var index = all ? first + i : indices[first + i];
                data.Sample(index).CopyTo(features.Slice(i * sampleSize, sampleSize));
                labels[i] = data.Labels[index];
            }
            transform?.Apply(features, labels, count, data.SampleShape, random);
            var parts = Math.Min(_replicas.Length, count);
            if (parts == 1)
            {
                totalLoss += Score(_replicas[0], parameters, features, labels, 0, count, confusion);
                continue;
            }
            if (first == 0)
            {
                // Lambdas cannot capture spans: the replicas read a copy in the working buffer.
                parameters.CopyTo(_working);
            }
            var shared = _working;
            var partial = new int[parts][];
            Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, r =>
            {
                var (from, size) = Share(count, parts, r);
                partial[r] = new int[classes * classes];
                _replicaLosses[r] = Score(_replicas[r], shared, _batchFeatures, _batchLabels, from, size, partial[r]);
            });
            for (var r = 0; r < parts; r++)
            {
                totalLoss += _replicaLosses[r];
                TensorPrimitives.Add<int>(confusion, partial[r], confusion);
            }
        }
        return new Evaluation(classes, confusion, totalLoss);
    }

    // Forward and backward over the gathered batch; leaves the batch-mean loss gradient in _gradients.
    private double ComputeGradients(int count, SeededRandom random)
    {
        var parts = Math.Min(_replicas.Length, count);
        if (parts == 1)
        {
            return ReplicaGradients(0, 0, count, count, random);
        }
        // Each replica draws dropout masks from its own stream, forked in replica order for determinism.
        for (var r = 0; r < parts; r++)
        {
            _replicaRandoms[r] = random.Fork();
        }
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, r =>
        {
            var (from, size) = Share(count, parts, r);
            _replicaLosses[r] = ReplicaGradients(r, from, size, count, _replicaRandoms[r]!);
        });
        double loss = 0;
        for (var r = 0; r < parts; r++)
        {
            loss += _replicaLosses[r];
            if (r > 0)
            {
                TensorPrimitives.Add(_gradients, _replicaGradients[r], _gradients);
            }
        }
        return loss;
    }

    // Replica r's share of the batch: samples [from, from+size) of `total`. Returns its share of the mean loss.
    private double ReplicaGradients(int r, int from, int size, int total, SeededRandom random)
    {
        var sampleSize = Spec.InputShape.Size;
        var classes = Spec.Classes;
        var features = _batchFeatures.AsSpan(from * sampleSize, size * sampleSize);
        var labels = _batchLabels.AsSpan(from, size);
        var logits = _replicas[r].Forward(_working, features, size, random);
        var dLogits = _logitsGradient.AsSpan(from * classes, size * classes);
        var loss = SoftmaxCrossEntropy.Compute(logits, labels, size, classes, dLogits);
        if (size != total)
        {
            // The loss is the mean over the whole batch, so a part's gradient is weighted by its share.
            TensorPrimitives.Multiply(dLogits, (float)size / total, dLogits);
        }
        _replicas[r].Backward(_working, features, dLogits, size, _replicaGradients[r]);
        return (double)loss * size / total;
    }

    private double Score(Network network, ReadOnlySpan<float> parameters, ReadOnlySpan<float> features, ReadOnlySpan<int> labels, int from, int size, Span<int> confusion)
    {
        var sampleSize = Spec.InputShape.Size;
        var classes = Spec.Classes;
        var batchLabels = labels.Slice(from, size);
        var logits = network.Forward(parameters, features.Slice(from * sampleSize, size * sampleSize), size, null);
        for (var i = 0; i < size; i++)
        {
            var predicted = SoftmaxCrossEntropy.Predict(logits.Slice(i * classes, classes));
            confusion[batchLabels[i] * classes + predicted]++;
        }
        return (double)SoftmaxCrossEntropy.Compute(logits, batchLabels, size, classes, []) * size;
    }

    private static (int From, int Size) Share(int count, int parts, int r)
    {
        var from = (int)((long)count * r / parts);
        var to = (int)((long)count * (r + 1) / parts);
        return (from, to - from);
    }

    private IOptimizer Optimizer(TrainingOptions options)
    {
        // Optimizer state is reused across calls with the same settings: a worker trains many clients.
        if (_optimizerOptions != options)
        {
            _sgd = null;
            _adam = null;
            _optimizerOptions = options;
        }
        return options.Optimizer switch
        {
            OptimizerKind.Adam => _adam ??= new AdamOptimizer(Spec.ParameterCount, options.LearningRate, options.Beta1, options.Beta2, options.Epsilon, options.WeightDecay),
            _ => _sgd ??= new SgdOptimizer(Spec.ParameterCount, options.LearningRate, options.Momentum, options.WeightDecay),
        };
    }

    private void EnsureBatch(int batchSize)
    {
        if (_batchLabels.Length >= batchSize)
        {
            return;
        }
        _batchFeatures = new float[batchSize * Spec.InputShape.Size];
        _batchLabels = new int[batchSize];
        _logitsGradient = new float[batchSize * Spec.Classes];
    }

    private void CheckVector(int length, string name)
    {
        if (length != Spec.ParameterCount)
        {
            throw new ArgumentException($"Model '{Spec.Name}' has {Spec.ParameterCount} parameters, {name} has {length}.", name);
        }
    }

    private void CheckData(Dataset data)
    {
        if (data.SampleShape.Size != Spec.InputShape.Size || data.Classes != Spec.Classes)
        {
            throw new ArgumentException(
                $"Data set '{data.Name}' (samples {data.SampleShape}, {data.Classes} classes) does not fit model '{Spec.Name}' (input {Spec.InputShape}, {Spec.Classes} classes).",
                nameof(data));
        }
    }
}
