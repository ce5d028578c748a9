using FedActors.TestKit;

namespace FedActors.Cluster.Tests;

/// <summary>
/// A multi-process fact that also needs the PostgreSQL named by FEDACTORS_TEST_POSTGRES (tests/run-all.sh starts a
/// throwaway one and sets it). Outside CI it is skipped with the reason when either is missing; in CI (the CI variable
/// set) it runs and fails instead, so CI never skips it silently.
/// </summary>
public sealed class ClusterPostgreSqlFactAttribute : FactAttribute
{
    public ClusterPostgreSqlFactAttribute()
    {
        Skip = new CliFactAttribute().Skip ?? TestDatabase.SkipReason;
    }
}
