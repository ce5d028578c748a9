using FedActors.Crypto.Envelope;
using FedActors.Federation.Protocol;
using FedActors.Federation.Secure;
using Google.Protobuf;

namespace FedActors.Federation.Tests.Secure;

public sealed class ManifestSignatureTests
{
    private static SignedManifest Manifest()
    {
        var manifest = new SignedManifest
        {
            Round = new RoundId { RunId = "run", Epoch = 2, Round = 3, Nonce = ByteString.CopyFrom(1, 2, 3) },
            AggregateHash = ByteString.CopyFrom(new byte[32]),
        };
        manifest.Entries.Add(new ManifestEntry { ClientId = "client-0001", CiphertextHash = ByteString.CopyFrom(7, 7), Signature = ByteString.CopyFrom(9) });
        manifest.Entries.Add(new ManifestEntry { ClientId = "client-0002", CiphertextHash = ByteString.CopyFrom(8, 8), Signature = ByteString.CopyFrom(10) });
        return manifest;
    }

    public static TheoryData<string> Tampers() => ["run", "epoch", "round", "nonce", "entry-client", "entry-hash", "entry-signature", "entry-order", "aggregate"];

    [Theory]
    [MemberData(nameof(Tampers))]
    public void A_signature_covers_every_field_of_the_manifest(string field)
    {
        using var coordinator = EcKeyPair.Generate();
        var manifest = Manifest();
        ManifestSignature.Sign(manifest, coordinator);
        Assert.True(ManifestSignature.Verify(manifest, coordinator.PublicKey));

        switch (field)
        {
            case "run": manifest.Round.RunId = "other"; break;
            case "epoch": manifest.Round.Epoch = 3; break;
            case "round": manifest.Round.Round = 4; break;
            case "nonce": manifest.Round.Nonce = ByteString.CopyFrom(1, 2, 4); break;
            case "entry-client": manifest.Entries[0].ClientId = "client-0003"; break;
            case "entry-hash": manifest.Entries[1].CiphertextHash = ByteString.CopyFrom(8, 9); break;
            case "entry-signature": manifest.Entries[1].Signature = ByteString.CopyFrom(11); break;
            case "entry-order":
                var first = manifest.Entries[0];
                manifest.Entries.RemoveAt(0);
                manifest.Entries.Add(first);
                break;
            default: manifest.AggregateHash = ByteString.CopyFrom(new byte[31].Append((byte)1).ToArray()); break;
        }

        Assert.False(ManifestSignature.Verify(manifest, coordinator.PublicKey));
    }

    [Fact]
    public void Another_key_does_not_verify_the_signature()
    {
        using var coordinator = EcKeyPair.Generate();
        using var other = EcKeyPair.Generate();
        var manifest = Manifest();
        ManifestSignature.Sign(manifest, coordinator);
        Assert.False(ManifestSignature.Verify(manifest, other.PublicKey));
    }
}
