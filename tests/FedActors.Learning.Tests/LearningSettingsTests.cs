using FedActors.Configuration;
using FedActors.Learning.Kernels.Gemm;
using Xunit;

namespace FedActors.Learning.Tests;

public sealed class LearningSettingsTests
{
    private static LearningSettings Read(string overrides) =>
        LearningSettings.FromConfig(ConfigFactory.ParseString(overrides, "test.conf").WithFallback(ConfigFactory.Reference).GetConfig("fedactors.learning"));

    [Fact]
    public void The_reference_defaults_use_the_user_cache_one_worker_per_processor_and_auto_gemm()
    {
        var settings = Read("");
        Assert.Equal(Environment.ProcessorCount, settings.TrainerWorkers);
        Assert.Equal(GemmBackend.Auto, settings.GemmBackend);
        Assert.EndsWith(Path.Combine("fedactors", "datasets"), settings.DataCache.Root);
    }

    [Fact]
    public void Configured_values_are_read()
    {
        var settings = Read("fedactors.learning { trainer-workers = 3, gemm-backend = managed, data-cache = \"/tmp/x\" }");
        Assert.Equal(3, settings.TrainerWorkers);
        Assert.Equal(GemmBackend.Managed, settings.GemmBackend);
        Assert.Equal("/tmp/x", settings.DataCache.Root);
        Assert.Equal("managed", settings.CreateGemm().Name);
    }

    [Fact]
    public void Invalid_values_are_located_and_name_the_key()
    {
        var ex = Assert.Throws<ConfigException>(() => Read("fedactors.learning.gemm-backend = cuda"));
        Assert.Contains("test.conf:1:", ex.Message);
        Assert.Contains("fedactors.learning.gemm-backend must be auto, openblas or managed", ex.Message);
        var workers = Assert.Throws<ConfigException>(() => Read("fedactors.learning.trainer-workers = -1"));
        Assert.Contains("fedactors.learning.trainer-workers must be >= 0", workers.Message);
        Assert.Contains("was -1", workers.Message);
    }
}
