using System.Diagnostics;
using System.Text;
using FedActors.Crypto.Envelope;
using FedActors.Crypto.Identity;
using FedActors.Crypto.Tests.Envelope;
using Xunit;

namespace FedActors.Crypto.Tests.Identity;

public sealed class RosterTests
{
    private static readonly Fingerprint A = Fingerprint.Of("a"u8);
    private static readonly Fingerprint B = Fingerprint.Of("b"u8);

    [Fact]
    public void A_roster_round_trips_through_json()
    {
        var roster = Roster.Empty
            .Add(new RosterEntry("coordinator", NodeRole.Coordinator, A))
            .Add(new RosterEntry("site-1", NodeRole.Client, B));
        var parsed = Roster.Parse(roster.ToJson(), "roster.json");
        Assert.Equal(roster.Entries, parsed.Entries);
        Assert.Contains("\"role\": \"coordinator\"", roster.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_names_and_certificates_are_refused()
    {
        var roster = Roster.Empty.Add(new RosterEntry("site-1", NodeRole.Client, A));
        Assert.Contains("already has an identity named 'site-1'", Assert.Throws<IdentityException>(() => roster.Add(new RosterEntry("site-1", NodeRole.Client, B))).Message, StringComparison.Ordinal);
        Assert.Contains("already on the roster as 'site-1'", Assert.Throws<IdentityException>(() => roster.Add(new RosterEntry("site-2", NodeRole.Client, A))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_a_listed_certificate_issued_to_the_listed_name_is_admitted()
    {
        using var key = EcKeyPair.Generate();
        using var certificate = NodeCertificates.CreateSelfSigned("site-1", key, TimeSpan.FromDays(1), TimeProvider.System);
        using var impostor = NodeCertificates.CreateSelfSigned("site-1", key, TimeSpan.FromDays(2), TimeProvider.System);
        var fingerprint = NodeCertificates.FingerprintOf(certificate);
        Assert.Equal(NodeRole.Client, Roster.Empty.Add(new RosterEntry("site-1", NodeRole.Client, fingerprint)).Admit(certificate)?.Role);
        Assert.Null(Roster.Empty.Add(new RosterEntry("site-2", NodeRole.Client, fingerprint)).Admit(certificate));
        Assert.Null(Roster.Empty.Add(new RosterEntry("site-1", NodeRole.Client, fingerprint)).Admit(impostor));
    }

    [Fact]
    public void Removing_an_identity_leaves_the_others()
    {
        var roster = Roster.Empty.Add(new RosterEntry("site-1", NodeRole.Client, A)).Add(new RosterEntry("site-2", NodeRole.Client, B)).Remove("site-1");
        Assert.Equal("site-2", Assert.Single(roster.Entries).Name);
        Assert.Throws<IdentityException>(() => roster.Remove("site-1"));
    }

    [Theory]
    [InlineData("[]", "not a JSON object")]
    [InlineData("{\"version\": 2, \"identities\": []}", "\"version\" must be 1")]
    [InlineData("{\"version\": 1}", "\"identities\" must be an array")]
    [InlineData("{\"version\": 1, \"identities\": [{\"name\": \"x\", \"role\": \"boss\", \"fingerprint\": \"sha256:00\"}]}", "identities[0]: role 'boss' is unknown")]
    [InlineData("{\"version\": 1, \"identities\": [{\"name\": \"x\", \"role\": \"client\", \"fingerprint\": \"abc\"}]}", "identities[0]: 'abc' is not a SHA-256 fingerprint")]
    [InlineData("{\"version\": 1, \"identities\": [{\"role\": \"client\"}]}", "identities[0]")]
    [InlineData("{\"version\": 1, \"identities\": [{\"name\": \"Bad Name\", \"role\": \"client\", \"fingerprint\": \"sha256:ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb\"}]}", "node name 'Bad Name' is invalid")]
    [InlineData("{\"version\": 1, \"identities\": [", "roster 'roster.json' is invalid")]
    public void Invalid_rosters_are_refused_naming_the_file_and_entry(string json, string expected)
    {
        var e = Assert.Throws<IdentityException>(() => Roster.Parse(json, "roster.json"));
        Assert.StartsWith("roster 'roster.json' is invalid: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mutated_rosters_parse_or_fail_with_an_identity_exception()
    {
        var valid = Encoding.UTF8.GetBytes(Roster.Empty
            .Add(new RosterEntry("site-1", NodeRole.Client, Fingerprint.Of("a"u8)))
            .Add(new RosterEntry("coordinator", NodeRole.Coordinator, Fingerprint.Of("b"u8)))
            .ToJson());
        var random = new Random(11);
        var clock = Stopwatch.StartNew();
        for (var round = 0; round < 3000; round++)
        {
            var text = Encoding.UTF8.GetString(SealedBoxTests.Mutate(valid, random));
            try
            {
                Roster.Parse(text, "roster.json");
            }
            catch (IdentityException e)
            {
                Assert.StartsWith("roster 'roster.json' is invalid: ", e.Message, StringComparison.Ordinal);
            }
        }
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"fuzzing took {clock.Elapsed}");
    }
}
