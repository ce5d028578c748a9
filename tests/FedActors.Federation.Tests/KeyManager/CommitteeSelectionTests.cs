using FedActors.Federation.KeyManager;

namespace FedActors.Federation.Tests.KeyManager;

public sealed class CommitteeSelectionTests
{
    [Fact]
    public void The_committee_is_a_function_of_seed_and_epoch_of_the_requested_size_in_increasing_order()
    {
        var first = CommitteeSelection.Choose(42, 1, 100, 10, new HashSet<int>());
        Assert.Equal(first, CommitteeSelection.Choose(42, 1, 100, 10, new HashSet<int>()));
        Assert.Equal(10, first.Distinct().Count());
        Assert.Equal(first.Order(), first);
        Assert.NotEqual(first, CommitteeSelection.Choose(42, 2, 100, 10, new HashSet<int>()));
        Assert.NotEqual(first, CommitteeSelection.Choose(43, 1, 100, 10, new HashSet<int>()));
    }

    [Fact]
    public void Excluded_clients_never_sit_on_the_committee_and_it_shrinks_when_too_few_remain()
    {
        var excluded = new HashSet<int> { 0, 1, 2, 3, 4, 5 };
        var committee = CommitteeSelection.Choose(1, 3, 8, 5, excluded);
        Assert.Equal([6, 7], committee);
    }
}
