using System.Globalization;
using System.IO.Compression;
using FedActors.Learning.Data;
using FedActors.Learning.Tensors;
using FsCheck;
using FsCheck.Xunit;
using Xunit;

namespace FedActors.Learning.Tests.Data;

public sealed class DataDirectoryTests : IDisposable
{
    private static readonly TensorShape Image = new(2, 3, 1);
    private static readonly TensorShape Features = new(3);

    private readonly string _directory = Directory.CreateTempSubdirectory("fedactors-data-directory-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathOf(string file) => Path.Combine(_directory, file);

    private void WriteIdx(byte[] pixels, byte[] labels, int rows = 2, int columns = 3)
    {
        File.WriteAllBytes(PathOf(DataDirectory.IdxImagesFile), IdxReaderTests.Idx([labels.Length, rows, columns], pixels));
        File.WriteAllBytes(PathOf(DataDirectory.IdxLabelsFile), IdxReaderTests.Idx([labels.Length], labels));
    }

    private void WriteCsv(params string[] lines) => File.WriteAllText(PathOf(DataDirectory.CsvFile), string.Join('\n', lines) + "\n");

    [Fact]
    public void The_IDX_layout_gives_every_image_in_file_order_scaled_to_one()
    {
        WriteIdx([0, 255, 51, 0, 0, 0, 1, 2, 3, 4, 5, 6], [1, 0]);

        var data = DataDirectory.Load(_directory, Image, classes: 2);

        Assert.Equal(2, data.Count);
        Assert.Equal(Image, data.SampleShape);
        Assert.Equal([1, 0], data.Labels.ToArray());
        Assert.Equal(1f, data.Sample(0)[1]);
        Assert.Equal(0.2f, data.Sample(0)[2], 6);
        Assert.Equal(6 / 255f, data.Sample(1)[5], 6);
        Assert.Equal(Path.GetFileName(_directory), data.Name);
    }

    [Fact]
    public void Gzipped_IDX_files_are_read_as_the_plain_ones()
    {
        foreach (var (file, bytes) in new[]
        {
            (DataDirectory.IdxImagesFile, IdxReaderTests.Idx([1, 2, 3], [9, 8, 7, 6, 5, 4])),
            (DataDirectory.IdxLabelsFile, IdxReaderTests.Idx([1], [1])),
        })
        {
            using var output = File.Create(PathOf(file + ".gz"));
            using var gzip = new GZipStream(output, CompressionLevel.Fastest);
            gzip.Write(bytes);
        }

        var data = DataDirectory.Load(_directory, Image, classes: 2);

        Assert.Equal(1, data.Count);
        Assert.Equal(9 / 255f, data.Sample(0)[0], 6);
    }

    [Fact]
    public void The_CSV_layout_gives_the_features_as_they_are_in_the_file()
    {
        WriteCsv("2,3,no,yes", "0.5,-1.25,3e2,1", "1,2,3,0");

        var data = DataDirectory.Load(_directory, Features, classes: 2);

        Assert.Equal(Features, data.SampleShape);
        Assert.Equal([0.5f, -1.25f, 300f], data.Sample(0).ToArray());
        Assert.Equal([1, 0], data.Labels.ToArray());
    }

    [Fact]
    public void CSV_samples_of_another_feature_count_are_refused_naming_the_file_and_the_expected_shape()
    {
        WriteCsv("1,2,no,yes", "1,2,0");

        var error = Assert.Throws<DataFormatException>(() => DataDirectory.Load(_directory, Features, classes: 2));

        Assert.Contains(PathOf(DataDirectory.CsvFile), error.Message);
        Assert.Contains("2 features", error.Message);
        Assert.Contains("[3]", error.Message);
    }

    [Fact]
    public void A_CSV_header_with_another_class_count_is_refused()
    {
        WriteCsv("1,3,a,b,c", "1,2,3,0");

        var error = Assert.Throws<DataFormatException>(() => DataDirectory.Load(_directory, Features, classes: 2));

        Assert.Contains("names 3 classes, but the model predicts 2", error.Message);
    }

    [Fact]
    public void Images_of_another_size_are_refused_naming_the_image_file_and_the_expected_shape()
    {
        WriteIdx(new byte[8], [0, 1], rows: 2, columns: 2);

        var error = Assert.Throws<DataFormatException>(() => DataDirectory.Load(_directory, Image, classes: 2));

        Assert.Contains(PathOf(DataDirectory.IdxImagesFile), error.Message);
        Assert.Contains("[2, 2, 1]", error.Message);
        Assert.Contains("[2, 3, 1]", error.Message);
    }

    [Fact]
    public void An_IDX_label_outside_the_classes_is_refused_naming_the_label_file()
    {
        WriteIdx(new byte[12], [0, 2]);

        var error = Assert.Throws<DataFormatException>(() => DataDirectory.Load(_directory, Image, classes: 2));

        Assert.Contains(PathOf(DataDirectory.IdxLabelsFile), error.Message);
        Assert.Contains("label 2", error.Message);
    }

    [Fact]
    public void A_directory_with_both_layouts_is_refused()
    {
        WriteIdx(new byte[12], [0, 1]);
        WriteCsv("1,3,no,yes", "1,2,3,0");

        var error = Assert.Throws<DataFormatException>(() => DataDirectory.Load(_directory, Features, classes: 2));

        Assert.Contains("both", error.Message);
    }

    [Fact]
    public void A_directory_without_data_or_with_half_the_IDX_layout_names_the_files_it_needs()
    {
        var empty = Assert.Throws<FileNotFoundException>(() => DataDirectory.Load(_directory, Image, classes: 2));
        Assert.Contains(DataDirectory.CsvFile, empty.Message);
        Assert.Contains(DataDirectory.IdxImagesFile, empty.Message);

        File.WriteAllBytes(PathOf(DataDirectory.IdxImagesFile), IdxReaderTests.Idx([1, 2, 3], new byte[6]));
        var half = Assert.Throws<FileNotFoundException>(() => DataDirectory.Load(_directory, Image, classes: 2));
        Assert.Contains($"without {DataDirectory.IdxLabelsFile}", half.Message);
    }

    [Fact]
    public void A_missing_directory_is_named()
    {
        var missing = PathOf("nowhere");

        var error = Assert.Throws<DirectoryNotFoundException>(() => DataDirectory.Load(missing, Image, classes: 2));

        Assert.Contains(missing, error.Message);
    }

    [Property(MaxTest = 200)]
    public void Random_bytes_as_either_layout_load_or_fail_with_a_format_error(byte[] bytes, bool asCsv)
    {
        var directory = Directory.CreateTempSubdirectory("fedactors-data-fuzz-").FullName;
        try
        {
            if (asCsv)
            {
                File.WriteAllBytes(Path.Combine(directory, DataDirectory.CsvFile), bytes);
            }
            else
            {
                File.WriteAllBytes(Path.Combine(directory, DataDirectory.IdxImagesFile), bytes);
                File.WriteAllBytes(Path.Combine(directory, DataDirectory.IdxLabelsFile), IdxReaderTests.Idx([1], [0]));
            }
            var data = DataDirectory.Load(directory, asCsv ? Features : Image, classes: 2);
            Assert.Equal(asCsv ? Features : Image, data.SampleShape);
        }
        catch (DataFormatException)
        {
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Property(MaxTest = 100)]
    public void Mutating_one_byte_of_a_valid_CSV_loads_or_fails_with_a_format_error(PositiveInt position, byte value)
    {
        var text = string.Join('\n', "2,3,no,yes", "0.5,1,2,1", "3,4,5,0");
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        bytes[position.Get % bytes.Length] = value;
        File.WriteAllBytes(PathOf(DataDirectory.CsvFile), bytes);
        try
        {
            var data = DataDirectory.Load(_directory, Features, classes: 2);
            Assert.True(data.Count == 2, data.Count.ToString(CultureInfo.InvariantCulture));
        }
        catch (DataFormatException)
        {
        }
    }
}
