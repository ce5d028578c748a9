using FedActors.Configuration;
using FedActors.Learning.Layers;
using FedActors.Learning.Models;
using FedActors.Learning.Tensors;
using Xunit;

namespace FedActors.Learning.Tests.Models;

public sealed class ModelSpecConfigTests
{
    private static readonly TensorShape Mnist = new(28, 28, 1);

    private static ModelSpec Read(string text) =>
        ModelSpecConfig.FromConfig(ConfigFactory.ParseString(text, "scenario.conf"), "scenario.model", Mnist, 10);

    [Fact]
    public void A_name_selects_a_built_in_model() =>
        Assert.Equal(1_663_370, Read("scenario.model = cnn-mcmahan").ParameterCount);

    [Fact]
    public void An_mlp_object_takes_its_hidden_widths() =>
        Assert.Equal(199_210, Read("scenario.model { type = mlp, hidden = [200, 200] }").ParameterCount);

    [Fact]
    public void A_layer_list_builds_the_same_network_as_the_equivalent_code()
    {
        var spec = Read("""
            scenario.model {
              name = cnn-from-hocon
              layers = [
                { type = conv2d, filters = 32, kernel = 5 }
                { type = relu }
                { type = max-pool }
                { type = conv2d, filters = 64, kernel = 5, padding = same }
                { type = relu }
                { type = max-pool, size = 2 }
                { type = flatten }
                { type = dense, units = 512 }
                { type = relu }
                { type = dropout, rate = 0.5 }
                { type = dense, units = 10 }
              ]
            }
            """);
        Assert.Equal("cnn-from-hocon", spec.Name);
        Assert.Equal(1_663_370, spec.ParameterCount);
        Assert.Equal(new DropoutSpec(0.5f), spec.Layers[9]);
        Assert.Equal(new Conv2DSpec(32, 5, Padding.Same), spec.Layers[0]);
    }

    [Theory]
    [InlineData("scenario.model = resnet", "scenario.model must be logreg, mlp, cnn-mcmahan")]
    [InlineData("scenario.model { layers = [ { type = lstm } ] }", "must be dense, conv2d, max-pool, relu, flatten or dropout")]
    [InlineData("scenario.model { layers = [ { type = dense, units = 0 } ] }", "units must be > 0, was 0")]
    [InlineData("scenario.model { layers = [ { type = dense, unit = 10 } ] }", "is not a valid key here")]
    [InlineData("scenario.model { layers = [ { type = flatten }, { type = dense, units = 7 } ] }", "does not fit data of shape [28, 28, 1] with 10 classes")]
    [InlineData("scenario.model { layers = [ { type = conv2d, filters = 4, kernel = 4 }, { type = flatten }, { type = dense, units = 10 } ] }", "odd with 'same' padding")]
    [InlineData("scenario.model { type = cnn-mcmahan, hidden = [10] }", "only valid with type = mlp")]
    [InlineData("scenario.model { layers = [ { type = dropout, rate = 1.5 } ] }", "rate must be in [0, 1)")]
    public void Bad_models_are_rejected_with_the_location_and_what_is_valid(string text, string expected)
    {
        var ex = Assert.Throws<ConfigException>(() => Read(text));
        Assert.StartsWith("scenario.conf:1:", ex.Message);
        Assert.Contains(expected, ex.Message);
    }
}
