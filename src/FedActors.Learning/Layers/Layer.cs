using FedActors.Learning.Randomness;
using FedActors.Learning.Tensors;

namespace FedActors.Learning.Layers;

/// <summary>
/// One differentiable stage of a network, built for a fixed per-sample input shape. A layer holds
/// no parameters: they are a slice of the model's flat parameter vector, passed to every call, so
/// one layer instance (with its scratch buffers) can train any client's copy of the model.
/// Batches are row-major: sample after sample, each in the layer's shape (images are NHWC).
/// A layer instance is not thread-safe; each trainer worker builds its own.
/// </summary>
public abstract class Layer
{
    private protected Layer(TensorShape inputShape, TensorShape outputShape)
    {
        InputShape = inputShape;
        OutputShape = outputShape;
    }

    /// <summary>The shape of one input sample.</summary>
    public TensorShape InputShape { get; }

    /// <summary>The shape of one output sample.</summary>
    public TensorShape OutputShape { get; }

    /// <summary>How many floats of the flat parameter vector this layer owns.</summary>
    public virtual int ParameterCount => 0;

    /// <summary>Fills this layer's parameters from <paramref name="random"/>; same random state, same values, bit for bit.</summary>
    public virtual void InitializeParameters(Span<float> parameters, SeededRandom random)
    {
    }

    /// <summary>
    /// Computes the output of <paramref name="batch"/> samples. <paramref name="training"/> is null at
    /// inference; in training it supplies randomness to stochastic layers (dropout).
    /// </summary>
    public abstract void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, int batch, SeededRandom? training);

    /// <summary>
    /// Back-propagates: given the input and output of the last <see cref="Forward"/> and the loss
    /// gradient with respect to the output, overwrites <paramref name="parameterGradient"/> with the
    /// gradient with respect to the parameters and, unless <paramref name="inputGradient"/> is empty
    /// (the first layer needs none), writes the gradient with respect to the input.
    /// </summary>
    public abstract void Backward(
        ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output,
        ReadOnlySpan<float> outputGradient, Span<float> inputGradient, Span<float> parameterGradient, int batch);

    /// <summary>The layer's kind and shapes, e.g. <c>Dense [784] → [200]</c>.</summary>
    public override string ToString() => $"{GetType().Name} {InputShape} → {OutputShape}";
}
