using FedActors.Persistence.Journal;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FedActors.Persistence.Tests.Journal;

public sealed class JournalTagsTests
{
    [Fact]
    public void No_tags_encode_as_null()
    {
        Assert.Null(JournalTags.Encode([]));
        Assert.Empty(JournalTags.Decode(null));
    }

    [Fact]
    public void Tags_encode_between_separators()
    {
        Assert.Equal(";a;b;", JournalTags.Encode(["a", "b"]));
    }

    [Fact]
    public void The_like_pattern_escapes_wildcards()
    {
        Assert.Equal(@"%;50\%\_off\\;%", JournalTags.LikePattern(@"50%_off\"));
    }

    [Property(MaxTest = 300)]
    public Property Encoding_round_trips_valid_tags(NonEmptyString[] raw)
    {
        var tags = raw.Select(t => t.Get.Replace(";", "", StringComparison.Ordinal)).Where(t => t.Length > 0).ToArray();
        return JournalTags.Decode(JournalTags.Encode(tags)).SequenceEqual(tags).ToProperty();
    }
}
