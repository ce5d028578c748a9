namespace FedActors.Configuration.Values;

/// <summary>An immutable list of values.</summary>
internal sealed class HoconList : HoconValue
{
    public HoconList(IReadOnlyList<HoconValue> items, ConfigOrigin origin)
        : base(origin, 1 + HoconObject.SizeOf(items), 1 + HoconObject.DepthOf(items))
    {
        Items = items;
    }

    public override ConfigValueType Type => ConfigValueType.List;

    public IReadOnlyList<HoconValue> Items { get; }

    public override bool StructurallyEquals(HoconValue other)
    {
        if (other is not HoconList list || list.Items.Count != Items.Count)
        {
            return false;
        }
        for (var i = 0; i < Items.Count; i++)
        {
            if (!Items[i].StructurallyEquals(list.Items[i]))
            {
                return false;
            }
        }
        return true;
    }
}
