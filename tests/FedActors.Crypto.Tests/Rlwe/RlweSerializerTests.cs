using System.Diagnostics;
using FedActors.Crypto.Ring;
using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Tests.Rlwe;

public sealed class RlweSerializerTests : IDisposable
{
    private readonly RlweParameters _parameters = TestRings.Tiny;
    private readonly SeededRandomSource _random = SeededRandomSource.FromLabel("serializer", 1);
    private readonly SecretKey _secretKey;
    private readonly PublicKey _publicKey;

    public RlweSerializerTests()
    {
        var keys = new KeyGenerator(_parameters, _random);
        _secretKey = keys.GenSecretKey();
        _publicKey = keys.GenPublicKey(_secretKey);
    }

    public void Dispose()
    {
        _secretKey.Dispose();
        _random.Dispose();
    }

    [Fact]
    public void Keys_ciphertexts_and_plaintexts_round_trip()
    {
        var (_, plaintext) = EncryptionTests.RandomMessage(1, 1 << 20, parameters: _parameters);
        var ciphertext = new Encryptor(_parameters, _publicKey, _random).Encrypt(plaintext);
        var loadedCiphertext = RlweSerializer.DeserializeCiphertext(RlweSerializer.Serialize(ciphertext, _parameters), _parameters);
        Assert.True(ciphertext.C0.ContentEquals(loadedCiphertext.C0) && ciphertext.C1.ContentEquals(loadedCiphertext.C1));
        Assert.Equal((ciphertext.Scale, ciphertext.MessageBound, ciphertext.Noise, ciphertext.Encoding),
            (loadedCiphertext.Scale, loadedCiphertext.MessageBound, loadedCiphertext.Noise, loadedCiphertext.Encoding));

        var loadedPublic = RlweSerializer.DeserializePublicKey(RlweSerializer.Serialize(_publicKey, _parameters), _parameters);
        Assert.True(loadedPublic.P0.ContentEquals(_publicKey.P0) && loadedPublic.P1.ContentEquals(_publicKey.P1));
        Assert.Equal(_publicKey.ErrorVariance, loadedPublic.ErrorVariance);

        using var loadedSecret = RlweSerializer.DeserializeSecretKey(RlweSerializer.Serialize(_secretKey, _parameters), _parameters);
        Assert.True(loadedSecret.Value.ContentEquals(_secretKey.Value));

        var loadedPlaintext = RlweSerializer.DeserializePlaintext(RlweSerializer.Serialize(plaintext, _parameters), _parameters);
        Assert.True(loadedPlaintext.Value.ContentEquals(plaintext.Value));
    }

    [Fact]
    public void A_seeded_ciphertext_stores_its_seed_instead_of_c1_and_is_regenerated_on_load()
    {
        var (message, plaintext) = EncryptionTests.RandomMessage(2, 1 << 20, parameters: _parameters);
        var ciphertext = new Encryptor(_parameters, _secretKey, _random).Encrypt(plaintext);
        var bytes = RlweSerializer.Serialize(ciphertext, _parameters);
        Assert.Equal(RlweSerializer.CiphertextLength(_parameters, ciphertext.Level, seeded: true), bytes.Length);
        Assert.True(bytes.Length < 0.6 * RlweSerializer.CiphertextLength(_parameters, ciphertext.Level, seeded: false));
        var loaded = RlweSerializer.DeserializeCiphertext(bytes, _parameters);
        Assert.True(loaded.C1.ContentEquals(ciphertext.C1));
        var noise = EncryptionTests.NoiseOf(new Decryptor(_parameters, _secretKey).Decrypt(loaded), message);
        Assert.All(noise, e => Assert.True(Math.Abs(e) <= _parameters.ErrorBound));
    }

    [Fact]
    public void Coefficients_are_packed_to_the_width_of_their_prime()
    {
        var ciphertext = new Encryptor(_parameters, _publicKey, _random).EncryptZero();
        var bits = _parameters.Q.Sum(q => 64 - System.Numerics.BitOperations.LeadingZeroCount(q)) * _parameters.N;
        Assert.Equal(RlweBinaryWriter.HeaderLength + 27 + 2 * ((bits + 7) / 8), RlweSerializer.Serialize(ciphertext, _parameters).Length);
    }

    [Theory]
    [InlineData(6, 28, 28)]
    [InlineData(7, 43, 61)]
    [InlineData(5, 61, 17)]
    public void Residues_are_a_little_endian_bit_stream_in_limb_order_and_read_back_from_bytes_or_memory(int logN, int firstBits, int secondBits)
    {
        var parameters = RlweParameters.InsecureForTests(logN, [firstBits, secondBits], [firstBits]);
        var ring = parameters.RingQ;
        var random = new Random(logN + firstBits);
        var polynomial = ring.NewPolynomial();
        for (var i = 0; i < polynomial.LimbCount; i++)
        {
            var limb = polynomial.Limb(i);
            for (var j = 0; j < limb.Length; j++)
            {
                // Extremes as well as random residues: 0 and q − 1 touch every bit of the width.
                limb[j] = (j % 3) switch { 0 => 0, 1 => ring.Moduli[i].Value - 1, _ => (ulong)random.NextInt64((long)ring.Moduli[i].Value) };
            }
        }
        var writer = new RlweBinaryWriter(parameters, RlweSerializer.PlaintextKind);
        writer.WritePolynomial(polynomial, ring);
        var bytes = writer.ToArray();

        // Reference: residue k of the stream occupies bits [Σ widths before it, + width), least significant bit first.
        var expected = new byte[RlweBinaryWriter.PackedLength(ring, polynomial.LimbCount)];
        var position = 0L;
        for (var i = 0; i < polynomial.LimbCount; i++)
        {
            foreach (var value in polynomial.Limb(i))
            {
                for (var b = 0; b < ring.Moduli[i].BitLength; b++, position++)
                {
                    expected[position >> 3] |= (byte)(((value >> b) & 1) << (int)(position & 7));
                }
            }
        }
        Assert.Equal(expected, bytes[RlweBinaryWriter.HeaderLength..]);
        var fromSpan = new RlweBinaryReader(parameters, bytes, RlweSerializer.PlaintextKind).ReadPolynomial(ring, polynomial.LimbCount, "p");
        var fromMemory = new RlweBinaryReader(parameters, bytes.AsMemory(), RlweSerializer.PlaintextKind).ReadPolynomial(ring, polynomial.LimbCount, "p");
        Assert.True(fromSpan.ContentEquals(polynomial) && fromMemory.ContentEquals(polynomial));
    }

    [Fact]
    public void A_ciphertext_loads_alike_from_a_span_and_from_memory()
    {
        var ciphertext = new Encryptor(_parameters, _publicKey, _random).EncryptZero();
        var bytes = RlweSerializer.Serialize(ciphertext, _parameters);
        Assert.Equal(RlweSerializer.CiphertextLength(_parameters, ciphertext.Level, seeded: false), bytes.Length);
        var fromSpan = RlweSerializer.DeserializeCiphertext(bytes.AsSpan(), _parameters);
        var fromMemory = RlweSerializer.DeserializeCiphertext(bytes.AsMemory(), _parameters);
        Assert.True(fromSpan.C0.ContentEquals(fromMemory.C0) && fromSpan.C1.ContentEquals(fromMemory.C1) && fromMemory.C1.ContentEquals(ciphertext.C1));
        Assert.Throws<CryptoFormatException>(() => RlweSerializer.DeserializeCiphertext(bytes.AsMemory(0, bytes.Length - 1), _parameters));
    }

    [Fact]
    public void Each_malformed_field_is_named()
    {
        var bytes = RlweSerializer.Serialize(new Encryptor(_parameters, _publicKey, _random).EncryptZero(), _parameters);
        AssertField("header.magic", Mutate(bytes, 0, 0x00));
        AssertField("header.version", Mutate(bytes, 4, 9));
        AssertField("header.kind", Mutate(bytes, 5, RlweSerializer.PublicKeyKind));
        AssertField("header.fingerprint", Mutate(bytes, 10, (byte)(bytes[10] ^ 1)));
        AssertField("level", Mutate(bytes, RlweBinaryWriter.HeaderLength, 7));
        AssertField("encoding", Mutate(bytes, RlweBinaryWriter.HeaderLength + 1, 9));
        AssertField("flags", Mutate(bytes, RlweBinaryWriter.HeaderLength + 2, 4));
        AssertField("scale", Replace(bytes, RlweBinaryWriter.HeaderLength + 3, BitConverter.GetBytes(double.NaN)));
        AssertField("messageBound", Replace(bytes, RlweBinaryWriter.HeaderLength + 11, BitConverter.GetBytes(-1.0)));
        AssertField("c0.limb[0][0]", Replace(bytes, RlweBinaryWriter.HeaderLength + 27, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]));
        AssertField("c1", bytes[..^5]);
        AssertField("length", [.. bytes, 0]);
        AssertField("header", bytes[..10]);
        var other = RlweParameters.InsecureForTests(6, [40, 41], [30]);
        Assert.Equal("header.fingerprint", Assert.Throws<CryptoFormatException>(() => RlweSerializer.DeserializeCiphertext(bytes, other)).Field);
    }

    [Fact]
    public void Random_and_mutated_inputs_give_a_format_error_or_a_valid_object_never_a_crash_and_quickly()
    {
        var random = new Random(42);
        var valid = new[]
        {
            (RlweSerializer.Serialize(new Encryptor(_parameters, _publicKey, _random).EncryptZero(), _parameters), 0),
            (RlweSerializer.Serialize(new Encryptor(_parameters, _secretKey, _random).EncryptZero(), _parameters), 0),
            (RlweSerializer.Serialize(_publicKey, _parameters), 1),
            (RlweSerializer.Serialize(_secretKey, _parameters), 2),
            (RlweSerializer.Serialize(EncryptionTests.RandomMessage(3, 100, parameters: _parameters).Plaintext, _parameters), 3),
        };
        var stopwatch = Stopwatch.StartNew();
        for (var iteration = 0; iteration < 4000; iteration++)
        {
            var (source, kind) = valid[iteration % valid.Length];
            byte[] input;
            switch (iteration % 4)
            {
                case 0:
                    input = new byte[random.Next(0, 2 * source.Length)];
                    random.NextBytes(input);
                    if (iteration % 8 == 0 && input.Length >= RlweBinaryWriter.HeaderLength)
                    {
                        source.AsSpan(0, RlweBinaryWriter.HeaderLength).CopyTo(input);
                    }
                    break;
                case 1:
                    input = (byte[])source.Clone();
                    for (var flips = random.Next(1, 8); flips > 0; flips--)
                    {
                        input[random.Next(input.Length)] ^= (byte)(1 << random.Next(8));
                    }
                    break;
                case 2:
                    input = source[..random.Next(source.Length)];
                    break;
                default:
                    input = [.. source, .. Enumerable.Range(0, random.Next(1, 40)).Select(_ => (byte)random.Next(256))];
                    break;
            }
            try
            {
                Load(input, kind);
            }
            catch (CryptoFormatException)
            {
            }
        }
        // A generous bound for 4,000 parses of objects of a few kilobytes on a loaded machine; a hang would blow it.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(60), $"{stopwatch.Elapsed}");
    }

    private void Load(byte[] input, int kind)
    {
        switch (kind)
        {
            case 0:
                RlweSerializer.DeserializeCiphertext(input, _parameters);
                break;
            case 1:
                RlweSerializer.DeserializePublicKey(input, _parameters);
                break;
            case 2:
                RlweSerializer.DeserializeSecretKey(input, _parameters).Dispose();
                break;
            default:
                RlweSerializer.DeserializePlaintext(input, _parameters);
                break;
        }
    }

    private void AssertField(string field, byte[] input) =>
        Assert.Equal(field, Assert.Throws<CryptoFormatException>(() => RlweSerializer.DeserializeCiphertext(input, _parameters)).Field);

    private static byte[] Mutate(byte[] bytes, int index, byte value)
    {
        var copy = (byte[])bytes.Clone();
        copy[index] = value;
        return copy;
    }

    private static byte[] Replace(byte[] bytes, int index, byte[] values)
    {
        var copy = (byte[])bytes.Clone();
        values.CopyTo(copy, index);
        return copy;
    }
}
