using Xunit;

namespace FedActors.Configuration.Tests;

public sealed class ConfigExceptionTests
{
    [Fact]
    public void The_message_starts_with_the_origin_and_names_the_path()
    {
        var error = new ConfigException(new ConfigOrigin("app.conf", 3, 7), "fedactors.x", "expected a number, found string \"a\"");
        Assert.Equal("app.conf:3:7: fedactors.x: expected a number, found string \"a\"", error.Message);
        Assert.Equal("fedactors.x", error.Path);
        Assert.Equal(new ConfigOrigin("app.conf", 3, 7), error.Origin);
        Assert.Equal("expected a number, found string \"a\"", error.Problem);
    }

    [Fact]
    public void Without_a_path_the_message_is_origin_and_problem()
    {
        var error = new ConfigException(new ConfigOrigin("app.conf", 1, 1), null, "file not found");
        Assert.Equal("app.conf:1:1: file not found", error.Message);
        Assert.Null(error.Path);
    }

    [Fact]
    public void The_message_is_always_a_single_line()
    {
        var error = new ConfigException(new ConfigOrigin("a\nb.conf", 1, 1), "k", "line one\r\nline two");
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain('\r', error.Message);
    }

    [Fact]
    public void An_origin_renders_as_file_line_column() =>
        Assert.Equal("dir/node.conf:12:5", new ConfigOrigin("dir/node.conf", 12, 5).ToString());
}
