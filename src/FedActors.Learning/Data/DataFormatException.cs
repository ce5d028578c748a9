namespace FedActors.Learning.Data;

/// <summary>A data file is malformed: wrong magic, header, sizes or values. The message names the file and what was expected.</summary>
public sealed class DataFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DataFormatException(string message)
        : base(message)
    {
    }
}
