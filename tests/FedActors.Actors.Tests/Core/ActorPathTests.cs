using FedActors.Actors.Core;
using FsCheck;
using FsCheck.Fluent;

namespace FedActors.Actors.Tests.Core;

public sealed class ActorPathTests
{
    [Theory]
    [InlineData("fedactors://sys/user/a/b")]
    [InlineData("fedactors://sys@10.0.0.1:2552/user/coordinator")]
    [InlineData("fedactors://sys")]
    public void Paths_parse_and_print_the_same(string text)
    {
        var path = ActorPath.Parse(text);
        Assert.Equal(text.Contains("/user", StringComparison.Ordinal) ? text : text + "/", path.ToString());
    }

    [Fact]
    public void A_remote_path_has_host_and_port_in_its_address()
    {
        var path = ActorPath.Parse("fedactors://fed@node1:2552/user/client-3");
        Assert.Equal("node1", path.Address.Host);
        Assert.Equal(2552, path.Address.Port);
        Assert.True(path.Address.HasGlobalScope);
        Assert.Equal(["user", "client-3"], path.Elements);
        Assert.False(ActorPath.Parse("fedactors://fed/user").Address.HasGlobalScope);
    }

    [Theory]
    [InlineData("")]
    [InlineData("user/a")]
    [InlineData("fedactors://")]
    [InlineData("fedactors://sys@host/user")]
    [InlineData("fedactors://sys@host:99999/user")]
    [InlineData("fedactors://s y s/user")]
    public void Malformed_paths_are_refused(string text) => Assert.Throws<FormatException>(() => ActorPath.Parse(text));

    [Fact]
    public void Equal_paths_are_equal_and_hash_alike()
    {
        var root = ActorPath.RootOf(Address.Local("sys"));
        var built = root / "user" / "a";
        var parsed = ActorPath.Parse("fedactors://sys/user/a");
        Assert.Equal(built, parsed);
        Assert.Equal(built.GetHashCode(), parsed.GetHashCode());
        Assert.NotEqual(built, ActorPath.Parse("fedactors://other/user/a"));
    }

    [Fact]
    public void Any_string_either_parses_to_a_path_that_round_trips_or_is_refused()
    {
        Prop.ForAll<string>(text =>
        {
            if (ActorPath.TryParse(text ?? "", out var path))
            {
                Assert.Equal(path, ActorPath.Parse(path!.ToString()));
            }
        }).QuickCheckThrowOnFailure();
        Prop.ForAll<NonEmptyString[]>(names =>
        {
            var path = ActorPath.RootOf(Address.Local("sys"));
            foreach (var name in names.Select(n => n.Get).Where(ActorPath.IsValidElement))
            {
                path /= name;
            }
            Assert.Equal(path, ActorPath.Parse(path.ToString()));
        }).QuickCheckThrowOnFailure();
    }
}
