using FedActors.Crypto.Envelope;
using FedActors.Federation.Protocol;
using Google.Protobuf;

namespace FedActors.Federation.Secure;

/// <summary>
/// The Coordinator's signature over a decryption manifest: the round, every entry (client id, ciphertext hash and the
/// client's own signature) in order, and the aggregate's hash, in the injective <see cref="CanonicalEncoder"/> encoding.
/// A key holder that checks it knows which contributions the Coordinator claims the aggregate sums.
/// </summary>
public static class ManifestSignature
{
    /// <summary>The signing domain of manifests.</summary>
    public const string Domain = "fedactors/manifest/v1";

    /// <summary>Fills the Coordinator signature of <paramref name="manifest"/> with <paramref name="coordinatorKey"/>.</summary>
    public static void Sign(SignedManifest manifest, EcKeyPair coordinatorKey)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(coordinatorKey);
        manifest.CoordinatorSignature = ByteString.CopyFrom(coordinatorKey.Sign(SignedBytes(manifest)));
    }

    /// <summary>True when <paramref name="manifest"/> carries <paramref name="coordinatorKey"/>'s signature over its content.</summary>
    public static bool Verify(SignedManifest manifest, EcPublicKey coordinatorKey)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(coordinatorKey);
        return manifest.Round is not null && coordinatorKey.Verify(SignedBytes(manifest), manifest.CoordinatorSignature.Span);
    }

    private static byte[] SignedBytes(SignedManifest manifest)
    {
        var round = manifest.Round ?? new RoundId();
        var encoder = new CanonicalEncoder(Domain)
            .Add(round.RunId).Add(round.Epoch).Add(round.Round).Add(round.Nonce.Span)
            .Add(manifest.Entries.Count);
        foreach (var entry in manifest.Entries)
        {
            encoder.Add(entry.ClientId).Add(entry.CiphertextHash.Span).Add(entry.Signature.Span);
        }
        return encoder.Add(manifest.AggregateHash.Span).ToArray();
    }
}
