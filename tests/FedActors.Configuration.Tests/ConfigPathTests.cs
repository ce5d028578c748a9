using FsCheck.Xunit;
using Xunit;

namespace FedActors.Configuration.Tests;

public sealed class ConfigPathTests
{
    [Fact]
    public void Plain_keys_render_bare_and_others_quoted() =>
        Assert.Equal("fedactors.\"a.b\".\"\".\"x y\".\"include\".k-1", ConfigPath.Render(["fedactors", "a.b", "", "x y", "include", "k-1"]));

    [Fact]
    public void Quoted_elements_are_json_strings() =>
        Assert.Equal(["a", "b.c\"\n", "d"], ConfigPath.Parse("a.\"b.c\\\"\\n\".d"));

    [Property(MaxTest = 300)]
    public bool Rendered_paths_parse_back_to_the_same_elements(string[] elements)
    {
        if (elements.Length == 0)
        {
            return true;
        }
        var clean = elements.Select(e => e ?? "").ToArray();
        return ConfigPath.Parse(ConfigPath.Render(clean)).SequenceEqual(clean);
    }
}
