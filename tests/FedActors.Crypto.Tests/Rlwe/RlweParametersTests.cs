using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Tests.Rlwe;

public sealed class RlweParametersTests
{
    [Theory]
    [InlineData(11, 54)]
    [InlineData(12, 109)]
    [InlineData(13, 218)]
    [InlineData(14, 438)]
    [InlineData(15, 881)]
    public void The_security_table_bounds_log_QP(int logN, int max)
    {
        Assert.Equal(max, RlweParameters.MaxSecureLogQP(logN));
        var fits = RlweParameters.Create(logN, [Math.Min(max - logN - 11, 61)], [logN + 10]);
        Assert.True(fits.LogQP <= max);
        Assert.False(fits.IsInsecure);
    }

    [Fact]
    public void The_table_starts_at_27_bits_for_N_1024_and_ends_at_N_32768()
    {
        Assert.Equal(27, RlweParameters.MaxSecureLogQP(10));
        Assert.Throws<ArgumentOutOfRangeException>(() => RlweParameters.MaxSecureLogQP(16));
    }

    [Fact]
    public void A_set_above_the_security_bound_is_refused_with_the_numbers()
    {
        var error = Assert.Throws<ArgumentException>(() => RlweParameters.Create(12, [50, 50], [20]));
        Assert.Contains("exceeds 109", error.Message);
        Assert.Throws<ArgumentException>(() => RlweParameters.Create(9, [20], [10]));
        Assert.Throws<ArgumentException>(() => RlweParameters.Create(12, [40], [20], sigma: 1.5));
    }

    [Fact]
    public void Only_the_insecure_test_factory_builds_sets_outside_the_table_and_marks_them()
    {
        var insecure = RlweParameters.InsecureForTests(12, [50, 50], [20]);
        Assert.True(insecure.IsInsecure);
        Assert.Contains("insecure", insecure.SecurityLevel);
    }

    [Fact]
    public void Prime_generation_is_deterministic_and_the_fingerprint_depends_on_every_prime()
    {
        var a = RlweParameters.Create(12, [42, 42], [25]);
        var b = RlweParameters.Create(12, [42, 42], [25]);
        var c = RlweParameters.Create(12, [42, 41], [25]);
        Assert.Equal(a.Q, b.Q);
        Assert.True(a.MatchesFingerprint(b.Fingerprint));
        Assert.False(a.MatchesFingerprint(c.Fingerprint));
        Assert.Equal(16, a.Fingerprint.Length);
    }

    [Fact]
    public void Explicit_moduli_are_validated()
    {
        var good = RlweParameters.Create(12, [42, 42], [25]);
        Assert.True(RlweParameters.FromModuli(12, good.Q, good.P).MatchesFingerprint(good.Fingerprint));
        Assert.Throws<ArgumentException>(() => RlweParameters.FromModuli(12, [good.Q[0], good.Q[0]], good.P));
        Assert.Throws<ArgumentException>(() => RlweParameters.FromModuli(12, [good.Q[0] + 2], good.P));
    }
}
