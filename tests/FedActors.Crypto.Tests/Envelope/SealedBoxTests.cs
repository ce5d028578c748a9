using System.Diagnostics;
using FedActors.Crypto.Envelope;
using Xunit;

namespace FedActors.Crypto.Tests.Envelope;

public sealed class SealedBoxTests : IDisposable
{
    private static readonly byte[] Context = "run-7/epoch-2"u8.ToArray();
    private readonly EcKeyPair _recipient = EcKeyPair.Generate();

    public void Dispose() => _recipient.Dispose();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1000)]
    public void A_sealed_message_opens_with_the_recipient_key_and_the_same_associated_data(int length)
    {
        var plaintext = new byte[length];
        Random.Shared.NextBytes(plaintext);
        var sealedMessage = SealedBox.Seal(_recipient.PublicKey, plaintext, Context);
        Assert.Equal(SealedBox.Overhead + length, sealedMessage.Length);
        Assert.Equal(plaintext, SealedBox.Open(_recipient, sealedMessage, Context));
    }

    [Fact]
    public void Sealing_twice_gives_different_bytes()
    {
        var a = SealedBox.Seal(_recipient.PublicKey, "same"u8, Context);
        var b = SealedBox.Seal(_recipient.PublicKey, "same"u8, Context);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Opening_with_another_key_names_both_key_ids()
    {
        using var other = EcKeyPair.Generate();
        var sealedMessage = SealedBox.Seal(_recipient.PublicKey, "secret"u8, Context);
        var e = Assert.Throws<EnvelopeException>(() => SealedBox.Open(other, sealedMessage, Context));
        Assert.Contains(_recipient.PublicKey.Id.ToString(), e.Message, StringComparison.Ordinal);
        Assert.Contains(other.PublicKey.Id.ToString(), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Opening_with_different_associated_data_fails_authentication()
    {
        var sealedMessage = SealedBox.Seal(_recipient.PublicKey, "secret"u8, Context);
        var e = Assert.Throws<EnvelopeException>(() => SealedBox.Open(_recipient, sealedMessage, "run-7/epoch-3"u8));
        Assert.Contains("failed authentication", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flipping_any_bit_of_a_sealed_message_is_detected()
    {
        var sealedMessage = SealedBox.Seal(_recipient.PublicKey, "a secret share"u8, Context);
        for (var i = 0; i < sealedMessage.Length; i++)
        {
            var modified = (byte[])sealedMessage.Clone();
            modified[i] ^= (byte)(1 << (i % 8));
            Assert.Throws<EnvelopeException>(() => SealedBox.Open(_recipient, modified, Context));
        }
    }

    [Fact]
    public void Malformed_headers_are_rejected_with_what_is_wrong()
    {
        var sealedMessage = SealedBox.Seal(_recipient.PublicKey, "x"u8, Context);
        Assert.Contains("at least", Assert.Throws<EnvelopeException>(() => SealedBox.Open(_recipient, sealedMessage.AsSpan(0, 50).ToArray(), Context)).Message, StringComparison.Ordinal);
        var badMagic = (byte[])sealedMessage.Clone();
        badMagic[0] = (byte)'X';
        Assert.Contains("magic", Assert.Throws<EnvelopeException>(() => SealedBox.Open(_recipient, badMagic, Context)).Message, StringComparison.Ordinal);
        var badVersion = (byte[])sealedMessage.Clone();
        badVersion[4] = 9;
        Assert.Contains("version 9", Assert.Throws<EnvelopeException>(() => SealedBox.Open(_recipient, badVersion, Context)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_and_mutated_inputs_fail_cleanly_and_quickly()
    {
        var random = new Random(20261122);
        var valid = SealedBox.Seal(_recipient.PublicKey, "payload"u8, Context);
        var clock = Stopwatch.StartNew();
        for (var round = 0; round < 2000; round++)
        {
            byte[] input;
            if (round % 2 == 0)
            {
                input = new byte[random.Next(0, 300)];
                random.NextBytes(input);
                if (input.Length >= 37 && round % 4 == 0)
                {
                    // Keep a valid prefix so mutations reach the point and authentication checks.
                    valid.AsSpan(0, 37).CopyTo(input);
                }
            }
            else
            {
                input = Mutate(valid, random);
            }
            try
            {
                SealedBox.Open(_recipient, input, Context);
                Assert.Equal(valid, input);
            }
            catch (EnvelopeException)
            {
            }
        }
        // Bounded time: 2,000 hostile inputs must not approach the test budget.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"fuzzing took {clock.Elapsed}");
    }

    internal static byte[] Mutate(byte[] valid, Random random)
    {
        var bytes = valid.ToList();
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits; e++)
        {
            switch (random.Next(3))
            {
                case 0 when bytes.Count > 0:
                    var at = random.Next(bytes.Count);
                    bytes[at] ^= (byte)random.Next(1, 256);
                    break;
                case 1 when bytes.Count > 0:
                    bytes.RemoveRange(random.Next(bytes.Count), 1);
                    break;
                default:
                    bytes.Insert(random.Next(bytes.Count + 1), (byte)random.Next(256));
                    break;
            }
        }
        return [.. bytes];
    }
}
