namespace FedActors.Federation.Scenarios;

/// <summary><c>scenario.persistence</c>: where the Coordinator journals the run's decisions.</summary>
/// <param name="Plugin"><c>sqlite</c> or <c>postgresql</c>.</param>
/// <param name="ConnectionString">For sqlite: empty for <c>journal.db</c> in the run directory, else an ADO.NET connection string; for postgresql: the database (never empty).</param>
/// <param name="StoreCiphertexts">Whether every accepted contribution is kept in the run directory's content-addressed blob store.</param>
public sealed record JournalSettings(string Plugin, string ConnectionString, bool StoreCiphertexts)
{
    /// <summary>The valid values of <c>plugin</c>.</summary>
    public static IReadOnlyList<string> Plugins { get; } = ["sqlite", "postgresql"];

    /// <summary>The documented defaults: a SQLite journal in the run directory, no blob store.</summary>
    public static JournalSettings Default { get; } = new("sqlite", "", false);
}
