using FedActors.Learning.Tensors;
using Xunit;

namespace FedActors.Learning.Tests.Tensors;

public sealed class TensorTests
{
    [Fact]
    public void Reshape_and_slice_are_views_sharing_storage()
    {
        var t = new Tensor(new TensorShape(4, 3));
        var rows = t.Slice(1, 2);
        rows.Span.Fill(5f);
        var flat = t.Reshape(new TensorShape(12));
        Assert.Equal([0f, 0f, 0f, 5f, 5f, 5f, 5f, 5f, 5f, 0f, 0f, 0f], flat.Span.ToArray());
        t[3, 2] = 9f;
        Assert.Equal(9f, flat[11]);
        Assert.Equal(new TensorShape(2, 3), rows.Shape);
    }

    [Fact]
    public void Reshape_to_a_different_size_is_rejected() =>
        Assert.Throws<ArgumentException>(() => new Tensor(new TensorShape(2, 3)).Reshape(new TensorShape(5)));

    [Fact]
    public void Slice_outside_the_tensor_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Tensor(new TensorShape(2, 3)).Slice(1, 2));

    [Fact]
    public void Shapes_compare_by_dimensions_and_reject_non_positive_ones()
    {
        Assert.Equal(new TensorShape(28, 28, 1), new TensorShape(28, 28, 1));
        Assert.NotEqual(new TensorShape(28, 28), new TensorShape(28, 28, 1));
        Assert.Equal(new TensorShape(5, 28, 28, 1), new TensorShape(28, 28, 1).Prepend(5));
        Assert.Throws<ArgumentException>(() => new TensorShape(3, 0));
    }

    [Fact]
    public void Clone_does_not_share_storage()
    {
        var t = new Tensor([1f, 2f], new TensorShape(2));
        var c = t.Clone();
        c[0] = 7f;
        Assert.Equal(1f, t[0]);
    }
}
