namespace FedActors.Federation.Tests.Adversaries;

/// <summary>Attacks on the model through the data or the update, each against the same honest synthetic run.</summary>
public sealed class ModelPoisoningTests
{
    [Fact]
    public async Task Label_flipping_all_labels_on_most_clients_lowers_the_final_accuracy()
    {
        var attacked = await TinyFederation.RunSyntheticAsync("attacks = [{ type = label-flip, clients = 4, source = all }]");
        AttackOutcome.AccuracyDrops(await TinyFederation.HonestSynthetic, attacked);
    }

    [Fact]
    public async Task Gaussian_noise_from_one_client_lowers_the_final_accuracy_under_mean_aggregation()
    {
        var attacked = await TinyFederation.RunSyntheticAsync("attacks = [{ type = gaussian, clients = 1, mean = 0, std = 5 }]");
        Assert.All(AttackOutcome.Accepted(attacked), a => Assert.Equal(6, a));
        AttackOutcome.AccuracyDrops(await TinyFederation.HonestSynthetic, attacked);
    }

    [Fact]
    public async Task Inner_product_manipulation_by_a_coalition_lowers_the_final_accuracy()
    {
        var attacked = await TinyFederation.RunSyntheticAsync("attacks = [{ type = ipm, clients = 2, epsilon = 10 }]");
        AttackOutcome.AccuracyDrops(await TinyFederation.HonestSynthetic, attacked);
    }

    [Fact]
    public async Task Alie_with_a_large_z_lowers_the_final_accuracy()
    {
        var attacked = await TinyFederation.RunSyntheticAsync("attacks = [{ type = alie, clients = 3, z = 30 }]");
        AttackOutcome.AccuracyDrops(await TinyFederation.HonestSynthetic, attacked);
    }

    [Fact]
    public async Task A_coalition_completes_every_round_and_is_deterministic_when_only_some_colluders_are_selected()
    {
        const string Alie = "attacks = [{ type = alie, clients = 3 }], federation { clients-per-round = 3, min-contributions = 1 }";
        var first = await TinyFederation.RunSyntheticAsync(Alie);
        var again = await TinyFederation.RunSyntheticAsync(Alie);
        Assert.All(first.Rounds, r => Assert.Equal(3, r.Contributions.Accepted));
        Assert.Equal(first.Run.FinalModelHash, again.Run.FinalModelHash);
    }

    [Fact]
    public async Task Zero_free_riders_claiming_huge_sample_counts_stall_the_model()
    {
        var attacked = await TinyFederation.RunSyntheticAsync("attacks = [{ type = free-rider, clients = 3, mode = zero, claimed-samples = 1000000 }]");
        Assert.All(AttackOutcome.Accepted(attacked), a => Assert.Equal(6, a));
        AttackOutcome.AccuracyDrops(await TinyFederation.HonestSynthetic, attacked);
    }

    [Fact]
    public async Task Sybil_identities_sign_flipping_together_lower_the_final_accuracy()
    {
        var attacked = await TinyFederation.RunSyntheticAsync("attacks = [{ type = sybil, clients = 1, count = 4, with = sign-flip, scale = 1 }]");
        AttackOutcome.AccuracyDrops(await TinyFederation.HonestSynthetic, attacked);
    }
}
