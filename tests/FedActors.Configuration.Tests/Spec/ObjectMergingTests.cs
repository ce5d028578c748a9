using Xunit;

namespace FedActors.Configuration.Tests.Spec;

/// <summary>HOCON.md, "Duplicate keys and object merging".</summary>
public sealed class ObjectMergingTests
{
    private static Config Parse(string text) => ConfigFactory.ParseString(text, "m.conf");

    [Fact]
    public void A_later_scalar_overrides_an_earlier_one() => Assert.Equal(2, Parse("a = 1\na = 2").GetInt("a"));

    [Fact]
    public void Duplicate_objects_merge_recursively()
    {
        var config = Parse("""
            foo { a { x = 1 }, b = 1 }
            foo { a { y = 2 }, b = 2 }
            """);
        Assert.Equal(1, config.GetInt("foo.a.x"));
        Assert.Equal(2, config.GetInt("foo.a.y"));
        Assert.Equal(2, config.GetInt("foo.b"));
    }

    [Fact]
    public void A_non_object_replaces_an_object_and_an_object_after_it_starts_over()
    {
        var config = Parse("a { x = 1 }\na = 5\na { y = 2 }");
        Assert.False(config.HasPath("a.x"));
        Assert.Equal(2, config.GetInt("a.y"));
    }

    [Fact]
    public void Null_stops_a_merge()
    {
        var config = Parse("a { x = 1 }\na = null\na { y = 2 }\nb { x = 1 }\nb = null");
        Assert.False(config.HasPath("a.x"));
        Assert.Equal(2, config.GetInt("a.y"));
        Assert.False(config.HasPath("b"));
    }

    [Fact]
    public void Arrays_do_not_merge_they_are_replaced() =>
        Assert.Equal([3], Parse("a = [1, 2]\na = [3]").GetIntList("a"));

    [Fact]
    public void Merged_keys_keep_the_order_of_first_appearance() =>
        Assert.Equal(["x", "y", "z"], Parse("a { x = 1, y = 1 }\na { z = 1, x = 2 }").GetConfig("a").Keys);
}
