namespace FedActors.Cluster.Tests;

/// <summary>
/// A multi-process fact that also needs the PostgreSQL named by FEDACTORS_TEST_POSTGRES (tests/run-all.sh starts a
/// throwaway one and sets it). Outside CI it is skipped with the reason when either is missing; in CI (the CI variable
/// set) it runs and fails instead, so CI never skips it silently.
/// </summary>
public sealed class ClusterPostgreSqlFactAttribute : FactAttribute
{
    public const string Variable = "FEDACTORS_TEST_POSTGRES";

    public ClusterPostgreSqlFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("CI") is not null)
        {
            return;
        }
        if (!File.Exists(CliFactAttribute.FedactorsDll))
        {
            Skip = $"the fedactors command is not built ({CliFactAttribute.FedactorsDll} is missing); build src/FedActors.Cli first";
        }
        else if (ConnectionString is null)
        {
            Skip = $"{Variable} is not set; tests/run-all.sh starts a throwaway PostgreSQL and sets it.";
        }
    }

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;
}
