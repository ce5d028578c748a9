namespace FedActors.Learning.Data;

/// <summary>
/// Where fetched data sets live: <c>fedactors.learning.data-cache</c> when set, otherwise
/// <c>$XDG_CACHE_HOME/fedactors/datasets</c> or <c>~/.cache/fedactors/datasets</c>.
/// </summary>
public sealed class DataCache
{
    /// <summary>Uses <paramref name="root"/>, or the user's default cache directory when null or empty.</summary>
    public DataCache(string? root = null)
    {
        Root = string.IsNullOrWhiteSpace(root) ? DefaultRoot() : Path.GetFullPath(ExpandHome(root));
    }

    /// <summary>The absolute cache directory (created on first fetch, not here).</summary>
    public string Root { get; }

    /// <summary>The default cache directory for the current user.</summary>
    public static string DefaultRoot()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var cache = string.IsNullOrWhiteSpace(xdg)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache")
            : xdg;
        return Path.Combine(cache, "fedactors", "datasets");
    }

    /// <summary>The directory for one data set inside the cache.</summary>
    public string PathFor(string entry) => Path.Combine(Root, entry);

    private static string ExpandHome(string path) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.Length > 2 ? path[2..] : "")
            : path;
}
