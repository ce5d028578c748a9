using System.Reflection;
using FedActors.Configuration;
using FedActors.Crypto.Artifacts;
using FedActors.Federation.Scenarios;
using FedActors.Learning.Models;
using FedActors.Learning.Tensors;

namespace FedActors.Federation.Simulation;

/// <summary>
/// A scenario's model code (<c>model { assembly = …, key = … }</c>): the encrypted assembly decrypted with the
/// run-time key and loaded from memory (<see cref="EncryptedAssemblyLoader"/>), and its one public
/// <see cref="IModelDefinition"/>. The plaintext assembly never touches the disk and the key is zeroed as soon as
/// the assembly is loaded; disposing unloads the collectible load context.
/// </summary>
/// <remarks>
/// Every failure is a <see cref="ScenarioException"/> located at the scenario key at fault: <c>model.key</c> for a
/// key that cannot be read or does not decrypt the assembly, <c>model.assembly</c> for a damaged artifact, a file
/// that is not an assembly, or an assembly without exactly one model definition.
/// </remarks>
public sealed class ModelCode : IDisposable
{
    private readonly DecryptedAssembly _assembly;
    private readonly IModelDefinition _definition;
    private readonly ModelAssemblySettings _settings;
    private bool _disposed;

    private ModelCode(DecryptedAssembly assembly, IModelDefinition definition, ModelAssemblySettings settings)
    {
        _assembly = assembly;
        _definition = definition;
        _settings = settings;
    }

    /// <summary>The full name of the class that defines the model.</summary>
    public string DefinitionType => _definition.GetType().FullName!;

    /// <summary>Reads the key, decrypts and loads the assembly, and creates its model definition.</summary>
    /// <param name="settings">The scenario's <c>model.assembly</c> and <c>model.key</c>.</param>
    /// <param name="providers">The key providers (the built-in file and environment providers when null).</param>
    /// <returns>The loaded model code; dispose it to unload the assembly.</returns>
    /// <exception cref="ScenarioException">The key cannot be read or is the wrong one, the artifact is damaged, or the assembly does not hold exactly one public model definition.</exception>
    public static ModelCode Load(ModelAssemblySettings settings, IReadOnlyList<ISecretProvider>? providers = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var assembly = Decrypt(settings, providers);
        try
        {
            return new ModelCode(assembly, CreateDefinition(assembly, settings), settings);
        }
        catch
        {
            assembly.Dispose();
            throw;
        }
    }

    /// <summary>The model the assembly defines for data of <paramref name="inputShape"/> with <paramref name="classes"/> classes.</summary>
    /// <exception cref="ScenarioException">The definition throws, e.g. because its layers do not fit the data.</exception>
    public ModelSpec Define(TensorShape inputShape, int classes)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            return _definition.Define(inputShape, classes)
                ?? throw Error(_settings.PathOrigin, ModelAssemblySettings.AssemblyKey, $"{DefinitionType}.Define returned null", "a ModelSpec, e.g. ModelSpec.FromLayers(...)");
        }
        catch (Exception e) when (e is not ScenarioException)
        {
            // The definition is the scenario author's code: its failure is bad input, reported at the key that names it.
            throw Error(_settings.PathOrigin, ModelAssemblySettings.AssemblyKey,
                $"{DefinitionType}.Define({inputShape}, {classes} classes) in {_settings.Path} failed: {e.Message}",
                "a model whose last layer outputs one value per class of the data set", e);
        }
    }

    /// <summary>Unloads the assembly (its load context is collected once nothing references its types).</summary>
    public void Dispose()
    {
        _disposed = true;
        _assembly.Dispose();
    }

    private static DecryptedAssembly Decrypt(ModelAssemblySettings settings, IReadOnlyList<ISecretProvider>? providers)
    {
        Crypto.Envelope.SymmetricKey key;
        try
        {
            key = KeySource.Read(settings.KeySource, providers);
        }
        catch (ArtifactException e)
        {
            throw Error(settings.KeyOrigin, ModelAssemblySettings.KeyKey, $"cannot read the key of {settings.Path}: {e.Message}",
                "a readable key source, file:KEY.json or env:NAME holding the assembly's key", e);
        }

        using (key)
        {
            try
            {
                var header = ArtifactFile.ReadHeader(settings.Path);
                if (!header.RecipientKeyId.Equals(key.Id))
                {
                    throw Error(settings.KeyOrigin, ModelAssemblySettings.KeyKey,
                        $"is the wrong key for {settings.Path}: the assembly is encrypted with key {header.RecipientKeyId}, but {settings.KeySource.Split(':')[0]}:… holds key {key.Id}",
                        "the key source the assembly was encrypted with (fedactors artifact inspect shows its key id)");
                }

                return EncryptedAssemblyLoader.Load(settings.Path, ArtifactKey.FromSymmetricKey(key));
            }
            catch (ArtifactException e)
            {
                throw Error(settings.PathOrigin, ModelAssemblySettings.AssemblyKey, $"cannot be loaded: {e.Message}",
                    "an unmodified assembly encrypted with fedactors artifact encrypt --key-source", e);
            }
        }
    }

    private static IModelDefinition CreateDefinition(DecryptedAssembly assembly, ModelAssemblySettings settings)
    {
        var interfaceName = typeof(IModelDefinition).FullName;
        IReadOnlyList<Type> types;
        try
        {
            types = assembly.TypesImplementing(typeof(IModelDefinition));
        }
        catch (Exception e) when (e is ReflectionTypeLoadException or TypeLoadException or FileNotFoundException or FileLoadException)
        {
            throw Error(settings.PathOrigin, ModelAssemblySettings.AssemblyKey, $"{settings.Path}: its types cannot be loaded: {e.Message}",
                "an assembly that references only FedActors and framework assemblies (merge other dependencies into it)", e);
        }

        if (types.Count != 1)
        {
            var found = types.Count == 0
                ? $"no public class implementing {interfaceName}; its public types are: {string.Join(", ", assembly.Assembly.GetExportedTypes().Select(t => t.FullName))}"
                : $"{types.Count} public classes implementing {interfaceName}: {string.Join(", ", types.Select(t => t.FullName))}";
            throw Error(settings.PathOrigin, ModelAssemblySettings.AssemblyKey, $"{settings.Path} ({assembly.Assembly.GetName().Name}) holds {found}",
                $"an assembly with exactly one public class implementing {interfaceName}");
        }

        var type = types[0];
        if (type.GetConstructor(Type.EmptyTypes) is not { } constructor)
        {
            throw Error(settings.PathOrigin, ModelAssemblySettings.AssemblyKey, $"{type.FullName} in {settings.Path} has no public parameterless constructor",
                $"a public parameterless constructor on the {interfaceName} class");
        }

        try
        {
            return (IModelDefinition)constructor.Invoke(null);
        }
        catch (TargetInvocationException e)
        {
            throw Error(settings.PathOrigin, ModelAssemblySettings.AssemblyKey, $"the constructor of {type.FullName} in {settings.Path} failed: {e.InnerException?.Message}",
                "a model definition whose constructor does not throw", e);
        }
    }

    private static ScenarioException Error(ConfigOrigin origin, string key, string problem, string valid, Exception? cause = null)
    {
        var error = new ScenarioError(origin, key, problem, valid);
        return cause is null ? new ScenarioException([error]) : new ScenarioException(error.ToString(), cause);
    }
}
