using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using FedActors.Crypto.Ckks;
using FedActors.Crypto.Ring;
using Spectre.Console;

namespace FedActors.Cli.Commands;

/// <summary>
/// The <c>fedactors crypto</c> group (<c>crypto params</c>: the named CKKS parameter sets) and the
/// <c>fedactors bench</c> group (<c>bench crypto [--quick] [--json]</c>: the SEAL comparison rows measured in-process).
/// </summary>
public static class CryptoCommands
{
    /// <summary>Builds the <c>crypto</c> command group.</summary>
    public static Command Create()
    {
        var parameters = new Command("params", "List the named CKKS parameter sets: N, log2 Q·P, security, scale, values per ciphertext, bytes per value, capacity.");
        parameters.SetAction(_ =>
        {
            var table = new Table().AddColumns("name", "N", "log2 QP", "security", "scale", "encoding", "values/ct", "bytes/value", "capacity (contributions)");
            foreach (var set in CkksParameterSets.All())
            {
                table.AddRow(
                    set.Name,
                    set.Rlwe.N.ToString(CultureInfo.InvariantCulture),
                    set.Rlwe.LogQP.ToString("F3", CultureInfo.InvariantCulture),
                    set.Rlwe.IsInsecure ? "INSECURE" : "128-bit",
                    $"2^{Math.Log2(set.Scale):F0}",
                    set.Encoding.ToString().ToLowerInvariant(),
                    set.ValuesPerCiphertext.ToString(CultureInfo.InvariantCulture),
                    set.BytesPerValue.ToString("F2", CultureInfo.InvariantCulture),
                    Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{(set.Capacity < 10_000_000 ? set.Capacity.ToString("N0", CultureInfo.InvariantCulture) : Compact(set.Capacity))} of |x| ≤ {set.ContributionMagnitude:N0}")));
            }
            AnsiConsole.Write(table);
            return 0;
        });
        return new Command("crypto", "Inspect the CKKS cryptography.") { parameters };
    }

    /// <summary>Builds the <c>bench</c> command group with its <c>crypto</c> benchmark.</summary>
    public static Command CreateBench()
    {
        var quick = new Option<bool>("--quick") { Description = "Fewer repetitions (medians of 15 runs instead of 101)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON array of flat objects instead of a table." };
        var crypto = new Command("crypto", "Measure NTT, encryption, addition, decryption and a 1,000,000-value vector for the SEAL-comparable and default sets.")
        {
            quick,
            json,
        };
        crypto.SetAction(parse =>
        {
            var asJson = parse.GetValue(json);
            var results = new List<CkksBenchmarkResult>();
            foreach (var name in new[] { CkksParameterSets.Seal8192, CkksParameterSets.Seal16384, CkksParameterSets.AggregationDefault })
            {
                if (!asJson)
                {
                    Console.Error.WriteLine($"measuring {name} …");
                }
                results.Add(new CkksBenchmark(CkksParameterSets.Get(name), parse.GetValue(quick)).Run(Environment.ProcessorCount));
            }
            if (asJson)
            {
                Console.WriteLine(JsonSerializer.Serialize(ToJsonRows(results), new JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                WriteTable(results);
            }
            return 0;
        });
        return new Command("bench", "Run in-process benchmarks.") { crypto };
    }

    private static List<Dictionary<string, object>> ToJsonRows(IEnumerable<CkksBenchmarkResult> results)
    {
        var rows = new List<Dictionary<string, object>>();
        foreach (var r in results)
        {
            foreach (var (operation, value) in new[]
                     {
                         ("ntt_forward", r.NttForwardMicroseconds), ("encrypt_pk", r.EncryptMicroseconds),
                         ("add", r.AddMicroseconds), ("decrypt", r.DecryptMicroseconds),
                     })
            {
                rows.Add(new() { ["parameter_set"] = r.ParameterSet, ["N"] = r.N, ["operation"] = operation, ["median_us"] = Math.Round(value, 2) });
            }
            rows.Add(new()
            {
                ["parameter_set"] = r.ParameterSet,
                ["N"] = r.N,
                ["operation"] = "vector_1m",
                ["encrypt_s"] = Math.Round(r.VectorEncryptSeconds, 4),
                ["encrypt_cpu_s"] = Math.Round(r.VectorEncryptCpuSeconds, 4),
                ["encrypt_parallel_s"] = Math.Round(r.VectorEncryptParallelSeconds, 4),
                ["threads"] = r.Parallelism,
                ["bytes_per_value"] = Math.Round(r.BytesPerValue, 3),
                ["max_error"] = r.MaxError,
            });
        }
        return rows;
    }

    private static void WriteTable(IEnumerable<CkksBenchmarkResult> results)
    {
        var table = new Table().AddColumns("set", "N", "NTT fwd 1 limb (µs)", "encrypt pk (µs)", "add (µs)", "decrypt (µs)",
            "1M values, 1 thread (s)", "1M, CPU (s)", "1M values, all cores (s)", "bytes/value", "max error");
        foreach (var r in results)
        {
            table.AddRow(r.ParameterSet, r.N.ToString(CultureInfo.InvariantCulture), F(r.NttForwardMicroseconds, "F1"), F(r.EncryptMicroseconds, "F1"),
                F(r.AddMicroseconds, "F1"), F(r.DecryptMicroseconds, "F1"), F(r.VectorEncryptSeconds, "F3"), F(r.VectorEncryptCpuSeconds, "F3"),
                $"{F(r.VectorEncryptParallelSeconds, "F3")} ({r.Parallelism})", F(r.BytesPerValue, "F2"), F(r.MaxError, "E2"));
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(Markup.Escape($"Medians after warm-up; NTT path {NttTables.BestPath}; {Environment.ProcessorCount} processors."));
    }

    private static string Compact(double value)
    {
        var exponent = (int)Math.Floor(Math.Log10(value));
        return string.Create(CultureInfo.InvariantCulture, $"{value / Math.Pow(10, exponent):F1}e{exponent}");
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
