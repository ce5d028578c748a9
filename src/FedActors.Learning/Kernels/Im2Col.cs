using System.Numerics.Tensors;

namespace FedActors.Learning.Kernels;

/// <summary>
/// The im2col transform for stride-1 2-D convolution on NHWC batches: each output pixel becomes
/// one row holding its receptive field (kernel rows × kernel columns × channels, zeros where the
/// window crosses the padded border), so the convolution of a whole mini-batch is one matrix
/// product. <see cref="Fold"/> is the adjoint (col2im), used for the input gradient.
/// </summary>
public static class Im2Col
{
    /// <summary>
    /// Writes the patch matrix of <paramref name="batch"/> images of height × width × channels into
    /// <paramref name="columns"/> ((batch·outHeight·outWidth) rows of kernel·kernel·channels floats).
    /// </summary>
    public static void Expand(
        ReadOnlySpan<float> input, int batch, int height, int width, int channels,
        int kernel, int padding, int outHeight, int outWidth, Span<float> columns)
    {
        var rowLength = kernel * kernel * channels;
        var row = 0;
        for (var n = 0; n < batch; n++)
        {
            var image = input.Slice(n * height * width * channels, height * width * channels);
            for (var oy = 0; oy < outHeight; oy++)
            {
                for (var ox = 0; ox < outWidth; ox++, row++)
                {
                    var patch = columns.Slice(row * rowLength, rowLength);
                    var x0 = ox - padding;
                    // The valid kernel columns form one contiguous run of input pixels, copied at once.
                    var kxStart = Math.Max(0, -x0);
                    var kxEnd = Math.Min(kernel, width - x0);
                    for (var ky = 0; ky < kernel; ky++)
                    {
                        var iy = oy + ky - padding;
                        var dst = patch.Slice(ky * kernel * channels, kernel * channels);
                        if (iy < 0 || iy >= height || kxStart >= kxEnd)
                        {
                            dst.Clear();
                            continue;
                        }
                        dst[..(kxStart * channels)].Clear();
                        image.Slice((iy * width + x0 + kxStart) * channels, (kxEnd - kxStart) * channels)
                            .CopyTo(dst[(kxStart * channels)..]);
                        dst[(kxEnd * channels)..].Clear();
                    }
                }
            }
        }
    }

    /// <summary>
    /// Adds each patch row of <paramref name="columns"/> back onto the image pixels it was read from
    /// (col2im). <paramref name="inputGradient"/> is accumulated into, not overwritten.
    /// </summary>
    public static void Fold(
        ReadOnlySpan<float> columns, int batch, int height, int width, int channels,
        int kernel, int padding, int outHeight, int outWidth, Span<float> inputGradient)
    {
        var rowLength = kernel * kernel * channels;
        var row = 0;
        for (var n = 0; n < batch; n++)
        {
            var image = inputGradient.Slice(n * height * width * channels, height * width * channels);
            for (var oy = 0; oy < outHeight; oy++)
            {
                for (var ox = 0; ox < outWidth; ox++, row++)
                {
                    var patch = columns.Slice(row * rowLength, rowLength);
                    var x0 = ox - padding;
                    var kxStart = Math.Max(0, -x0);
                    var kxEnd = Math.Min(kernel, width - x0);
                    if (kxStart >= kxEnd)
                    {
                        continue;
                    }
                    for (var ky = 0; ky < kernel; ky++)
                    {
                        var iy = oy + ky - padding;
                        if (iy < 0 || iy >= height)
                        {
                            continue;
                        }
                        var src = patch.Slice((ky * kernel + kxStart) * channels, (kxEnd - kxStart) * channels);
                        var dst = image.Slice((iy * width + x0 + kxStart) * channels, src.Length);
                        TensorPrimitives.Add(dst, src, dst);
                    }
                }
            }
        }
    }
}
