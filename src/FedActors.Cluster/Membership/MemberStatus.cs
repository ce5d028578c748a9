namespace FedActors.Cluster.Membership;

/// <summary>
/// The life cycle of a member, as in Akka.Cluster. The order is the order a member moves through:
/// Joining → Up → Leaving → Exiting → Removed, with Down reachable from any state and followed by Removed.
/// Gossip merges keep the later state, so a state never moves backwards.
/// </summary>
public enum MemberStatus
{
    /// <summary>Asked to join; the leader will move it Up.</summary>
    Joining,

    /// <summary>A full member.</summary>
    Up,

    /// <summary>Asked to leave gracefully; the leader will move it to Exiting.</summary>
    Leaving,

    /// <summary>Handing over before removal; the leader removes it next.</summary>
    Exiting,

    /// <summary>Declared failed (downed by the coordinator or by an operator); the leader removes it next.</summary>
    Down,

    /// <summary>No longer a member; this incarnation (UID) can never come back.</summary>
    Removed,
}
