namespace FedActors.Learning.Data;

/// <summary>Runs an external program (npm, apt-get, dpkg-deb) to fetch a data set; replaced by a fake in tests.</summary>
public interface ICommandRunner
{
    /// <summary>
    /// Runs <paramref name="program"/> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>
    /// and returns when it exits successfully.
    /// </summary>
    /// <exception cref="DataSourceException">The program is not installed (message names <paramref name="installCommand"/>) or exits with an error.</exception>
    void Run(string program, IReadOnlyList<string> arguments, string workingDirectory, string installCommand);
}
