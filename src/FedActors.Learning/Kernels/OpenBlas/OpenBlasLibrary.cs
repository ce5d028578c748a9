using System.Runtime.InteropServices;

namespace FedActors.Learning.Kernels.OpenBlas;

/// <summary>
/// The process-wide binding to OpenBLAS, resolved once at run time with
/// <see cref="NativeLibrary.TryLoad(string, out IntPtr)"/>; nothing is linked at build time, so the
/// library is optional. Exposes <c>cblas_sgemm</c> and the thread-count controls.
/// </summary>
public static unsafe class OpenBlasLibrary
{
    /// <summary>The shared-object name looked up through the dynamic loader (Debian's <c>libopenblas0</c>).</summary>
    public const string LibraryName = "libopenblas.so.0";

    private static readonly delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> Sgemm;
    private static readonly delegate* unmanaged<int, void> SetNumThreads;
    private static readonly delegate* unmanaged<int> GetNumThreads;
    private static readonly delegate* unmanaged<byte*> GetConfig;

    static OpenBlasLibrary()
    {
        if (!NativeLibrary.TryLoad(LibraryName, out var handle))
        {
            return;
        }
        if (!NativeLibrary.TryGetExport(handle, "cblas_sgemm", out var sgemm))
        {
            return;
        }
        Sgemm = (delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)sgemm;
        if (NativeLibrary.TryGetExport(handle, "openblas_set_num_threads", out var set))
        {
            SetNumThreads = (delegate* unmanaged<int, void>)set;
        }
        if (NativeLibrary.TryGetExport(handle, "openblas_get_num_threads", out var get))
        {
            GetNumThreads = (delegate* unmanaged<int>)get;
        }
        if (NativeLibrary.TryGetExport(handle, "openblas_get_config", out var config))
        {
            GetConfig = (delegate* unmanaged<byte*>)config;
        }
        Path = FindLoadedPath() ?? LibraryName;
    }

    /// <summary>True when the library loaded and exports <c>cblas_sgemm</c>.</summary>
    public static bool IsAvailable => Sgemm != null;

    /// <summary>The file the loader resolved (from <c>/proc/self/maps</c>), or null when the library is not loaded.</summary>
    public static string? Path { get; }

    /// <summary>OpenBLAS's build description (version, core, threading model), or null when unavailable.</summary>
    public static string? Configuration => GetConfig == null ? null : Marshal.PtrToStringUTF8((IntPtr)GetConfig());

    /// <summary>The number of threads OpenBLAS uses per call, or 0 when unavailable.</summary>
    public static int Threads => GetNumThreads == null ? 0 : GetNumThreads();

    /// <summary>
    /// Sets the number of threads OpenBLAS uses per call, for the whole process. Trainer workers set 1:
    /// OpenBLAS's own threads on top of several workers oversubscribe the cores.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is not positive.</exception>
    public static void SetThreads(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads);
        if (SetNumThreads != null)
        {
            SetNumThreads(threads);
        }
    }

    /// <summary>Calls <c>cblas_sgemm</c> in row-major order; the caller has validated the arguments.</summary>
    internal static void Gemm(
        bool transposeA, bool transposeB, int m, int n, int k,
        float alpha, float* a, int lda, float* b, int ldb, float beta, float* c, int ldc)
    {
        const int RowMajor = 101, NoTrans = 111, Trans = 112;
        Sgemm(RowMajor, transposeA ? Trans : NoTrans, transposeB ? Trans : NoTrans, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    private static string? FindLoadedPath()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/maps"))
            {
                var at = line.IndexOf('/');
                if (at >= 0 && line.Contains("libopenblas", StringComparison.Ordinal))
                {
                    return line[at..];
                }
            }
        }
        catch (IOException)
        {
            // Not Linux or /proc not mounted: the path is informational only.
        }
        catch (UnauthorizedAccessException)
        {
            // Same: report the name instead of the path.
        }
        return null;
    }
}
