using System.Globalization;
using FedActors.Configuration.Values;
using FsCheck;
using FsCheck.Fluent;

namespace FedActors.Configuration.Tests.Properties;

/// <summary>FsCheck generators: random resolved configuration trees, and text that is more or less HOCON.</summary>
public static class ConfigGenerators
{
    private static readonly ConfigOrigin Origin = new("generated", 1, 1);

    /// <summary>Characters that exercise quoting: syntax characters, escapes, controls, non-ASCII and surrogates.</summary>
    private static readonly Gen<char> TrickyChar = Gen.Frequency(
        (6, Gen.Elements("abcxyz-_019 ".ToCharArray())),
        (3, Gen.Elements("$\"{}[]:=,+#`^?!@*&\\./\n\r\t\b\f\u0000\u007f\u00a0\u2028\ufeff".ToCharArray())),
        (2, Gen.Choose(0x80, 0xFFFF).Select(i => (char)i)));

    private static readonly Gen<string> Text = TrickyChar.ListOf().Select(chars => new string([.. chars]));

    private static readonly Gen<string> Key = Gen.Frequency(
        (3, Gen.Elements("a", "b", "name", "fedactors", "seed-nodes", "x_1", "10", "true", "null", "include")),
        (2, Text));

    private static readonly Gen<HoconValue> Scalar = Gen.OneOf(
        Text.Select(t => (HoconValue)new HoconScalar(ConfigValueType.String, t, Origin)),
        Gen.Choose(int.MinValue, int.MaxValue).Select(i => (HoconValue)Number(i.ToString(CultureInfo.InvariantCulture))),
        Gen.Choose(-1000, 1000).Zip(Gen.Choose(-30, 30)).Select(p => (HoconValue)Number((p.Item1 * Math.Pow(10, p.Item2) / 7).ToString("R", CultureInfo.InvariantCulture))),
        Gen.Elements("true", "false").Select(b => (HoconValue)new HoconScalar(ConfigValueType.Boolean, b, Origin)),
        Gen.Constant((HoconValue)new HoconScalar(ConfigValueType.Null, "null", Origin)));

    /// <summary>Random configurations: nested objects and lists of every value type, with tricky keys and strings.</summary>
    public static Arbitrary<Config> Configs() =>
        Gen.Sized(size => ObjectOf(Math.Min(size, 30), depth: 0)).Select(obj => new Config(obj, "")).ToArbitrary();

    /// <summary>Text assembled from HOCON tokens and noise: mostly almost-valid documents.</summary>
    public static Arbitrary<string> HoconLikeText()
    {
        var token = Gen.Frequency(
            (5, Gen.Elements("a", "b.c", "\"q\"", "=", ":", "+=", "{", "}", "[", "]", ",", "\n", " ", "${a}", "${?b.c}", "${", "1", "-2.5e3",
                "true", "null", "\"\"\"x\"\"\"", "#c\n", "//c\n", "include \"nothing.conf\"", "\\", "\"\\u12\"", "10s", "\"")),
            (1, Text));
        return token.ListOf().Select(tokens => string.Concat(tokens)).ToArbitrary();
    }

    /// <summary>Random byte arrays (as a parser would see a corrupted file).</summary>
    public static Arbitrary<byte[]> Bytes() =>
        Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf().ToArbitrary();

    private static HoconScalar Number(string text) => new(ConfigValueType.Number, text, Origin);

    private static Gen<HoconObject> ObjectOf(int size, int depth) =>
        Gen.Choose(0, Math.Max(0, Math.Min(size, 6)))
            .SelectMany(count => Key.Zip(ValueOf(size / 2, depth + 1)).ListOf(count))
            .Select(pairs =>
            {
                var fields = new OrderedDictionary<string, HoconValue>(StringComparer.Ordinal);
                foreach (var (key, value) in pairs)
                {
                    fields.TryAdd(key, value);
                }
                return new HoconObject(fields, Origin);
            });

    private static Gen<HoconValue> ValueOf(int size, int depth)
    {
        if (size <= 1 || depth > 5)
        {
            return Scalar;
        }
        var list = Gen.Choose(0, Math.Min(size, 5))
            .SelectMany(count => ValueOf(size / 2, depth + 1).ListOf(count))
            .Select(items => (HoconValue)new HoconList([.. items], Origin));
        return Gen.Frequency((4, Scalar), (2, ObjectOf(size, depth).Select(o => (HoconValue)o)), (1, list));
    }
}
