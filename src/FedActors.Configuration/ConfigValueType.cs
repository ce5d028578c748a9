namespace FedActors.Configuration;

/// <summary>The type of a resolved configuration value.</summary>
public enum ConfigValueType
{
    /// <summary>An object: keys mapped to values.</summary>
    Object,

    /// <summary>A list of values.</summary>
    List,

    /// <summary>A string (quoted, unquoted or a concatenation).</summary>
    String,

    /// <summary>A number written as a JSON number literal.</summary>
    Number,

    /// <summary>The literal <c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>The literal <c>null</c>.</summary>
    Null,
}
