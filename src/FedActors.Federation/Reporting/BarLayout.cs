namespace FedActors.Federation.Reporting;

/// <summary>How a <see cref="BarChart"/> places the series of one category.</summary>
public enum BarLayout
{
    /// <summary>On top of each other: the bar's height is the category's total.</summary>
    Stacked,

    /// <summary>Side by side: one bar per series.</summary>
    Grouped,
}
