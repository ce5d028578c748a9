using FedActors.Learning.Layers;
using FedActors.Learning.Randomness;

namespace FedActors.Learning.Models;

/// <summary>
/// A built <see cref="ModelSpec"/>: its layers plus the activation and gradient buffers for one
/// mini-batch at a time. The parameters are not stored here; every call takes the flat parameter
/// vector, so one network serves every client that a worker trains. Not thread-safe.
/// </summary>
public sealed class Network
{
    private readonly Layer[] _layers;
    private readonly int[] _offsets;
    private readonly float[][] _activations;
    private float[] _gradientA = [];
    private float[] _gradientB = [];
    private int _capacity;

    internal Network(ModelSpec spec, Layer[] layers)
    {
        Spec = spec;
        _layers = layers;
        _offsets = new int[layers.Length + 1];
        for (var i = 0; i < layers.Length; i++)
        {
            _offsets[i + 1] = _offsets[i] + layers[i].ParameterCount;
        }
        _activations = new float[layers.Length][];
    }

    /// <summary>The architecture this network was built from.</summary>
    public ModelSpec Spec { get; }

    /// <summary>The layers, input to output.</summary>
    public IReadOnlyList<Layer> Layers => _layers;

    /// <summary>
    /// Runs <paramref name="batch"/> samples through the network and returns their logits
    /// (batch × classes, valid until the next call). <paramref name="training"/> is null at inference.
    /// </summary>
    /// <exception cref="ArgumentException">The parameter vector or input has the wrong length.</exception>
    public ReadOnlySpan<float> Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, int batch, SeededRandom? training)
    {
        CheckParameters(parameters.Length);
        if (input.Length < batch * Spec.InputShape.Size)
        {
            throw new ArgumentException($"Input of {input.Length} floats is too short for {batch} samples of shape {Spec.InputShape}.", nameof(input));
        }
        EnsureCapacity(batch);
        var x = input;
        for (var i = 0; i < _layers.Length; i++)
        {
            var layer = _layers[i];
            var y = _activations[i].AsSpan(0, batch * layer.OutputShape.Size);
            layer.Forward(parameters[_offsets[i].._offsets[i + 1]], x, y, batch, training);
            x = y;
        }
        return x;
    }

    /// <summary>
    /// Back-propagates <paramref name="logitsGradient"/> through the activations of the last
    /// <see cref="Forward"/> (same parameters, input and batch) and overwrites
    /// <paramref name="gradients"/> (one float per parameter) with the loss gradient.
    /// </summary>
    public void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> logitsGradient, int batch, Span<float> gradients)
    {
        CheckParameters(parameters.Length);
        CheckParameters(gradients.Length);
        var upstream = logitsGradient;
        for (var i = _layers.Length - 1; i >= 0; i--)
        {
            var layer = _layers[i];
            var x = i == 0 ? input : _activations[i - 1].AsSpan(0, batch * layer.InputShape.Size);
            var y = _activations[i].AsSpan(0, batch * layer.OutputShape.Size);
            var downstream = i == 0 ? Span<float>.Empty : ((i & 1) == 0 ? _gradientA : _gradientB).AsSpan(0, batch * layer.InputShape.Size);
            layer.Backward(parameters[_offsets[i].._offsets[i + 1]], x, y, upstream, downstream, gradients[_offsets[i].._offsets[i + 1]], batch);
            upstream = downstream;
        }
    }

    private void CheckParameters(int length)
    {
        if (length != Spec.ParameterCount)
        {
            throw new ArgumentException($"Model '{Spec.Name}' has {Spec.ParameterCount} parameters, the vector has {length}.");
        }
    }

    private void EnsureCapacity(int batch)
    {
        if (batch <= _capacity)
        {
            return;
        }
        var largest = 0;
        for (var i = 0; i < _layers.Length; i++)
        {
            _activations[i] = new float[batch * _layers[i].OutputShape.Size];
            largest = Math.Max(largest, _layers[i].InputShape.Size);
        }
        _gradientA = new float[batch * largest];
        _gradientB = new float[batch * largest];
        _capacity = batch;
    }
}
