using System.Diagnostics;

namespace FedActors.Benchmarks.Remote;

/// <summary>
/// Records the process CPU time and the wall time of each measured operation, so that a figure taken on a machine
/// loaded by other work can be read as CPU cost (CPU time per unit) as well as wall time. BenchmarkDotNet reports
/// wall time only; run in process (<c>--inProcess</c>) and the summary line is printed at global cleanup. Medians over
/// the invocations are reported, so the first invocations, which pay for JIT compilation, do not weigh in.
/// </summary>
internal sealed class CpuMeter
{
    private readonly List<(double CpuPerUnit, double WallPerUnit)> _samples = [];

    /// <summary>Runs <paramref name="operation"/> and records its process CPU time and wall time per unit.</summary>
    public void Measure(long units, Action operation)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.GetTimestamp();
        operation();
        var elapsed = Stopwatch.GetElapsedTime(wall);
        process.Refresh();
        _samples.Add(((process.TotalProcessorTime - cpu).TotalNanoseconds / units, elapsed.TotalNanoseconds / units));
    }

    /// <summary>A line stating the median CPU and wall time per unit, units per CPU second and per wall second, and the cores busy.</summary>
    public string Summary(string name, string unit)
    {
        if (_samples.Count == 0)
        {
            return $"// {name}: not measured";
        }
        var cpu = Median(_samples.Select(s => s.CpuPerUnit));
        var wall = Median(_samples.Select(s => s.WallPerUnit));
        return $"// {name}: median of {_samples.Count} invocations: CPU {cpu:F2} ns/{unit} = {1e9 / cpu:N0} {unit}s per CPU-second; "
            + $"wall {wall:F2} ns/{unit} = {1e9 / wall:N0} {unit}s/s; {cpu / wall:F2} cores busy";
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
