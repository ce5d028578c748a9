namespace FedActors.Federation.Tests.Reporting;

/// <summary>A fact that needs headless Chromium: skipped with a visible reason outside CI when it is missing; in CI it runs and fails, telling the lead what to install.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Find() is null && !Chromium.InCi)
        {
            Skip = Chromium.MissingLocally;
        }
    }
}
