namespace FedActors.Learning.Tensors;

/// <summary>
/// The dimensions of a tensor, outermost first (row-major). Immutable; two shapes are equal when
/// their dimensions are equal.
/// </summary>
public sealed class TensorShape : IEquatable<TensorShape>
{
    private readonly int[] _dimensions;

    /// <summary>Creates a shape; every dimension must be positive and the element count must fit in an <see cref="int"/>.</summary>
    /// <exception cref="ArgumentException">A dimension is not positive, or the element count overflows.</exception>
    public TensorShape(params ReadOnlySpan<int> dimensions)
    {
        if (dimensions.IsEmpty)
        {
            throw new ArgumentException("A tensor shape needs at least one dimension.", nameof(dimensions));
        }
        long size = 1;
        foreach (var d in dimensions)
        {
            if (d <= 0)
            {
                throw new ArgumentException($"Tensor dimensions must be > 0, was [{string.Join(", ", dimensions.ToArray())}].", nameof(dimensions));
            }
            size *= d;
            if (size > Array.MaxLength)
            {
                throw new ArgumentException($"A tensor of shape [{string.Join(", ", dimensions.ToArray())}] has more elements than an array can hold.", nameof(dimensions));
            }
        }
        _dimensions = dimensions.ToArray();
        Size = (int)size;
    }

    /// <summary>The number of dimensions.</summary>
    public int Rank => _dimensions.Length;

    /// <summary>The number of elements: the product of the dimensions.</summary>
    public int Size { get; }

    /// <summary>The dimensions, outermost first.</summary>
    public ReadOnlySpan<int> Dimensions => _dimensions;

    /// <summary>The extent of dimension <paramref name="axis"/>.</summary>
    public int this[int axis] => _dimensions[axis];

    /// <summary>The shape without its outermost dimension (the shape of one sample of a batch); a rank-1 shape gives [1].</summary>
    public TensorShape Inner => Rank == 1 ? new TensorShape(1) : new TensorShape(_dimensions.AsSpan(1));

    /// <summary>This shape with <paramref name="outer"/> prepended (a batch of samples of this shape).</summary>
    public TensorShape Prepend(int outer)
    {
        var dims = new int[Rank + 1];
        dims[0] = outer;
        _dimensions.CopyTo(dims, 1);
        return new TensorShape(dims);
    }

    /// <inheritdoc />
    public bool Equals(TensorShape? other) => other is not null && _dimensions.AsSpan().SequenceEqual(other._dimensions);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as TensorShape);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var d in _dimensions)
        {
            hash.Add(d);
        }
        return hash.ToHashCode();
    }

    /// <summary>The dimensions as <c>[28, 28, 1]</c>.</summary>
    public override string ToString() => $"[{string.Join(", ", _dimensions)}]";
}
