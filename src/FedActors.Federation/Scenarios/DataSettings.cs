namespace FedActors.Federation.Scenarios;

/// <summary><c>scenario.data</c>: the data set and its partition.</summary>
/// <param name="Set"><c>mnist</c>, <c>fashion-mnist</c>, <c>synthetic</c> or <c>breast-cancer</c>.</param>
/// <param name="SyntheticAlpha">FedProx Synthetic α (≥ 0).</param>
/// <param name="SyntheticBeta">FedProx Synthetic β (≥ 0).</param>
/// <param name="Partition">How the data is split among clients.</param>
public sealed record DataSettings(string Set, double SyntheticAlpha, double SyntheticBeta, PartitionSettings Partition)
{
    /// <summary>The data set names, as documented.</summary>
    public static IReadOnlyList<string> Sets { get; } = ["mnist", "fashion-mnist", "synthetic", "breast-cancer"];

    /// <summary>The number of classes of <see cref="Set"/>: 10, or 2 for breast-cancer.</summary>
    public int Classes => Set == "breast-cancer" ? 2 : 10;

    /// <summary>True for the image data sets, which convolutional models and pixel triggers need.</summary>
    public bool IsImages => Set is "mnist" or "fashion-mnist";
}
