namespace FedActors.Federation.Deployment;

/// <summary>How many of the members a cluster run needs are Up while the coordinator waits for them.</summary>
/// <param name="Clients">Client members Up.</param>
/// <param name="ClientsNeeded">The scenario's <c>federation.clients</c>.</param>
/// <param name="KeyManagers">Key-manager members Up.</param>
/// <param name="KeyManagersNeeded">1 in secure-sum mode, 0 in plaintext mode.</param>
public sealed record MemberCount(int Clients, int ClientsNeeded, int KeyManagers, int KeyManagersNeeded)
{
    /// <summary>Whether every member the run needs is Up.</summary>
    public bool Complete => Clients >= ClientsNeeded && KeyManagers >= KeyManagersNeeded;

    /// <summary><c>2 of 3 clients, 0 of 1 key-manager</c>.</summary>
    public override string ToString() =>
        $"{Clients} of {ClientsNeeded} clients" + (KeyManagersNeeded > 0 ? $", {KeyManagers} of {KeyManagersNeeded} key-manager" : string.Empty);
}
