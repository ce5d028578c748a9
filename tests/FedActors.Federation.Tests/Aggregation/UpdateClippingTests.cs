using FedActors.Federation.Aggregation;

namespace FedActors.Federation.Tests.Aggregation;

public sealed class UpdateClippingTests
{
    internal static double Norm(float[] v) => Math.Sqrt(v.Sum(x => (double)x * x));

    [Fact]
    public void Clipping_scales_an_update_above_the_bound_onto_the_bound_keeping_its_direction()
    {
        var delta = new float[] { 6f, 8f };
        var result = UpdateClipping.ClipInPlace(delta, 5);

        Assert.Equal([3f, 4f], delta);
        Assert.Equal(10, result.NormBefore, 9);
        Assert.True(result.Clipped);
    }

    [Fact]
    public void Clipping_leaves_an_update_within_the_bound_untouched()
    {
        var delta = new float[] { 0.3f, 0.4f };
        var result = UpdateClipping.ClipInPlace(delta, 5);

        Assert.Equal([0.3f, 0.4f], delta);
        Assert.False(result.Clipped);
    }

    [Fact]
    public void A_bound_of_zero_turns_clipping_off()
    {
        var delta = new float[] { 600f, 800f };
        Assert.False(UpdateClipping.ClipInPlace(delta, 0).Clipped);
        Assert.Equal([600f, 800f], delta);
    }

    [Fact]
    public void A_non_finite_update_is_a_training_fault_not_something_to_clip()
    {
        Assert.Throws<ArgumentException>(() => UpdateClipping.ClipInPlace(new[] { float.NaN }, 1));
    }

    [Fact]
    public void Norms_of_values_near_float_max_do_not_overflow()
    {
        var delta = new float[] { float.MaxValue, float.MaxValue };
        var result = UpdateClipping.ClipInPlace(delta, 1);

        Assert.Equal(float.MaxValue * Math.Sqrt(2), result.NormBefore, float.MaxValue * 1e-6);
        Assert.Equal(1, Norm(delta), 1e-5);
    }
}
