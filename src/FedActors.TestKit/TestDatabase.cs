namespace FedActors.TestKit;

/// <summary>
/// The PostgreSQL database tests use: its connection string comes from <see cref="Variable"/>, which
/// <c>tests/run-all.sh</c> sets after starting a throwaway server. Tests that need it are skipped with
/// <see cref="SkipReason"/> outside CI and run (and fail) in CI, so CI never skips them silently.
/// </summary>
public static class TestDatabase
{
    /// <summary>The environment variable holding the test database's connection string.</summary>
    public const string Variable = "FEDACTORS_TEST_POSTGRES";

    /// <summary>The connection string, or null when <see cref="Variable"/> is not set.</summary>
    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// <summary>True when the <c>CI</c> environment variable is set to anything but an empty value.</summary>
    public static bool IsCi => Environment.GetEnvironmentVariable("CI") is { Length: > 0 };

    /// <summary>Why a test that needs the database is skipped here, or null when it must run (database set, or CI).</summary>
    public static string? SkipReason =>
        ConnectionString is null && !IsCi ? $"{Variable} is not set; tests/run-all.sh starts a throwaway PostgreSQL and sets it." : null;
}
