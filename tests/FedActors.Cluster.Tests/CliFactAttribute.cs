namespace FedActors.Cluster.Tests;

/// <summary>
/// A fact that needs the built `fedactors` command (src/FedActors.Cli/bin/&lt;configuration&gt;/net10.0/fedactors.dll,
/// built before this project through its project reference). It is skipped, with the reason, only when that output
/// is missing outside CI; in CI (the CI variable set) a missing build fails the test instead.
/// </summary>
public sealed class CliFactAttribute : FactAttribute
{
    public CliFactAttribute()
    {
        if (!File.Exists(FedactorsDll) && Environment.GetEnvironmentVariable("CI") is null)
        {
            Skip = $"the fedactors command is not built ({FedactorsDll} is missing); build src/FedActors.Cli first";
        }
    }

    public static string FedactorsDll { get; } = Locate();

    private static string Locate()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FedActors.sln")))
        {
            directory = directory.Parent;
        }
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        return directory is null
            ? "fedactors.dll (the repository root with FedActors.sln was not found)"
            : Path.Combine(directory.FullName, "src", "FedActors.Cli", "bin", configuration, "net10.0", "fedactors.dll");
    }
}
