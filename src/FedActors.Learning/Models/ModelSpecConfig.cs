using FedActors.Configuration;
using FedActors.Learning.Layers;
using FedActors.Learning.Tensors;

namespace FedActors.Learning.Models;

/// <summary>
/// Reads a model from HOCON. The value at the path is a name (<c>model = cnn-mcmahan</c>), a named
/// model with options (<c>model { type = mlp, hidden = [200, 200] }</c>), or a layer list:
/// <code>
/// model {
///   name = small-cnn
///   layers = [
///     { type = conv2d, filters = 16, kernel = 5, padding = same }   # padding: same | valid
///     { type = relu }
///     { type = max-pool, size = 2 }
///     { type = flatten }
///     { type = dropout, rate = 0.25 }
///     { type = dense, units = 10 }                                   # the last layer outputs one value per class
///   ]
/// }
/// </code>
/// Every error is a <see cref="ConfigException"/> located at the offending value.
/// </summary>
public static class ModelSpecConfig
{
    /// <summary>Builds the model at <paramref name="path"/> of <paramref name="config"/> for the data's input shape and classes.</summary>
    /// <exception cref="ConfigException">The value is malformed, names an unknown model or layer, or does not fit the data.</exception>
    public static ModelSpec FromConfig(Config config, string path, TensorShape inputShape, int classes)
    {
        try
        {
            if (config.GetValueType(path) == ConfigValueType.String)
            {
                var name = config.GetString(path);
                return name is "logreg" or "mlp" or "cnn-mcmahan"
                    ? ModelSpec.Named(name, inputShape, classes)
                    : throw config.Invalid(path, "must be logreg, mlp, cnn-mcmahan or an object with layers");
            }
            var model = config.GetConfig(path);
            if (model.HasPath("layers"))
            {
                RequireOnly(model, "name", "layers");
                var name = model.HasPath("name") ? model.GetString("name") : "custom";
                var layers = model.GetConfigList("layers").Select(Layer).ToArray();
                return ModelSpec.FromLayers(name, inputShape, classes, layers);
            }
            RequireOnly(model, "type", "hidden");
            var type = model.GetString("type");
            if (type is not ("logreg" or "mlp" or "cnn-mcmahan"))
            {
                throw model.Invalid("type", "must be logreg, mlp or cnn-mcmahan (or give a layers list instead)");
            }
            if (model.HasPath("hidden") && type != "mlp")
            {
                throw model.Invalid("hidden", "is only valid with type = mlp");
            }
            var hidden = model.HasPath("hidden") ? model.GetIntList("hidden") : null;
            if (hidden is not null && hidden.Any(h => h <= 0))
            {
                throw model.Invalid("hidden", "must list positive layer widths");
            }
            return ModelSpec.Named(type, inputShape, classes, hidden);
        }
        catch (ArgumentException ex)
        {
            // Shape errors surface when the layers are assembled: report them at the model's location.
            throw new ConfigException(config.GetOrigin(path), Full(config, path), $"does not fit data of shape {inputShape} with {classes} classes: {ex.Message}", ex);
        }
    }

    private static LayerSpec Layer(Config layer)
    {
        var type = layer.GetString("type");
        switch (type)
        {
            case "dense":
                RequireOnly(layer, "type", "units");
                return new DenseSpec(Positive(layer, "units"));
            case "conv2d":
                RequireOnly(layer, "type", "filters", "kernel", "padding");
                var padding = !layer.HasPath("padding") ? Padding.Same : layer.GetString("padding") switch
                {
                    "same" => Padding.Same,
                    "valid" => Padding.Valid,
                    _ => throw layer.Invalid("padding", "must be same or valid"),
                };
                return new Conv2DSpec(Positive(layer, "filters"), Positive(layer, "kernel"), padding);
            case "max-pool":
                RequireOnly(layer, "type", "size");
                return new MaxPool2DSpec(layer.HasPath("size") ? Positive(layer, "size") : 2);
            case "relu":
                RequireOnly(layer, "type");
                return new ReluSpec();
            case "flatten":
                RequireOnly(layer, "type");
                return new FlattenSpec();
            case "dropout":
                RequireOnly(layer, "type", "rate");
                var rate = layer.GetDouble("rate");
                return rate is >= 0 and < 1 ? new DropoutSpec((float)rate) : throw layer.Invalid("rate", "must be in [0, 1)");
            default:
                throw layer.Invalid("type", "must be dense, conv2d, max-pool, relu, flatten or dropout");
        }
    }

    private static int Positive(Config config, string key)
    {
        var value = config.GetInt(key);
        return value > 0 ? value : throw config.Invalid(key, "must be > 0");
    }

    private static void RequireOnly(Config config, params string[] allowed)
    {
        foreach (var key in config.Keys)
        {
            if (!allowed.Contains(key))
            {
                throw new ConfigException(config.GetOrigin(key), Full(config, key), $"is not a valid key here; valid keys are {string.Join(", ", allowed)}");
            }
        }
    }

    private static string Full(Config config, string key) => string.IsNullOrEmpty(config.Path) ? key : $"{config.Path}.{key}";
}
