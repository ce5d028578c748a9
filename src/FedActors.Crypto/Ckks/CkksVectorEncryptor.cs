using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Ckks;

/// <summary>
/// Encodes and encrypts a vector of any length in one call, as many ciphertexts as it needs, with the set's encoding
/// and scale. Ciphertexts can be produced in parallel (<c>maxDegreeOfParallelism</c>) unless the encryptor draws from
/// a deterministic source, whose replay requires one fixed order.
/// </summary>
public sealed class CkksVectorEncryptor
{
    private readonly CkksParameters _parameters;
    private readonly Encryptor _encryptor;
    private readonly CoefficientEncoder _coefficients;
    private readonly SlotEncoder? _slots;
    private readonly int _maxDegreeOfParallelism;

    /// <summary>Creates a vector encryptor over <paramref name="encryptor"/> using at most <paramref name="maxDegreeOfParallelism"/> threads.</summary>
    public CkksVectorEncryptor(CkksParameters parameters, Encryptor encryptor, int maxDegreeOfParallelism = 1)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(encryptor);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDegreeOfParallelism, 1);
        _parameters = parameters;
        _encryptor = encryptor;
        _coefficients = new CoefficientEncoder(parameters.Rlwe);
        _slots = parameters.Encoding == PlaintextEncoding.Slots ? new SlotEncoder(parameters.Rlwe) : null;
        _maxDegreeOfParallelism = encryptor.IsDeterministic ? 1 : maxDegreeOfParallelism;
    }

    /// <summary>Encrypts <paramref name="values"/>.</summary>
    /// <exception cref="ArgumentException">A value is NaN or infinite; the message names its index in the whole vector.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value overflows the modulus at the set's scale; the message names its index.</exception>
    public EncryptedVector Encrypt(ReadOnlyMemory<double> values) =>
        new(values.Length, _parameters.ValuesPerCiphertext, Encrypt(values, ciphertext => ciphertext));

    /// <summary>
    /// Encrypts <paramref name="values"/> and hands each ciphertext to <paramref name="convert"/> as soon as it is made
    /// (e.g. to serialize it), returning the results in order: the ciphertexts need not all be alive at once, which
    /// spares the garbage collector from promoting them. Randomness is drawn exactly as by
    /// <see cref="Encrypt(ReadOnlyMemory{double})"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A value is NaN or infinite; the message names its index in the whole vector.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value overflows the modulus at the set's scale; the message names its index.</exception>
    public T[] Encrypt<T>(ReadOnlyMemory<double> values, Func<Ciphertext, T> convert)
    {
        ArgumentNullException.ThrowIfNull(convert);
        var per = _parameters.ValuesPerCiphertext;
        var count = (values.Length + per - 1) / per;
        var results = new T[count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = _maxDegreeOfParallelism };
        try
        {
            Parallel.For(0, count, options, k => results[k] = convert(EncryptChunk(values.Span, k, per)));
        }
        catch (AggregateException error) when (error.InnerExceptions.Count > 0)
        {
            // Report the encoder's own exception (which names the offending index), not the parallel wrapper.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error.InnerExceptions[0]).Throw();
        }
        return results;
    }

    private Ciphertext EncryptChunk(ReadOnlySpan<double> values, int k, int per)
    {
        var start = k * per;
        var chunk = values.Slice(start, Math.Min(per, values.Length - start));
        var plaintext = _slots is not null
            ? _slots.Encode(chunk, _parameters.Scale, -1, start)
            : _coefficients.Encode(chunk, _parameters.Scale, -1, start);
        return _encryptor.Encrypt(plaintext);
    }
}
