using System.Security.Cryptography.X509Certificates;
using FedActors.Crypto.Identity;

namespace FedActors.Cluster.Daemon;

/// <summary>
/// Checks role claims against the roster: a certificate's roster entry names the one role it is admitted with,
/// and a node may claim only that role. Returns the reason for a refusal (naming the certificate fingerprint), or null.
/// </summary>
internal static class RosterRoles
{
    public static string? Refusal(Roster roster, X509Certificate2 certificate, IReadOnlyList<NodeRole> claimed)
    {
        var fingerprint = NodeCertificates.FingerprintOf(certificate);
        var entry = roster.Admit(certificate);
        if (entry is null)
        {
            return $"certificate '{NodeCertificates.NameOf(certificate)}' with fingerprint {fingerprint} is not on the roster";
        }
        var foreign = claimed.Where(r => r != entry.Role).Select(NodeRoles.ToName).ToList();
        return foreign.Count == 0
            ? null
            : $"certificate '{entry.Name}' with fingerprint {fingerprint} claims role {string.Join(", ", foreign)} but the roster admits it as {NodeRoles.ToName(entry.Role)}";
    }
}
