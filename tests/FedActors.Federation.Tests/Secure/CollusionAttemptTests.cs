using FedActors.Federation.Secure;

namespace FedActors.Federation.Tests.Secure;

/// <summary><c>colluding-key-holders</c>: t − 1 threshold keys open nothing; t keys would.</summary>
public sealed class CollusionAttemptTests(KeyedCommittee committee) : IClassFixture<KeyedCommittee>
{
    private static readonly double[] Update = [12.5, -3.25, 0.75, 400.0, -0.001, 60.0];

    private double ErrorWith(int colluders, uint round)
    {
        var contribution = committee.Contribute(KeyedCommittee.Round(round), 4, Update);
        var keys = committee.Holders.Take(colluders).Select(h => h.ThresholdKey!).ToArray();
        var recovered = CollusionAttempt.Decrypt(committee.Settings.Parameters, contribution, keys, Update.Length);
        return CollusionAttempt.RelativeError(recovered, Update);
    }

    [Fact]
    public void Collusion_of_t_minus_1_key_holders_with_the_coordinator_recovers_nothing_of_one_clients_update()
    {
        var error = ErrorWith(committee.Settings.Threshold - 1, 21);

        Assert.True(error > 1e6, $"relative error {error}");
    }

    [Fact]
    public void Collusion_of_t_key_holders_would_recover_the_update()
    {
        var error = ErrorWith(committee.Settings.Threshold, 22);

        Assert.True(error < 1e-6, $"relative error {error}");
    }

    [Fact]
    public void Relative_error_is_zero_for_the_truth_and_one_for_zeros()
    {
        Assert.Equal(0, CollusionAttempt.RelativeError(Update, Update));
        Assert.Equal(1, CollusionAttempt.RelativeError(new double[Update.Length], Update), 12);
    }
}
