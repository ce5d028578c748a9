using System.CommandLine;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using FedActors.Configuration;
using FedActors.Learning;
using FedActors.Learning.Kernels.OpenBlas;
using Spectre.Console;

namespace FedActors.Cli.Commands;

/// <summary>The <c>fedactors info</c> command: version, runtime, SIMD support and the learning backend in use.</summary>
public static class InfoCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var command = new Command("info", "Show version, runtime, SIMD support and the matrix-multiply backend in use.");
        command.SetAction(_ =>
        {
            var settings = LearningSettings.FromConfig(ConfigFactory.Reference.GetConfig("fedactors.learning"));
            var gemm = settings.CreateGemm();
            var version = typeof(InfoCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            var table = new Table().AddColumns("", "").HideHeaders();
            table.AddRow("version", Markup.Escape(version));
            table.AddRow("runtime", Markup.Escape($"{RuntimeInformation.FrameworkDescription} on {RuntimeInformation.OSDescription} ({RuntimeInformation.ProcessArchitecture})"));
            table.AddRow("processors", Environment.ProcessorCount.ToString());
            table.AddRow("SIMD", Markup.Escape(string.Join(", ", Simd())));
            table.AddRow("GEMM backend", $"{gemm.Name} (gemm-backend = {settings.GemmBackend.ToString().ToLowerInvariant()})");
            table.AddRow("OpenBLAS", OpenBlasLibrary.IsAvailable
                ? Markup.Escape($"{OpenBlasLibrary.Path}, {OpenBlasLibrary.Threads} threads by default; {OpenBlasLibrary.Configuration}")
                : Markup.Escape($"not found ({OpenBlasLibrary.LibraryName}); install with `sudo apt-get install libopenblas0`"));
            table.AddRow("trainer workers", settings.TrainerWorkers.ToString());
            table.AddRow("data cache", Markup.Escape(settings.DataCache.Root));
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static IEnumerable<string> Simd()
    {
        yield return $"Vector<float> {System.Numerics.Vector<float>.Count} lanes{(System.Numerics.Vector.IsHardwareAccelerated ? "" : " (software)")}";
        if (Vector256.IsHardwareAccelerated)
        {
            yield return "Vector256";
        }
        if (Vector512.IsHardwareAccelerated)
        {
            yield return "Vector512";
        }
        if (Avx2.IsSupported)
        {
            yield return "AVX2";
        }
        if (Fma.IsSupported)
        {
            yield return "FMA";
        }
        if (Avx512F.IsSupported)
        {
            yield return "AVX-512F";
        }
    }
}
