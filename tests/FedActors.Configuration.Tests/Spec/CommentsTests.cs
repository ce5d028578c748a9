using Xunit;

namespace FedActors.Configuration.Tests.Spec;

/// <summary>HOCON.md, "Comments".</summary>
public sealed class CommentsTests
{
    [Fact]
    public void Hash_and_double_slash_start_comments_anywhere_outside_quotes()
    {
        var config = ConfigFactory.ParseString("""
            # a comment
            // another
            a = 1 # trailing
            b = 2 // trailing
            c = "not # a comment"
            d = "not // a comment"
            e = [1, # inside a list
              2]
            """);
        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal(2, config.GetInt("b"));
        Assert.Equal("not # a comment", config.GetString("c"));
        Assert.Equal("not // a comment", config.GetString("d"));
        Assert.Equal([1, 2], config.GetIntList("e"));
    }

    [Fact]
    public void A_comment_ends_an_unquoted_string()
    {
        var config = ConfigFactory.ParseString("a = foo bar// comment\nb = x#y");
        Assert.Equal("foo bar", config.GetString("a"));
        Assert.Equal("x", config.GetString("b"));
    }

    [Fact]
    public void A_single_slash_is_part_of_an_unquoted_string() =>
        Assert.Equal("a/b/c", ConfigFactory.ParseString("p = a/b/c").GetString("p"));
}
