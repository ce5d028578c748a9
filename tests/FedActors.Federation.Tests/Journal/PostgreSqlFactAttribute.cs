using FedActors.TestKit;

namespace FedActors.Federation.Tests.Journal;

/// <summary>
/// A fact that needs the PostgreSQL named by FEDACTORS_TEST_POSTGRES. Without it the test is skipped with a
/// visible reason, except in CI (the CI variable set): then it runs and fails, so CI never skips silently.
/// </summary>
public sealed class PostgreSqlFactAttribute : FactAttribute
{
    public PostgreSqlFactAttribute() => Skip = TestDatabase.SkipReason;
}
