using FedActors.Crypto.Envelope;

namespace FedActors.Crypto.Artifacts;

/// <summary>Resolves a key source written <c>SCHEME:LOCATION</c> (<c>file:key.json</c>, <c>env:MODEL_KEY</c>) to a symmetric key.</summary>
public static class KeySource
{
    /// <summary>The built-in providers: <see cref="FileSecretProvider"/> and <see cref="EnvironmentSecretProvider"/>.</summary>
    public static IReadOnlyList<ISecretProvider> BuiltInProviders { get; } = [new FileSecretProvider(), new EnvironmentSecretProvider()];

    /// <summary>
    /// Reads the key named by <paramref name="source"/> from the provider whose scheme matches, among
    /// <paramref name="providers"/> (the built-in ones when null).
    /// </summary>
    /// <exception cref="ArtifactException">The source is malformed, its scheme unknown, or the provider cannot read the key.</exception>
    public static SymmetricKey Read(string source, IReadOnlyList<ISecretProvider>? providers = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        providers ??= BuiltInProviders;
        var schemes = string.Join(", ", providers.Select(p => p.Scheme));
        var colon = source.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            // A key pasted where its source belongs has no colon (base64 has none): never echo it.
            throw new ArtifactException($"the key source has no scheme (the value is not repeated here, since it could be the key itself); a key source is SCHEME:LOCATION with a scheme among: {schemes} (e.g. file:model-key.json or env:MODEL_KEY)");
        }
        var scheme = source[..colon];
        if (colon == source.Length - 1)
        {
            throw new ArtifactException($"key source '{source}' has no location; a key source is SCHEME:LOCATION with a scheme among: {schemes} (e.g. file:model-key.json or env:MODEL_KEY)");
        }
        var provider = providers.FirstOrDefault(p => string.Equals(p.Scheme, scheme, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArtifactException($"key source '{source}' has the unknown scheme '{scheme}'; known schemes: {schemes}");
        return provider.ReadKey(source[(colon + 1)..]);
    }
}
