using FedActors.Configuration;
using FedActors.Learning.Data;
using FedActors.Learning.Kernels.Gemm;

namespace FedActors.Learning;

/// <summary>
/// The <c>fedactors.learning</c> settings: data cache directory, trainer worker count and GEMM
/// backend. Immutable and validated on construction, with messages naming the key.
/// </summary>
public sealed class LearningSettings
{
    /// <summary>Creates the settings from plain values.</summary>
    /// <param name="dataCache"><c>data-cache</c>: where fetched data sets are kept; empty for the user's cache directory.</param>
    /// <param name="trainerWorkers"><c>trainer-workers</c>: worker threads that train clients; 0 for one per processor.</param>
    /// <param name="gemmBackend"><c>gemm-backend</c>: matrix-multiply implementation.</param>
    /// <exception cref="ArgumentOutOfRangeException">trainer-workers is negative.</exception>
    public LearningSettings(string? dataCache = null, int trainerWorkers = 0, GemmBackend gemmBackend = GemmBackend.Auto)
    {
        if (trainerWorkers < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(trainerWorkers), trainerWorkers, $"fedactors.learning.trainer-workers must be >= 0 (0 = one per processor), was {trainerWorkers}");
        }
        DataCache = new DataCache(dataCache);
        TrainerWorkers = trainerWorkers == 0 ? Environment.ProcessorCount : trainerWorkers;
        GemmBackend = gemmBackend;
    }

    /// <summary>Reads the <c>fedactors.learning</c> section (pass that section, e.g. <c>config.GetConfig("fedactors.learning")</c>).</summary>
    /// <exception cref="ConfigException">A key is missing, has the wrong type or an invalid value; the message is located and names the key.</exception>
    public static LearningSettings FromConfig(Config config)
    {
        var workers = config.GetInt("trainer-workers");
        if (workers < 0)
        {
            throw config.Invalid("trainer-workers", "must be >= 0 (0 = one per processor)");
        }
        var backend = TryParseGemmBackend(config.GetString("gemm-backend")) ?? throw config.Invalid("gemm-backend", "must be auto, openblas or managed");
        return new LearningSettings(config.GetString("data-cache"), workers, backend);
    }

    /// <summary>The data cache.</summary>
    public DataCache DataCache { get; }

    /// <summary>Worker threads of the trainer pool (resolved: never 0).</summary>
    public int TrainerWorkers { get; }

    /// <summary>The configured GEMM backend.</summary>
    public GemmBackend GemmBackend { get; }

    /// <summary>Parses a <c>gemm-backend</c> value: <c>auto</c>, <c>openblas</c> or <c>managed</c>.</summary>
    /// <exception cref="ArgumentException">The value is none of these.</exception>
    public static GemmBackend ParseGemmBackend(string value) =>
        TryParseGemmBackend(value) ?? throw new ArgumentException($"fedactors.learning.gemm-backend must be auto, openblas or managed, was '{value}'.");

    private static GemmBackend? TryParseGemmBackend(string value) => value switch
    {
        "auto" => GemmBackend.Auto,
        "openblas" => GemmBackend.OpenBlas,
        "managed" => GemmBackend.Managed,
        _ => null,
    };

    /// <summary>The matrix-multiply implementation these settings select.</summary>
    public IGemm CreateGemm() => GemmFactory.Create(GemmBackend);
}
