namespace FedActors.Configuration.Values;

/// <summary>A string, number, boolean or null. Numbers keep the text they were written with.</summary>
internal sealed class HoconScalar : HoconValue
{
    public HoconScalar(ConfigValueType type, string text, ConfigOrigin origin)
        : base(origin, 1, 1)
    {
        Type = type;
        Text = text;
    }

    public override ConfigValueType Type { get; }

    /// <summary>The string value, the number's literal text, <c>true</c>/<c>false</c>, or <c>null</c>.</summary>
    public string Text { get; }

    public override bool StructurallyEquals(HoconValue other) =>
        other is HoconScalar scalar && scalar.Type == Type && string.Equals(scalar.Text, Text, StringComparison.Ordinal);
}
