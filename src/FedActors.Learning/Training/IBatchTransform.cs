using FedActors.Learning.Randomness;
using FedActors.Learning.Tensors;

namespace FedActors.Learning.Training;

/// <summary>
/// Changes a gathered mini-batch before it reaches the network (backdoor stamping, label flipping).
/// It works on the trainer's batch copy, never on the shared data set.
/// </summary>
public interface IBatchTransform
{
    /// <summary>
    /// Rewrites the first <paramref name="count"/> samples of <paramref name="features"/> (each of
    /// <paramref name="sampleShape"/>) and their <paramref name="labels"/> in place.
    /// </summary>
    void Apply(Span<float> features, Span<int> labels, int count, TensorShape sampleShape, SeededRandom random);
}
