namespace FedActors.Cluster.Tests;

/// <summary>
/// A fact that runs `fedactors node` processes in network namespaces (<see cref="NetnsHosts"/>): it needs the built
/// command, like <see cref="CliFactAttribute"/>, and root (CAP_SYS_ADMIN and CAP_NET_ADMIN) with iproute2. Outside CI it is skipped
/// with the reason when either is missing; in CI (the CI variable set) it runs and fails with that reason.
/// </summary>
public sealed class NetnsFactAttribute : FactAttribute
{
    public NetnsFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("CI") is not null)
        {
            return;
        }
        var cli = new CliFactAttribute();
        if (cli.Skip is not null)
        {
            Skip = cli.Skip;
        }
        else if (NetnsHosts.Unavailable is { } reason)
        {
            Skip = $"network namespaces cannot be created here: {reason}";
        }
    }
}
