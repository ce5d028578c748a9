using FedActors.Learning.Tensors;

namespace FedActors.Learning.Models;

/// <summary>
/// Model code shipped as its own .NET assembly (for example encrypted with <c>fedactors artifact encrypt</c> and
/// named by a scenario's <c>model.assembly</c>). The assembly holds exactly one public, non-abstract class that
/// implements this interface and has a public parameterless constructor. It defines its architecture as a
/// <see cref="ModelSpec"/> of the library's layers, which the library's own <see cref="Training.Trainer"/> trains,
/// so the defined model trains, aggregates and hashes exactly like the same layers declared in a scenario.
/// </summary>
/// <remarks>
/// The host calls <see cref="Define"/> once, at the start of a run, then unloads the assembly: the returned spec
/// must hold only library types (every <see cref="LayerSpec"/> is one), and the implementation must not keep
/// state or threads alive.
/// </remarks>
public interface IModelDefinition
{
    /// <summary>
    /// The model for samples of <paramref name="inputShape"/> and <paramref name="classes"/> classes, usually
    /// <see cref="ModelSpec.FromLayers"/>; its last layer must output <paramref name="classes"/> values.
    /// </summary>
    /// <param name="inputShape">The shape of one sample of the run's data set (images are [height, width, channels]).</param>
    /// <param name="classes">The data set's number of classes.</param>
    /// <returns>The architecture to train.</returns>
    /// <exception cref="ArgumentException">The model does not fit the data (the message says why).</exception>
    ModelSpec Define(TensorShape inputShape, int classes);
}
