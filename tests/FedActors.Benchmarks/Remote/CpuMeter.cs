using System.Diagnostics;

namespace FedActors.Benchmarks.Remote;

/// <summary>
/// Sums the process CPU time and the wall time spent in measured operations, so that a figure taken on a machine
/// loaded by other work can be read as CPU cost (CPU time per unit) as well as wall time. BenchmarkDotNet reports
/// wall time only; run in process (<c>--inProcess</c>) and the summary line is printed at global cleanup.
/// </summary>
internal sealed class CpuMeter
{
    private TimeSpan _cpu;
    private TimeSpan _wall;
    private long _units;

    /// <summary>Runs <paramref name="operation"/> and adds its process CPU time, its wall time and <paramref name="units"/>.</summary>
    public void Measure(long units, Action operation)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.GetTimestamp();
        operation();
        process.Refresh();
        _cpu += process.TotalProcessorTime - cpu;
        _wall += Stopwatch.GetElapsedTime(wall);
        _units += units;
    }

    /// <summary>A line stating CPU and wall time per unit, units per CPU second and per wall second, and the cores busy on average.</summary>
    public string Summary(string name, string unit) =>
        _units == 0
            ? $"// {name}: not measured"
            : $"// {name}: CPU {_cpu.TotalNanoseconds / _units:F2} ns/{unit} = {_units / _cpu.TotalSeconds:N0} {unit}s per CPU-second; "
              + $"wall {_wall.TotalNanoseconds / _units:F2} ns/{unit} = {_units / _wall.TotalSeconds:N0} {unit}s/s; "
              + $"{_cpu / _wall:F2} cores busy over {_units:N0} {unit}s";
}
