using FedActors.Learning.Kernels.Gemm;
using FedActors.Learning.Layers;
using FedActors.Learning.Randomness;
using FedActors.Learning.Tensors;

namespace FedActors.Learning.Models;

/// <summary>
/// An architecture: per-sample input shape, number of classes and the layer list, all plain values.
/// The network outputs one logit per class (softmax is part of the loss). Two specs with the same
/// <see cref="Description"/> build identical networks. Build one <see cref="Network"/> per worker thread.
/// </summary>
public sealed class ModelSpec
{
    private ModelSpec(string name, TensorShape inputShape, int classes, IReadOnlyList<LayerSpec> layers)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (classes < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(classes), $"A classifier needs at least 2 classes, was {classes}.");
        }
        if (layers.Count == 0)
        {
            throw new ArgumentException($"Model '{name}' has no layers.", nameof(layers));
        }
        Name = name;
        InputShape = inputShape;
        Classes = classes;
        Layers = layers.ToArray();
        // Building validates every shape transition and gives the parameter count.
        var built = BuildLayers(ManagedGemmForShapes);
        var output = built[^1].OutputShape;
        if (output.Size != classes)
        {
            throw new ArgumentException($"Model '{name}' ends with output {output}, but the data has {classes} classes: the last layer must be a dense layer of {classes} units.", nameof(layers));
        }
        ParameterCount = built.Sum(l => l.ParameterCount);
        Description = $"{name}: {inputShape} → {string.Join(" → ", Layers)} ({ParameterCount} parameters)";
    }

    /// <summary>The model's name, e.g. <c>mlp</c>.</summary>
    public string Name { get; }

    /// <summary>The shape of one input sample (images are [height, width, channels]).</summary>
    public TensorShape InputShape { get; }

    /// <summary>Number of classes (outputs).</summary>
    public int Classes { get; }

    /// <summary>The layers, input to output.</summary>
    public IReadOnlyList<LayerSpec> Layers { get; }

    /// <summary>Length of the flat parameter vector.</summary>
    public int ParameterCount { get; }

    /// <summary>A canonical one-line description; equal descriptions mean equal architectures.</summary>
    public string Description { get; }

    /// <summary>Multinomial logistic regression: flatten, dense(classes).</summary>
    public static ModelSpec LogReg(TensorShape inputShape, int classes) =>
        new("logreg", inputShape, classes, [new FlattenSpec(), new DenseSpec(classes)]);

    /// <summary>
    /// A multilayer perceptron with ReLU hidden layers. <c>hidden = [200, 200]</c> on MNIST is
    /// McMahan et al.'s 2NN (199,210 parameters).
    /// </summary>
    public static ModelSpec Mlp(TensorShape inputShape, int classes, IReadOnlyList<int> hidden)
    {
        var layers = new List<LayerSpec> { new FlattenSpec() };
        foreach (var units in hidden)
        {
            layers.Add(new DenseSpec(units));
            layers.Add(new ReluSpec());
        }
        layers.Add(new DenseSpec(classes));
        return new ModelSpec("mlp", inputShape, classes, layers);
    }

    /// <summary>
    /// McMahan et al.'s CNN: 5×5 conv 32 ('same'), 2×2 max pool, 5×5 conv 64 ('same'), 2×2 max pool,
    /// dense 512 ReLU, dense(classes). On MNIST: 1,663,370 parameters.
    /// </summary>
    public static ModelSpec CnnMcMahan(TensorShape inputShape, int classes) =>
        new("cnn-mcmahan", inputShape, classes,
        [
            new Conv2DSpec(32, 5), new ReluSpec(), new MaxPool2DSpec(2),
            new Conv2DSpec(64, 5), new ReluSpec(), new MaxPool2DSpec(2),
            new FlattenSpec(), new DenseSpec(512), new ReluSpec(), new DenseSpec(classes),
        ]);

    /// <summary>
    /// A named model for the data's input shape and classes: <c>logreg</c>, <c>mlp</c> (with
    /// <paramref name="hidden"/>, default [200, 200]) or <c>cnn-mcmahan</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The name is unknown, or the model does not fit the input.</exception>
    public static ModelSpec Named(string name, TensorShape inputShape, int classes, IReadOnlyList<int>? hidden = null) => name switch
    {
        "logreg" => LogReg(inputShape, classes),
        "mlp" => Mlp(inputShape, classes, hidden ?? [200, 200]),
        "cnn-mcmahan" => CnnMcMahan(inputShape, classes),
        _ => throw new ArgumentException($"model must be logreg, mlp, cnn-mcmahan or an object with layers, was '{name}'."),
    };

    /// <summary>A model from an explicit layer list; the last layer must output <paramref name="classes"/> values.</summary>
    /// <exception cref="ArgumentException">A layer does not fit its input, or the output size differs from the class count.</exception>
    public static ModelSpec FromLayers(string name, TensorShape inputShape, int classes, IReadOnlyList<LayerSpec> layers) =>
        new(name, inputShape, classes, layers);

    /// <summary>Builds a network (with its own scratch buffers) that multiplies matrices with <paramref name="gemm"/>.</summary>
    public Network Build(IGemm gemm) => new(this, BuildLayers(gemm));

    /// <summary>Fresh parameters drawn from <paramref name="seed"/>: the same seed gives the same vector bit for bit.</summary>
    public float[] InitializeParameters(ulong seed)
    {
        var parameters = new float[ParameterCount];
        var random = new SeededRandom(seed);
        var offset = 0;
        foreach (var layer in BuildLayers(ManagedGemmForShapes))
        {
            layer.InitializeParameters(parameters.AsSpan(offset, layer.ParameterCount), random);
            offset += layer.ParameterCount;
        }
        return parameters;
    }

    /// <inheritdoc />
    public override string ToString() => Description;

    private static IGemm ManagedGemmForShapes => GemmFactory.Create(GemmBackend.Managed);

    private Layer[] BuildLayers(IGemm gemm)
    {
        var layers = new Layer[Layers.Count];
        var shape = InputShape;
        for (var i = 0; i < layers.Length; i++)
        {
            layers[i] = Layers[i].Build(shape, gemm);
            shape = layers[i].OutputShape;
        }
        return layers;
    }
}
