using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace FedActors.Federation.Protocol;

/// <summary>
/// The hash every participant agrees on for a model: SHA-256 of its parameters as little-endian
/// float32 bytes. Two replicas with the same hash hold bit-identical parameters.
/// </summary>
public static class ModelHash
{
    /// <summary>The SHA-256 of <paramref name="parameters"/> as little-endian float32 bytes (32 bytes).</summary>
    public static byte[] Compute(ReadOnlySpan<float> parameters)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Model hashes are defined over little-endian float32 bytes; this platform is big-endian.");
        }
        return SHA256.HashData(MemoryMarshal.AsBytes(parameters));
    }

    /// <summary>Wraps <paramref name="parameters"/> in a <see cref="ModelParameters"/> message with its hash.</summary>
    public static ModelParameters ToMessage(ReadOnlySpan<float> parameters)
    {
        var message = new ModelParameters { Hash = Google.Protobuf.ByteString.CopyFrom(Compute(parameters)) };
        message.Values.Add(parameters.ToArray());
        return message;
    }

    /// <summary>The parameters of <paramref name="message"/>, after checking that they match its hash.</summary>
    /// <exception cref="ProtocolException">The parameters do not hash to the hash the message carries.</exception>
    public static float[] FromMessage(ModelParameters message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var values = message.Values.ToArray();
        if (!Compute(values).AsSpan().SequenceEqual(message.Hash.Span))
        {
            throw new ProtocolException($"The model parameters ({values.Length} values) do not match the hash the message carries; the model was corrupted in transit or by its sender.");
        }
        return values;
    }
}
