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

    /// <summary>The repository root (the directory with FedActors.sln), or null when the tests do not run from a checkout.</summary>
    public static string? RepositoryRoot { get; } = LocateRoot();

    public static string FedactorsDll { get; } = RepositoryRoot is null
        ? "fedactors.dll (the repository root with FedActors.sln was not found)"
        : Path.Combine(RepositoryRoot, "src", "FedActors.Cli", "bin", Configuration(), "net10.0", "fedactors.dll");

    private static string? LocateRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FedActors.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName;
    }

    private static string Configuration() =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
}
