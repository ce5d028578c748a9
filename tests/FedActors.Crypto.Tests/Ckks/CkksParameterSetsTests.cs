using FedActors.Crypto.Ckks;
using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Tests.Ckks;

public sealed class CkksParameterSetsTests
{
    [Fact]
    public void Every_named_set_is_128_bit_secure()
    {
        foreach (var set in CkksParameterSets.All())
        {
            Assert.False(set.Rlwe.IsInsecure);
            Assert.True(set.Rlwe.LogQP <= RlweParameters.MaxSecureLogQP(set.Rlwe.LogN), set.ToString());
        }
    }

    [Fact]
    public void The_default_aggregation_set_has_4096_values_per_ciphertext_at_most_32_bytes_each_and_room_for_1000_weighted_updates()
    {
        var set = CkksParameterSets.Get(CkksParameterSets.AggregationDefault);
        Assert.Equal(4096, set.ValuesPerCiphertext);
        Assert.Equal(PlaintextEncoding.Coefficients, set.Encoding);
        Assert.True(set.BytesPerValue <= 32, $"{set.BytesPerValue} bytes per value");
        Assert.True(set.Capacity >= 1000, $"capacity {set.Capacity}");
        Assert.True(set.SeededBytesPerValue < set.BytesPerValue * 0.51);
    }

    [Fact]
    public void The_large_set_holds_10000_weighted_updates()
    {
        var set = CkksParameterSets.Get(CkksParameterSets.AggregationLarge);
        Assert.Equal(1 << 14, set.Rlwe.N);
        Assert.True(set.Capacity >= 10_000);
    }

    [Fact]
    public void The_SEAL_comparable_sets_have_SEALs_moduli_widths()
    {
        var s8 = CkksParameterSets.Get(CkksParameterSets.Seal8192).Rlwe;
        var s16 = CkksParameterSets.Get(CkksParameterSets.Seal16384).Rlwe;
        Assert.Equal((13, 2, 1), (s8.LogN, s8.Q.Count, s8.P.Count));
        Assert.Equal((14, 3, 1), (s16.LogN, s16.Q.Count, s16.P.Count));
        Assert.InRange(s8.LogQP, 159, 160);
        Assert.InRange(s16.LogQP, 199, 200);
    }

    [Fact]
    public void An_unknown_name_is_refused_with_the_valid_names()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => CkksParameterSets.Get("aggregation-tiny"));
        Assert.Contains(CkksParameterSets.AggregationDefault, error.Message);
    }
}
