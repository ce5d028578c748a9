using FedActors.Learning.Training;
using Xunit;

namespace FedActors.Learning.Tests.Training;

public sealed class OptimizerTests
{
    [Fact]
    public void Sgd_with_momentum_and_weight_decay_follows_the_pytorch_rule()
    {
        var sgd = new SgdOptimizer(1, learningRate: 0.1f, momentum: 0.5f, weightDecay: 0.1f);
        float[] w = [1f];
        sgd.Step(w, [2f]);           // g = 2 + 0.1·1 = 2.1; v = 2.1; w = 1 − 0.21 = 0.79
        Assert.Equal(0.79f, w[0], 5);
        sgd.Step(w, [2f]);           // g = 2.079; v = 0.5·2.1 + 2.079 = 3.129; w = 0.79 − 0.3129
        Assert.Equal(0.4771f, w[0], 4);
        sgd.Reset();
        sgd.Step(w, [0f]);           // v restarts from 0: g = 0.04771, w −= 0.004771
        Assert.Equal(0.472329f, w[0], 5);
    }

    [Fact]
    public void Adam_first_step_moves_each_parameter_by_the_learning_rate()
    {
        var adam = new AdamOptimizer(2, learningRate: 0.01f, beta1: 0.9f, beta2: 0.999f, epsilon: 1e-8f, weightDecay: 0f);
        float[] w = [1f, 1f];
        adam.Step(w, [5f, -0.001f]);
        Assert.Equal(0.99f, w[0], 5);
        Assert.Equal(1.01f, w[1], 4);
    }
}
