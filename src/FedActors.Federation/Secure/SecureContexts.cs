using FedActors.Crypto.Envelope;
using FedActors.Federation.Protocol;

namespace FedActors.Federation.Secure;

/// <summary>
/// The associated data that binds sealed material to where it belongs, so that a sealed group key or decryption share
/// cannot be moved to another run, epoch, client, round or aggregate.
/// </summary>
public static class SecureContexts
{
    /// <summary>The context the epoch's group key is sealed to <paramref name="clientId"/> under.</summary>
    public static byte[] GroupKey(string runId, uint epoch, string clientId) =>
        new CanonicalEncoder("fedactors/group-key/v1").Add(runId).Add(epoch).Add(clientId).ToArray();

    /// <summary>
    /// The context party <paramref name="partyId"/>'s decryption shares of <paramref name="round"/> are sealed under (the
    /// round's nonce makes it unique; a share of another aggregate fails the combination's c1-digest check).
    /// </summary>
    public static byte[] DecryptionShares(RoundId round, uint partyId)
    {
        ArgumentNullException.ThrowIfNull(round);
        return new CanonicalEncoder("fedactors/decryption-shares/v1")
            .Add(round.RunId).Add(round.Epoch).Add(round.Round).Add(round.Nonce.Span).Add(partyId).ToArray();
    }
}
