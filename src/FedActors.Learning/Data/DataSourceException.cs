namespace FedActors.Learning.Data;

/// <summary>
/// A data set's source is missing, could not be fetched, or failed verification. The message says
/// what is wrong and the exact command that fixes it; <see cref="InstallCommand"/> holds that command.
/// </summary>
public sealed class DataSourceException : Exception
{
    /// <summary>Creates the exception with the command that installs or repairs the source.</summary>
    public DataSourceException(string message, string installCommand, Exception? innerException = null)
        : base($"{message} Fix: {installCommand}", innerException)
    {
        InstallCommand = installCommand;
    }

    /// <summary>The shell command that installs or repairs the source, e.g. <c>sudo apt-get install dataset-fashion-mnist</c>.</summary>
    public string InstallCommand { get; }
}
