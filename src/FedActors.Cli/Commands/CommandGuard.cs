using FedActors.Cluster;
using FedActors.Configuration;
using FedActors.Crypto.Artifacts;
using FedActors.Crypto.Envelope;
using FedActors.Crypto.Identity;
using FedActors.Federation.Deployment;
using FedActors.Federation.Journal;
using FedActors.Federation.Metrics;
using FedActors.Federation.Scenarios;
using FedActors.Learning.Data;
using FedActors.Learning.Kernels.OpenBlas;

namespace FedActors.Cli.Commands;

/// <summary>
/// The one place where commands turn bad input into an exit code: an input error (a configuration, scenario,
/// key, artifact, data or metrics file that is wrong, or an invalid argument) prints its one-line message on
/// stderr and exits with <see cref="InputError"/>; anything else is a bug and propagates with its stack trace.
/// </summary>
internal static class CommandGuard
{
    /// <summary>The exit code of a command refused because of bad input.</summary>
    public const int InputError = 1;

    /// <summary>Runs <paramref name="body"/>, returning 0, or <see cref="InputError"/> after printing why.</summary>
    public static int Run(Action body) => Run(() =>
    {
        body();
        return 0;
    });

    /// <summary>Runs <paramref name="body"/>, returning its exit code, or <see cref="InputError"/> after printing why.</summary>
    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (IsInputError(e))
        {
            return Report(e);
        }
    }

    /// <summary>Awaits <paramref name="body"/>, returning its exit code, or <see cref="InputError"/> after printing why.</summary>
    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (Exception e) when (IsInputError(e))
        {
            return Report(e);
        }
    }

    private static bool IsInputError(Exception e) =>
        e is ConfigException or ScenarioException or MetricsFormatException
            or IdentityException or ArtifactException or EnvelopeException
            or DataSourceException or DataFormatException or OpenBlasUnavailableException
            or ClusterException or ClusterRunException
            or DirectoryNotFoundException or FileNotFoundException
            or ArgumentException or FormatException or NotSupportedException or ResumeException;

    private static int Report(Exception e)
    {
        // ArgumentException appends "(Parameter 'x')": a C# name, not something a user typed.
        var message = e is ArgumentException { ParamName: { } parameter }
            ? e.Message.Replace($" (Parameter '{parameter}')", string.Empty, StringComparison.Ordinal)
            : e.Message;
        Console.Error.WriteLine(message);
        return InputError;
    }
}
