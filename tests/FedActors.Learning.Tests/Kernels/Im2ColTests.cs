using FedActors.Learning.Kernels;
using FedActors.Learning.Kernels.Managed;
using FedActors.Learning.Randomness;
using Xunit;

namespace FedActors.Learning.Tests.Kernels;

public sealed class Im2ColTests
{
    [Theory]
    [InlineData(5, 6, 2, 3, 1, 3, 3)]
    [InlineData(7, 7, 3, 5, 2, 4, 2)]
    [InlineData(6, 5, 1, 3, 0, 2, 1)]
    public void Convolution_by_im2col_and_gemm_equals_direct_convolution(int h, int w, int c, int kernel, int pad, int filters, int batch)
    {
        var random = new SeededRandom(11);
        var oh = h + 2 * pad - kernel + 1;
        var ow = w + 2 * pad - kernel + 1;
        var input = Enumerable.Range(0, batch * h * w * c).Select(_ => random.NextUniform(-1, 1)).ToArray();
        var weights = Enumerable.Range(0, filters * kernel * kernel * c).Select(_ => random.NextUniform(-1, 1)).ToArray();
        var patch = kernel * kernel * c;
        var columns = new float[batch * oh * ow * patch];
        Im2Col.Expand(input, batch, h, w, c, kernel, pad, oh, ow, columns);
        var output = new float[batch * oh * ow * filters];
        ManagedGemm.Instance.Multiply(false, true, batch * oh * ow, filters, patch, 1f, columns, patch, weights, patch, 0f, output, filters);

        for (var n = 0; n < batch; n++)
        {
            for (var oy = 0; oy < oh; oy++)
            {
                for (var ox = 0; ox < ow; ox++)
                {
                    for (var f = 0; f < filters; f++)
                    {
                        double sum = 0;
                        for (var ky = 0; ky < kernel; ky++)
                        {
                            for (var kx = 0; kx < kernel; kx++)
                            {
                                int iy = oy + ky - pad, ix = ox + kx - pad;
                                if (iy < 0 || iy >= h || ix < 0 || ix >= w)
                                {
                                    continue;
                                }
                                for (var ch = 0; ch < c; ch++)
                                {
                                    sum += input[((n * h + iy) * w + ix) * c + ch] * weights[((f * kernel + ky) * kernel + kx) * c + ch];
                                }
                            }
                        }
                        var actual = output[((n * oh + oy) * ow + ox) * filters + f];
                        Assert.True(Math.Abs(actual - sum) < 1e-4, $"({n},{oy},{ox},{f}): {actual} vs {sum}");
                    }
                }
            }
        }
    }

    [Fact]
    public void Fold_is_the_adjoint_of_expand()
    {
        // <Expand(x), y> == <x, Fold(y)> for any x, y: the defining property of col2im.
        const int H = 6, W = 5, C = 2, K = 3, Pad = 1, Batch = 2;
        var random = new SeededRandom(5);
        var x = Enumerable.Range(0, Batch * H * W * C).Select(_ => random.NextUniform(-1, 1)).ToArray();
        var y = Enumerable.Range(0, Batch * H * W * K * K * C).Select(_ => random.NextUniform(-1, 1)).ToArray();
        var ex = new float[y.Length];
        Im2Col.Expand(x, Batch, H, W, C, K, Pad, H, W, ex);
        var fy = new float[x.Length];
        Im2Col.Fold(y, Batch, H, W, C, K, Pad, H, W, fy);
        var left = ex.Zip(y, (p, q) => (double)p * q).Sum();
        var right = x.Zip(fy, (p, q) => (double)p * q).Sum();
        Assert.Equal(left, right, 3);
    }
}
