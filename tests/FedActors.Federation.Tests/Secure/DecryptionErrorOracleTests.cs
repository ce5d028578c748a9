using FedActors.Federation.Secure;

namespace FedActors.Federation.Tests.Secure;

public sealed class DecryptionErrorOracleTests
{
    [Fact]
    public void The_error_compares_the_decrypted_sum_with_the_exact_sum_of_the_listed_contributors_only()
    {
        var oracle = new DecryptionErrorOracle();
        oracle.RecordUpdate(1, "a", [1, 2, 3]);
        oracle.RecordUpdate(1, "b", [10, 20, 30]);
        oracle.RecordUpdate(1, "late", [100, 100, 100]);
        oracle.RecordAggregate(1, ["a", "b"], [11, 22.5, 33]);

        var error = oracle.TakeError(1)!;

        Assert.Equal(0.5, error.MaxAbsolute, 12);
        Assert.Equal(Math.Sqrt(0.25 / 3), error.RootMeanSquare, 12);
        Assert.Null(oracle.TakeError(1));
    }

    [Fact]
    public void A_round_that_was_not_decrypted_has_no_error()
    {
        var oracle = new DecryptionErrorOracle();
        oracle.RecordUpdate(2, "a", [1]);
        Assert.Null(oracle.TakeError(2));
    }
}
