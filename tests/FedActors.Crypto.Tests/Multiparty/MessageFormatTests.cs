using FedActors.Crypto.Multiparty;
using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Tests.Multiparty;

/// <summary>Every Multiparty message: round trip, header validation, and fuzzing with random and mutated bytes.</summary>
public sealed class MessageFormatTests : IClassFixture<MessageFormatTests.Samples>
{
    private readonly Samples _samples;

    public MessageFormatTests(Samples samples)
    {
        _samples = samples;
    }

    public sealed class Samples : IDisposable
    {
        public Samples()
        {
            Parameters = TestRings.Tiny;
            Committee = TestCommittee.Create(Parameters, 3, 2, label: "formats");
            using var contribution = CrsContribution.Create(Parameters, 1, 2, Committee.Random);
            var protocol = new PublicKeyGenProtocol(Parameters, Committee.Random);
            var crp = protocol.SampleCrp(new byte[32], 1);
            var thresholdizer = new Thresholdizer(Parameters, Committee.Random);
            using var polynomial = thresholdizer.GenShamirPolynomial(2, Committee.Secrets[0], 1, 1);
            var ciphertext = Committee.Encrypt(new double[Parameters.N], 1 << 20);
            var keys = Committee.AdditiveKeys([1, 2]);
            var generator = new KeyGenerator(Parameters, Committee.Random);
            var target = generator.GenPublicKey(generator.GenSecretKey());
            var aggregate = protocol.AllocateShare(1);
            protocol.AggregateShares(protocol.GenShare(Committee.Secrets[1], crp, 1, 2), aggregate);
            Messages = new (string, byte[], Func<byte[], object>)[]
            {
                ("commitment", contribution.Commit().ToBytes(Parameters), b => CrsCommitment.FromBytes(Parameters, b)),
                ("reveal", contribution.Reveal().ToBytes(Parameters), b => CrsReveal.FromBytes(Parameters, b)),
                ("public-key share", protocol.GenShare(Committee.Secrets[0], crp, 1, 1).ToBytes(), b => PublicKeyShare.FromBytes(Parameters, b)),
                ("aggregate", aggregate.ToBytes(), b => PublicKeyShare.FromBytes(Parameters, b)),
                ("threshold share", thresholdizer.GenShare(polynomial, 3).ToBytes(), b => ThresholdShare.FromBytes(Parameters, b)),
                ("threshold key", Committee.ThresholdKeys[1].ToBytes(), b => ThresholdSecretKey.FromBytes(Parameters, b)),
                ("decryption share", new DecryptionShareProtocol(Parameters, FloodingSettings.Default, Committee.Random).GenShare(keys[0], ciphertext, ciphertext.Noise, Committee.Records[1]).ToBytes(), b => DecryptionShare.FromBytes(Parameters, b)),
                ("re-encryption share", new PublicKeySwitchProtocol(Parameters, FloodingSettings.Default, Committee.Random).GenShare(keys[1], ciphertext, target, ciphertext.Noise, Committee.Records[2]).ToBytes(), b => PublicKeySwitchShare.FromBytes(Parameters, b)),
            };
        }

        internal RlweParameters Parameters { get; }

        internal TestCommittee Committee { get; }

        internal (string Name, byte[] Bytes, Func<byte[], object> Read)[] Messages { get; }

        public void Dispose() => Committee.Dispose();
    }

    public static TheoryData<int> Kinds => new(Enumerable.Range(0, 8));

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_message_round_trips_to_the_same_bytes(int kind)
    {
        var (name, bytes, read) = _samples.Messages[kind];
        var copy = read(bytes);
        var again = copy switch
        {
            CrsCommitment c => c.ToBytes(_samples.Parameters),
            CrsReveal r => r.ToBytes(_samples.Parameters),
            PublicKeyShare p => p.ToBytes(),
            ThresholdShare t => t.ToBytes(),
            ThresholdSecretKey k => k.ToBytes(),
            DecryptionShare d => d.ToBytes(),
            PublicKeySwitchShare s => s.ToBytes(),
            _ => throw new InvalidOperationException(name),
        };
        Assert.Equal(bytes, again);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Messages_of_other_parameters_or_kinds_are_refused(int kind)
    {
        var (_, bytes, read) = _samples.Messages[kind];
        var otherKind = _samples.Messages[(kind + 2) % 8].Bytes;
        Assert.Throws<CryptoFormatException>(() => read(otherKind));
        var foreign = (byte[])bytes.Clone();
        foreign[6] ^= 0xFF;
        Assert.Equal("header.fingerprint", Assert.Throws<CryptoFormatException>(() => read(foreign)).Field);
        Assert.Equal("length", Assert.Throws<CryptoFormatException>(() => read([.. bytes, 0])).Field);
        Assert.Throws<CryptoFormatException>(() => read(bytes[..^1]));
    }

    [Fact]
    public void A_residue_at_or_above_its_prime_is_refused()
    {
        var (_, bytes, read) = _samples.Messages[5];
        var corrupt = (byte[])bytes.Clone();
        // The polynomial is the tail; its first residue starts right after the committee list. Saturate its bits.
        var polynomialStart = corrupt.Length - MessageWriterLength(_samples.Parameters);
        for (var k = 0; k < 5; k++)
        {
            corrupt[polynomialStart + k] = 0xFF;
        }
        Assert.StartsWith("value.limb[0][0]", Assert.Throws<CryptoFormatException>(() => read(corrupt)).Field);
    }

    [Fact]
    public void Random_and_mutated_bytes_fail_cleanly()
    {
        var random = new Random(4242);
        var accepted = 0;
        for (var round = 0; round < 3000; round++)
        {
            var (_, original, read) = _samples.Messages[round % 8];
            byte[] input;
            switch (round % 3)
            {
                case 0:
                    input = new byte[random.Next(0, original.Length + 64)];
                    random.NextBytes(input);
                    break;
                case 1:
                    input = (byte[])original.Clone();
                    for (var flips = random.Next(1, 8); flips > 0; flips--)
                    {
                        input[random.Next(input.Length)] ^= (byte)(1 << random.Next(8));
                    }
                    break;
                default:
                    input = original[..random.Next(0, original.Length)];
                    break;
            }
            try
            {
                read(input);
                accepted++;
            }
            catch (CryptoFormatException)
            {
            }
        }
        // Mutations inside a polynomial can stay valid (residues below their primes); anything else must be refused.
        Assert.True(accepted < 1000, $"{accepted} of 3000 mangled inputs were accepted");
    }

    private static int MessageWriterLength(RlweParameters parameters)
    {
        var bits = parameters.Q.Sum(q => (long)(64 - ulong.LeadingZeroCount(q)) * parameters.N);
        return (int)((bits + 7) / 8);
    }
}
