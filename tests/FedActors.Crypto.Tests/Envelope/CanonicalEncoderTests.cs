using FedActors.Crypto.Envelope;
using FsCheck;
using FsCheck.Xunit;
using Xunit;

namespace FedActors.Crypto.Tests.Envelope;

public sealed class CanonicalEncoderTests
{
    private static byte[] Encode(string domain, string[] fields)
    {
        var encoder = new CanonicalEncoder(domain);
        foreach (var field in fields)
        {
            encoder.Add(field);
        }
        return encoder.ToArray();
    }

    [Property(MaxTest = 300)]
    public void Different_field_lists_never_encode_to_the_same_bytes(NonNull<string>[] first, NonNull<string>[] second)
    {
        var a = first.Select(f => f.Get).ToArray();
        var b = second.Select(f => f.Get).ToArray();
        var same = Encode("d", a).AsSpan().SequenceEqual(Encode("d", b));
        Assert.Equal(a.SequenceEqual(b), same);
    }

    [Fact]
    public void Moving_bytes_between_adjacent_fields_changes_the_encoding()
    {
        Assert.NotEqual(Encode("d", ["ab", "c"]), Encode("d", ["a", "bc"]));
        Assert.NotEqual(Encode("d", ["abc"]), Encode("d", ["ab", "c"]));
        Assert.NotEqual(Encode("d", [""]), Encode("d", []));
    }

    [Fact]
    public void The_domain_separates_otherwise_equal_field_lists()
    {
        Assert.NotEqual(Encode("fedactors/a/v1", ["x"]), Encode("fedactors/b/v1", ["x"]));
        Assert.NotEqual(Encode("ab", []), Encode("a", ["b"]));
    }

    [Fact]
    public void Field_types_are_distinguished_even_with_equal_bytes()
    {
        var asText = new CanonicalEncoder("d").Add("A").ToArray();
        var asBytes = new CanonicalEncoder("d").Add("A"u8).ToArray();
        Assert.NotEqual(asText, asBytes);
        Assert.NotEqual(new CanonicalEncoder("d").Add(1L).ToArray(), new CanonicalEncoder("d").Add(new byte[] { 0, 0, 0, 0, 0, 0, 0, 1 }).ToArray());
    }

    [Fact]
    public void Encoding_is_deterministic_and_documented()
    {
        var bytes = new CanonicalEncoder("d").Add(258L).ToArray();
        Assert.Equal(new byte[] { 0xD0, 0, 0, 0, 1, (byte)'d', 0x03, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 1, 2 }, bytes);
    }

    [Fact]
    public void An_empty_domain_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new CanonicalEncoder(" "));
    }
}
