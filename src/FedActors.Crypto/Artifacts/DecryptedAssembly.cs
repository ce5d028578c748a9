using System.Reflection;
using System.Runtime.Loader;

namespace FedActors.Crypto.Artifacts;

/// <summary>
/// An assembly decrypted and loaded from memory into its own collectible <see cref="AssemblyLoadContext"/>.
/// Disposing it unloads the context; the assembly is collected once no instance or type of it is referenced.
/// </summary>
public sealed class DecryptedAssembly : IDisposable
{
    private readonly AssemblyLoadContext _context;
    private bool _disposed;

    internal DecryptedAssembly(AssemblyLoadContext context, Assembly assembly)
    {
        _context = context;
        Assembly = assembly;
    }

    /// <summary>The loaded assembly.</summary>
    public Assembly Assembly { get; }

    /// <summary>The load context, for tests and diagnostics that watch it being collected.</summary>
    public AssemblyLoadContext Context => _context;

    /// <summary>
    /// The public, concrete, non-generic classes of the assembly that implement <paramref name="interfaceType"/>,
    /// in metadata order. The interface must come from the default context (e.g. FedActors.Learning),
    /// which the load context shares, so instances can be used through it.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="interfaceType"/> is not an interface.</exception>
    public IReadOnlyList<Type> TypesImplementing(Type interfaceType)
    {
        ArgumentNullException.ThrowIfNull(interfaceType);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!interfaceType.IsInterface)
        {
            throw new ArgumentException($"{interfaceType.FullName} is not an interface", nameof(interfaceType));
        }
        return Assembly.GetExportedTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false } && interfaceType.IsAssignableFrom(t))
            .ToArray();
    }

    /// <summary>Starts unloading the load context.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _context.Unload();
    }
}
