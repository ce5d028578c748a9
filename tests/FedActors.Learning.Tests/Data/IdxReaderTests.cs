using System.IO.Compression;
using FedActors.Learning.Data;
using FsCheck.Xunit;
using Xunit;

namespace FedActors.Learning.Tests.Data;

public sealed class IdxReaderTests
{
    internal static byte[] Idx(int[] dimensions, byte[] data)
    {
        var bytes = new List<byte> { 0, 0, 0x08, (byte)dimensions.Length };
        foreach (var d in dimensions)
        {
            bytes.AddRange([(byte)(d >> 24), (byte)(d >> 16), (byte)(d >> 8), (byte)d]);
        }
        bytes.AddRange(data);
        return bytes.ToArray();
    }

    private static readonly byte[] Valid = Idx([2, 3, 2], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);

    [Fact]
    public void A_valid_file_gives_its_dimensions_and_data()
    {
        var array = IdxReader.Parse(Valid, "valid");
        Assert.Equal([2, 3, 2], array.Dimensions);
        Assert.Equal(12, array.Data.Length);
        Assert.Equal(12, array.Data[^1]);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 8 }, "too short")]
    [InlineData(new byte[] { 1, 0, 8, 1, 0, 0, 0, 1, 5 }, "two zero bytes")]
    [InlineData(new byte[] { 0, 0, 0x0D, 1, 0, 0, 0, 1, 5 }, "not supported")]
    [InlineData(new byte[] { 0, 0, 8, 0 }, "dimension count")]
    [InlineData(new byte[] { 0, 0, 8, 9 }, "dimension count")]
    [InlineData(new byte[] { 0, 0, 8, 2, 0, 0, 0, 1 }, "too short for an IDX header")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0, 0, 0, 0 }, "must be > 0")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0xFF, 0xFF, 0xFF, 0xFF }, "must be > 0")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0, 0, 0, 3, 1, 2 }, "announces 3 data bytes, the file has 2")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0, 0, 0, 1, 1, 2 }, "announces 1 data bytes, the file has 2")]
    [InlineData(new byte[] { 0, 0, 8, 3, 0x7F, 0, 0, 0, 0x7F, 0, 0, 0, 0x7F, 0, 0, 0 }, "exceed")]
    public void Malformed_headers_are_rejected_with_a_message_naming_the_problem(byte[] bytes, string expected)
    {
        var ex = Assert.Throws<DataFormatException>(() => IdxReader.Parse(bytes, "bad.idx"));
        Assert.Contains("bad.idx", ex.Message);
        Assert.Contains(expected, ex.Message);
    }

    [Property(MaxTest = 500)]
    public void Random_bytes_either_parse_or_fail_with_a_format_error(byte[] bytes)
    {
        try
        {
            var array = IdxReader.Parse(bytes, "random");
            Assert.Equal(array.Data.Length, array.Dimensions.Aggregate(1L, (a, d) => a * d));
        }
        catch (DataFormatException)
        {
        }
    }

    [Property(MaxTest = 500)]
    public void Mutated_valid_files_either_parse_consistently_or_fail_with_a_format_error(int position, byte value, bool truncate)
    {
        var bytes = (byte[])Valid.Clone();
        var at = (int)((uint)position % bytes.Length);
        bytes[at] = value;
        var input = truncate ? bytes[..at] : bytes;
        try
        {
            var array = IdxReader.Parse(input, "mutated");
            Assert.Equal(array.Data.Length, array.Dimensions.Aggregate(1L, (a, d) => a * d));
        }
        catch (DataFormatException)
        {
        }
    }

    [Fact]
    public void Gzipped_files_are_decompressed_and_corrupt_gzip_is_a_format_error()
    {
        var dir = Directory.CreateTempSubdirectory("fedactors-idx-");
        try
        {
            var good = Path.Combine(dir.FullName, "a.gz");
            using (var file = File.Create(good))
            using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
            {
                gzip.Write(Valid);
            }
            Assert.Equal([2, 3, 2], IdxReader.ReadFile(good).Dimensions);
            var bad = Path.Combine(dir.FullName, "b.gz");
            File.WriteAllBytes(bad, [0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
            Assert.Throws<DataFormatException>(() => IdxReader.ReadFile(bad));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Image_and_label_files_with_different_counts_are_rejected()
    {
        var images = IdxReader.Parse(Idx([2, 2, 2], new byte[8]), "images");
        var labels = IdxReader.Parse(Idx([3], [0, 1, 2]), "labels");
        var ex = Assert.Throws<DataFormatException>(() => IdxImages.Create("x", images, labels, 10, "images", "labels"));
        Assert.Contains("3 labels for 2 images", ex.Message);
    }

    [Fact]
    public void Labels_outside_the_class_range_are_rejected()
    {
        var images = IdxReader.Parse(Idx([1, 2, 2], new byte[4]), "images");
        var labels = IdxReader.Parse(Idx([1], [10]), "labels");
        Assert.Throws<DataFormatException>(() => IdxImages.Create("x", images, labels, 10, "images", "labels"));
    }

    [Fact]
    public void Images_are_scaled_to_the_unit_interval_with_one_channel()
    {
        var images = IdxReader.Parse(Idx([1, 2, 2], [0, 255, 51, 102]), "images");
        var labels = IdxReader.Parse(Idx([1], [7]), "labels");
        var data = IdxImages.Create("x", images, labels, 10, "images", "labels");
        Assert.Equal(new FedActors.Learning.Tensors.TensorShape(2, 2, 1), data.SampleShape);
        Assert.Equal([0f, 1f, 0.2f, 0.4f], data.Sample(0).ToArray());
        Assert.Equal(7, data.Labels[0]);
    }
}
