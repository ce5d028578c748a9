using FedActors.Configuration;
using FedActors.Crypto.Envelope;
using FedActors.Federation.Coordinator;
using FedActors.Federation.Protocol;
using FedActors.Federation.Scenarios;
using FedActors.Persistence.Journal;
using FedActors.Persistence.Query;

namespace FedActors.Federation.Journal;

/// <summary>
/// Audits a run (<c>fedactors replay --verify</c>): the hash chain of every event in the journal, every
/// accepted contribution's signature against the roster in force when it was accepted (journaled in
/// <c>RunStarted</c> and <c>RunResumed</c>), and, when the run stored its contributions (its journaled
/// scenario says <c>persistence.store-ciphertexts = on</c>), that each blob is present and hashes to its address. The first failure is reported naming persistence id, sequence number
/// and event type.
/// </summary>
public static class RunVerifier
{
    /// <summary>Verifies run <paramref name="runId"/>.</summary>
    /// <param name="journal">The run's journal.</param>
    /// <param name="queries">The journal's queries (persistence ids).</param>
    /// <param name="runId">The run id.</param>
    /// <param name="blobs">The run directory's blob store.</param>
    /// <param name="manifestAt">Reads the stored manifest of an event without verifying it, to name the type of an event whose chain is broken.</param>
    /// <param name="cancellationToken">Stops the verification.</param>
    /// <returns>What was checked.</returns>
    /// <exception cref="JournalVerificationException">The first event that fails, with what is wrong.</exception>
    public static async Task<RunVerification> VerifyAsync(
        IJournal journal, IReadJournal queries, string runId, BlobStore blobs, Func<string, long, Task<string?>> manifestAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(manifestAt);
        long events;
        try
        {
            events = (await HashChainVerifier.VerifyAllAsync(journal, queries, cancellationToken).ConfigureAwait(false)).Values.Sum();
        }
        catch (JournalIntegrityException e)
        {
            var manifest = await manifestAt(e.PersistenceId, e.SequenceNr).ConfigureAwait(false);
            throw new JournalVerificationException(e.PersistenceId, e.SequenceNr, TypeName(manifest), e.Message, e);
        }
        var persistenceId = CoordinatorActor.PersistenceIdOf(runId);
        var (signatures, stored) = (0, 0);
        RunStarted? started = null;
        var storesBlobs = false;
        var roster = new Dictionary<string, EcPublicKey>(StringComparer.Ordinal);
        RoundOpened? opened = null;
        await foreach (var (repr, e) in JournalEvents.ReadAsync(journal, persistenceId, cancellationToken).ConfigureAwait(false))
        {
            JournalVerificationException Fail(string problem, Exception? inner = null) => new(persistenceId, repr.SequenceNr, e.GetType().Name, problem, inner);
            switch (e)
            {
                case RunStarted s:
                    started = s;
                    roster = Roster(s.Roster, Fail);
                    storesBlobs = StoresBlobs(s, Fail);
                    break;
                case RunResumed r:
                    roster = Roster(r.Roster, Fail);
                    break;
                case RoundOpened o:
                    opened = o;
                    break;
                case ContributionAccepted a:
                    if (started is null || opened is null || opened.Round != a.Round)
                    {
                        throw Fail($"accepts a contribution to round {a.Round}, which is not open");
                    }
                    if (!roster.TryGetValue(a.ClientId, out var key))
                    {
                        throw Fail($"accepts a contribution from {a.ClientId}, who is not in the journaled roster");
                    }
                    var forked = started.ForkedFromRunId.Length > 0 && a.Round < started.ForkAtRound;
                    var round = new RoundId { RunId = forked ? started.ForkedFromRunId : runId, Epoch = opened.Epoch, Round = opened.Round, Nonce = opened.Nonce };
                    var domain = started.Mode == "secure-sum" ? ContributionSignature.EncryptedDomain : ContributionSignature.PlaintextDomain;
                    if (!key.Verify(ContributionSignature.SignedBytes(domain, round, a.ClientId, a.ContributionHash.Span), a.Signature.Span))
                    {
                        throw Fail($"the signature of {a.ClientId}'s contribution to round {a.Round} does not verify with its journaled key");
                    }
                    signatures++;
                    if (storesBlobs)
                    {
                        try
                        {
                            blobs.Get(a.ContributionHash.Span);
                            stored++;
                        }
                        catch (Exception x) when (x is IOException or InvalidDataException or UnauthorizedAccessException)
                        {
                            throw Fail(x.Message, x);
                        }
                    }
                    break;
            }
        }
        if (started is null)
        {
            throw new JournalVerificationException(persistenceId, 0, "RunStarted", "the journal holds no events for this run");
        }
        return new RunVerification(events, signatures, stored);
    }

    private static bool StoresBlobs(RunStarted started, Func<string, Exception?, JournalVerificationException> fail)
    {
        try
        {
            return ScenarioLoader.FromText(started.ScenarioText, $"journal of run {started.RunId}").Base.Persistence.StoreCiphertexts;
        }
        catch (Exception x) when (x is ScenarioException or ConfigException)
        {
            throw fail($"its scenario text is not a valid scenario: {x.Message}", x);
        }
    }

    private static Dictionary<string, EcPublicKey> Roster(IEnumerable<RosterEntry> entries, Func<string, Exception?, JournalVerificationException> fail)
    {
        var roster = new Dictionary<string, EcPublicKey>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            try
            {
                roster[entry.ClientId] = EcPublicKey.FromSubjectPublicKeyInfo(entry.PublicKey.Span);
            }
            catch (EnvelopeException x)
            {
                throw fail($"the roster key of {entry.ClientId} is not a P-256 public key: {x.Message}", x);
            }
        }
        return roster;
    }

    /// <summary>The short type name in a protobuf manifest (<c>Namespace.Type, Assembly</c>), or what is there when it is not one.</summary>
    private static string TypeName(string? manifest)
    {
        if (string.IsNullOrEmpty(manifest))
        {
            return "unreadable event";
        }
        var type = manifest.Split(',', 2)[0];
        return type[(type.LastIndexOf('.') + 1)..];
    }
}
