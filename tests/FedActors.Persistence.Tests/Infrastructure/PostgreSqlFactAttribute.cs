using FedActors.TestKit;

namespace FedActors.Persistence.Tests.Infrastructure;

/// <summary>
/// A fact that needs the PostgreSQL named by FEDACTORS_TEST_POSTGRES. Without it the test is skipped
/// with a visible reason, except when CI=true: then it runs and fails, so CI never skips silently.
/// </summary>
public sealed class PostgreSqlFactAttribute : FactAttribute
{
    public PostgreSqlFactAttribute()
    {
        Skip = TestDatabase.SkipReason;
    }
}
