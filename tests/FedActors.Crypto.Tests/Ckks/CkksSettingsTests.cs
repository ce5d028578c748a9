using FedActors.Configuration;
using FedActors.Crypto.Ckks;
using FedActors.Crypto.Multiparty;

namespace FedActors.Crypto.Tests.Ckks;

public sealed class CkksSettingsTests
{
    [Fact]
    public void The_reference_configuration_gives_the_documented_defaults()
    {
        var settings = CkksSettings.FromConfig(ConfigFactory.Reference);
        Assert.Equal(CkksParameterSets.AggregationDefault, settings.ParameterSet);
        Assert.Equal(1, settings.EncryptionThreads);
        var flooding = FloodingSettings.FromConfig(ConfigFactory.Reference);
        Assert.Equal(FloodingSettings.DefaultStatisticalSecurity, flooding.StatisticalSecurity);
        Assert.Equal(FloodingSettings.DefaultDecryptionsPerKey, flooding.DecryptionsPerKey);
    }

    [Fact]
    public void A_named_set_is_read_and_zero_threads_means_every_processor()
    {
        var settings = CkksSettings.FromConfig(ConfigFactory.ParseString("fedactors.crypto { parameter-set = seal-8192, encryption-threads = 0 }"));
        Assert.Equal(8192, settings.Parameters.Rlwe.N);
        Assert.Equal(Environment.ProcessorCount, settings.EffectiveEncryptionThreads);
    }

    [Fact]
    public void An_unknown_set_is_refused_with_the_key_and_the_value()
    {
        var error = Assert.Throws<ArgumentException>(() => CkksSettings.FromConfig(ConfigFactory.ParseString("fedactors.crypto.parameter-set = insecure-tiny")));
        Assert.Contains("fedactors.crypto.parameter-set must be one of", error.Message);
        Assert.Contains("insecure-tiny", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CkksSettings(encryptionThreads: -1));
    }
}
