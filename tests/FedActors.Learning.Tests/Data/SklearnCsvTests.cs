using FedActors.Learning.Data;
using FsCheck.Xunit;
using Xunit;

namespace FedActors.Learning.Tests.Data;

public sealed class SklearnCsvTests
{
    private const string Valid = "3,2,malignant,benign\n1.5,2,0\n3,4e-1,1\n-1,0,1\n";

    [Fact]
    public void A_valid_file_gives_features_labels_and_class_names()
    {
        var (x, y, names) = SklearnCsv.Parse(Valid, "valid.csv");
        Assert.Equal([1.5f, 2f, 3f, 0.4f, -1f, 0f], x);
        Assert.Equal([0, 1, 1], y);
        Assert.Equal(["malignant", "benign"], names);
    }

    [Theory]
    [InlineData("x,2,a,b\n1,2,0\n", "header")]
    [InlineData("1,2,a\n1,2,0\n", "header")]
    [InlineData("2,2,a,b\n1,2,0\n", "announces 2 samples, the file has 1 rows")]
    [InlineData("1,2,a,b\n1,0\n", "expected 3 fields")]
    [InlineData("1,2,a,b\n1,zz,0\n", "not a finite number")]
    [InlineData("1,2,a,b\n1,NaN,0\n", "not a finite number")]
    [InlineData("1,2,a,b\n1,2,2\n", "not a class index")]
    [InlineData("1,2,a,b\n1,2,-1\n", "not a class index")]
    [InlineData("99999999,2,a,b\n", "header")]
    public void Malformed_files_are_rejected_with_the_line_and_problem(string text, string expected)
    {
        var ex = Assert.Throws<DataFormatException>(() => SklearnCsv.Parse(text, "bad.csv"));
        Assert.Contains("bad.csv", ex.Message);
        Assert.Contains(expected, ex.Message);
    }

    [Property(MaxTest = 500)]
    public void Mutated_files_either_parse_consistently_or_fail_with_a_format_error(int position, char value)
    {
        var chars = Valid.ToCharArray();
        chars[(int)((uint)position % chars.Length)] = value;
        try
        {
            var (x, y, names) = SklearnCsv.Parse(new string(chars), "mutated.csv");
            Assert.Equal(x.Length, y.Length * (x.Length / Math.Max(1, y.Length)));
            Assert.All(y, label => Assert.InRange(label, 0, names.Length - 1));
        }
        catch (DataFormatException)
        {
        }
    }

    [Property(MaxTest = 300)]
    public void Random_text_either_parses_or_fails_with_a_format_error(string text)
    {
        try
        {
            SklearnCsv.Parse(text ?? "", "random.csv");
        }
        catch (DataFormatException)
        {
        }
    }
}
