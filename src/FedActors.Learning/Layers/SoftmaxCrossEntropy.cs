using System.Numerics.Tensors;

namespace FedActors.Learning.Layers;

/// <summary>
/// Softmax followed by cross-entropy against integer labels, fused for numerical stability
/// (log-sum-exp with the row maximum subtracted). The loss is the batch mean.
/// </summary>
public static class SoftmaxCrossEntropy
{
    /// <summary>
    /// Returns the mean loss of <paramref name="batch"/> rows of <paramref name="classes"/> logits and,
    /// unless <paramref name="gradient"/> is empty, writes its gradient with respect to the logits,
    /// (softmax − one-hot) / batch.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A label is outside [0, classes).</exception>
    public static float Compute(ReadOnlySpan<float> logits, ReadOnlySpan<int> labels, int batch, int classes, Span<float> gradient)
    {
        double total = 0;
        Span<float> probabilities = classes <= 256 ? stackalloc float[classes] : new float[classes];
        for (var n = 0; n < batch; n++)
        {
            var label = labels[n];
            if ((uint)label >= (uint)classes)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), $"Label {label} of sample {n} is outside [0, {classes}).");
            }
            var row = logits.Slice(n * classes, classes);
            var max = TensorPrimitives.Max(row);
            TensorPrimitives.Subtract(row, max, probabilities);
            TensorPrimitives.Exp(probabilities, probabilities);
            var sum = TensorPrimitives.Sum(probabilities);
            total += Math.Log(sum) - (row[label] - max);
            if (gradient.IsEmpty)
            {
                continue;
            }
            var g = gradient.Slice(n * classes, classes);
            TensorPrimitives.Multiply(probabilities, 1f / (sum * batch), g);
            g[label] -= 1f / batch;
        }
        return (float)(total / batch);
    }

    /// <summary>The index of the largest logit of a row (the first one on ties): the predicted class.</summary>
    public static int Predict(ReadOnlySpan<float> row) => TensorPrimitives.IndexOfMax(row);
}
