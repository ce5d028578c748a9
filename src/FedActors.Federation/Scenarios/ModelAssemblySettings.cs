using FedActors.Configuration;

namespace FedActors.Federation.Scenarios;

/// <summary>
/// <c>scenario.model { assembly = …, key = … }</c>: model code as an encrypted .NET assembly implementing
/// <c>FedActors.Learning.Models.IModelDefinition</c>, decrypted at run start with a key read at run time.
/// </summary>
/// <param name="Path">The encrypted assembly (absolute: resolved against the directory of the file that names it).</param>
/// <param name="KeySource">The symmetric key's source, <c>file:PATH</c> (path resolved like <paramref name="Path"/>) or <c>env:NAME</c>.</param>
/// <param name="PathOrigin">Where <c>model.assembly</c> is set, for errors found when the run loads the assembly.</param>
/// <param name="KeyOrigin">Where <c>model.key</c> is set, for errors found when the run reads the key.</param>
public sealed record ModelAssemblySettings(string Path, string KeySource, ConfigOrigin PathOrigin, ConfigOrigin KeyOrigin)
{
    /// <summary>The key path of the assembly, as errors name it.</summary>
    public const string AssemblyKey = "scenario.model.assembly";

    /// <summary>The key path of the key source, as errors name it.</summary>
    public const string KeyKey = "scenario.model.key";
}
