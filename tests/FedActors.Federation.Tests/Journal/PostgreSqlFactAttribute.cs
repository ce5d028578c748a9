namespace FedActors.Federation.Tests.Journal;

/// <summary>
/// A fact that needs the PostgreSQL named by FEDACTORS_TEST_POSTGRES. Without it the test is skipped with a
/// visible reason, except when CI=true: then it runs and fails, so CI never skips silently.
/// </summary>
public sealed class PostgreSqlFactAttribute : FactAttribute
{
    public const string Variable = "FEDACTORS_TEST_POSTGRES";

    public PostgreSqlFactAttribute()
    {
        if (ConnectionString is null && Environment.GetEnvironmentVariable("CI") != "true")
        {
            Skip = $"{Variable} is not set; tests/run-all.sh starts a throwaway PostgreSQL and sets it.";
        }
    }

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;
}
