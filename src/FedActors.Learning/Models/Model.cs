using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace FedActors.Learning.Models;

/// <summary>
/// A model's state as one flat float vector (layer after layer, weights then biases), the form
/// aggregation works on: get, set, add a scaled vector, hash. Paired with its <see cref="ModelSpec"/>.
/// Not thread-safe for writes.
/// </summary>
public sealed class Model
{
    private readonly float[] _parameters;

    /// <summary>Wraps <paramref name="parameters"/> (no copy) as the state of <paramref name="spec"/>.</summary>
    /// <exception cref="ArgumentException">The vector's length differs from the spec's parameter count.</exception>
    public Model(ModelSpec spec, float[] parameters)
    {
        if (parameters.Length != spec.ParameterCount)
        {
            throw new ArgumentException($"Model '{spec.Name}' has {spec.ParameterCount} parameters, the vector has {parameters.Length}.", nameof(parameters));
        }
        Spec = spec;
        _parameters = parameters;
    }

    /// <summary>The architecture.</summary>
    public ModelSpec Spec { get; }

    /// <summary>Number of parameters.</summary>
    public int Count => _parameters.Length;

    /// <summary>The parameters, readable and writable in place.</summary>
    public Span<float> Parameters => _parameters;

    /// <summary>A model with fresh parameters drawn from <paramref name="seed"/> (bit-for-bit reproducible).</summary>
    public static Model Create(ModelSpec spec, ulong seed) => new(spec, spec.InitializeParameters(seed));

    /// <summary>Copies the parameters into <paramref name="destination"/>.</summary>
    public void CopyTo(Span<float> destination) => CheckedLength(destination.Length).CopyTo(destination);

    /// <summary>Replaces the parameters with <paramref name="source"/>.</summary>
    public void Set(ReadOnlySpan<float> source)
    {
        CheckedLength(source.Length);
        source.CopyTo(_parameters);
    }

    /// <summary>Adds <paramref name="scale"/> · <paramref name="delta"/> to the parameters (e.g. applying an averaged update).</summary>
    public void AddScaled(float scale, ReadOnlySpan<float> delta)
    {
        CheckedLength(delta.Length);
        TensorPrimitives.MultiplyAdd(delta, scale, _parameters, _parameters);
    }

    /// <summary>A copy with its own parameter vector.</summary>
    public Model Clone() => new(Spec, (float[])_parameters.Clone());

    /// <summary>SHA-256 of the parameters as little-endian IEEE-754 bytes: equal hashes mean bit-identical models.</summary>
    public byte[] ComputeHash()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Model hashes are defined on little-endian float bytes.");
        }
        return SHA256.HashData(MemoryMarshal.AsBytes(_parameters.AsSpan()));
    }

    private Span<float> CheckedLength(int length)
    {
        if (length != _parameters.Length)
        {
            throw new ArgumentException($"Model '{Spec.Name}' has {_parameters.Length} parameters, the vector has {length}.");
        }
        return _parameters;
    }
}
