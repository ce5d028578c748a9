namespace FedActors.Learning.Tensors;

/// <summary>
/// A dense float32 tensor: a shape over contiguous row-major storage. <see cref="Reshape"/> and
/// <see cref="Slice"/> return views that share storage with this tensor (no copy); writes through
/// a view are visible in the tensor it came from.
/// </summary>
public sealed class Tensor
{
    private readonly float[] _storage;
    private readonly int _offset;

    /// <summary>Allocates a zero-filled tensor of the given shape.</summary>
    public Tensor(TensorShape shape)
        : this(new float[shape.Size], 0, shape)
    {
    }

    /// <summary>Wraps <paramref name="storage"/> (no copy) as a tensor of the given shape.</summary>
    /// <exception cref="ArgumentException">The storage length differs from the shape's element count.</exception>
    public Tensor(float[] storage, TensorShape shape)
        : this(storage, 0, shape)
    {
        if (storage.Length != shape.Size)
        {
            throw new ArgumentException($"Storage of {storage.Length} floats does not match shape {shape} ({shape.Size} elements).", nameof(storage));
        }
    }

    private Tensor(float[] storage, int offset, TensorShape shape)
    {
        _storage = storage;
        _offset = offset;
        Shape = shape;
    }

    /// <summary>The tensor's shape.</summary>
    public TensorShape Shape { get; }

    /// <summary>The number of elements.</summary>
    public int Length => Shape.Size;

    /// <summary>The elements, row-major.</summary>
    public Span<float> Span => _storage.AsSpan(_offset, Shape.Size);

    /// <summary>The elements, row-major, as memory that can outlive a stack frame.</summary>
    public Memory<float> Memory => _storage.AsMemory(_offset, Shape.Size);

    /// <summary>The element at flat (row-major) position <paramref name="index"/>.</summary>
    public float this[int index]
    {
        get => Span[index];
        set => Span[index] = value;
    }

    /// <summary>The element at row <paramref name="row"/>, column <paramref name="column"/> of a rank-2 tensor.</summary>
    public float this[int row, int column]
    {
        get => Span[Offset2(row, column)];
        set => Span[Offset2(row, column)] = value;
    }

    /// <summary>A view of the same elements with another shape of equal size.</summary>
    /// <exception cref="ArgumentException">The sizes differ.</exception>
    public Tensor Reshape(TensorShape shape)
    {
        if (shape.Size != Shape.Size)
        {
            throw new ArgumentException($"Cannot reshape {Shape} ({Shape.Size} elements) to {shape} ({shape.Size} elements).", nameof(shape));
        }
        return new Tensor(_storage, _offset, shape);
    }

    /// <summary>A view of rows <paramref name="start"/> .. <paramref name="start"/>+<paramref name="count"/>−1 along the outermost dimension.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is outside the tensor.</exception>
    public Tensor Slice(int start, int count)
    {
        var outer = Shape[0];
        if (start < 0 || count <= 0 || start > outer - count)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"Rows {start}..{start + count - 1} are outside a tensor of shape {Shape}.");
        }
        var inner = Shape.Size / outer;
        var dims = Shape.Dimensions.ToArray();
        dims[0] = count;
        return new Tensor(_storage, _offset + start * inner, new TensorShape(dims));
    }

    /// <summary>The elements of outer row <paramref name="index"/> (one sample of a batch).</summary>
    public Span<float> Row(int index)
    {
        var inner = Shape.Size / Shape[0];
        return _storage.AsSpan(_offset + index * inner, inner);
    }

    /// <summary>A copy with its own storage.</summary>
    public Tensor Clone() => new(Span.ToArray(), Shape);

    private int Offset2(int row, int column)
    {
        if (Shape.Rank != 2)
        {
            throw new InvalidOperationException($"Two-index access needs a rank-2 tensor, this one has shape {Shape}.");
        }
        if ((uint)row >= (uint)Shape[0] || (uint)column >= (uint)Shape[1])
        {
            throw new ArgumentOutOfRangeException(nameof(row), $"Index ({row}, {column}) is outside shape {Shape}.");
        }
        return row * Shape[1] + column;
    }
}
