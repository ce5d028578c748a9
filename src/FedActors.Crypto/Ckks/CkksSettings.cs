using FedActors.Configuration;

namespace FedActors.Crypto.Ckks;

/// <summary>
/// The CKKS settings of <c>fedactors.crypto</c>: which named parameter set a federation uses and how many threads
/// encrypt a long vector. Only registry names are accepted, and the registry holds only 128-bit secure sets, so an
/// insecure set can never come from configuration. Flooding settings (<c>fedactors.crypto.flooding.*</c>) belong to
/// the Multiparty layer (<c>FloodingSettings</c>).
/// </summary>
public sealed class CkksSettings
{
    /// <summary>The HOCON key of <see cref="ParameterSet"/>.</summary>
    public const string ParameterSetKey = "fedactors.crypto.parameter-set";

    /// <summary>The HOCON key of <see cref="EncryptionThreads"/>.</summary>
    public const string EncryptionThreadsKey = "fedactors.crypto.encryption-threads";

    /// <summary>Creates validated settings.</summary>
    /// <exception cref="ArgumentException">The set name is unknown or the thread count is negative; the message names the key and value.</exception>
    public CkksSettings(string parameterSet = CkksParameterSets.AggregationDefault, int encryptionThreads = 1)
    {
        ArgumentNullException.ThrowIfNull(parameterSet);
        if (!CkksParameterSets.Names.Contains(parameterSet))
        {
            throw new ArgumentException($"{ParameterSetKey} must be one of {string.Join(", ", CkksParameterSets.Names)}, was \"{parameterSet}\"", nameof(parameterSet));
        }
        if (encryptionThreads < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(encryptionThreads), encryptionThreads, $"{EncryptionThreadsKey} must be >= 0, was {encryptionThreads}");
        }
        ParameterSet = parameterSet;
        EncryptionThreads = encryptionThreads;
    }

    /// <summary>The defaults: aggregation-default, one encryption thread.</summary>
    public static CkksSettings Default { get; } = new();

    /// <summary>The registry name of the parameter set.</summary>
    public string ParameterSet { get; }

    /// <summary>Threads that encrypt the ciphertexts of one vector; 0 means one per processor.</summary>
    public int EncryptionThreads { get; }

    /// <summary>The thread count to use: <see cref="EncryptionThreads"/>, or the processor count when it is 0.</summary>
    public int EffectiveEncryptionThreads => EncryptionThreads == 0 ? Environment.ProcessorCount : EncryptionThreads;

    /// <summary>The named parameter set.</summary>
    public CkksParameters Parameters => CkksParameterSets.Get(ParameterSet);

    /// <summary>Reads the settings from <paramref name="config"/>, defaulting absent keys.</summary>
    /// <exception cref="ArgumentException">A value is invalid (the message names the key and value).</exception>
    public static CkksSettings FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var set = config.HasPath(ParameterSetKey) ? config.GetString(ParameterSetKey) : CkksParameterSets.AggregationDefault;
        var threads = config.HasPath(EncryptionThreadsKey) ? config.GetInt(EncryptionThreadsKey) : 1;
        return new CkksSettings(set, threads);
    }
}
