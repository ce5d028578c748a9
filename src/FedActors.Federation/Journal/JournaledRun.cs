using FedActors.Federation.Coordinator;
using FedActors.Persistence.Journal;
using Google.Protobuf;

namespace FedActors.Federation.Journal;

/// <summary>A run as its Coordinator's journal tells it, read with the hash chain verified.</summary>
/// <param name="Started">The run's <c>RunStarted</c>.</param>
/// <param name="Resumptions">Each <c>RunResumed</c>: a later process took the run over with new client keys.</param>
/// <param name="Rounds">Every round opened, in order.</param>
/// <param name="Completed">The <c>RunCompleted</c>, when the run ended.</param>
public sealed record JournaledRun(RunStarted Started, IReadOnlyList<RunResumed> Resumptions, IReadOnlyList<JournaledRound> Rounds, RunCompleted? Completed)
{
    /// <summary>Reads run <paramref name="runId"/> from <paramref name="journal"/>.</summary>
    /// <exception cref="ResumeException">The journal holds no events for the run, or they do not start with RunStarted.</exception>
    /// <exception cref="JournalIntegrityException">An event was altered, removed or reordered (names the sequence number).</exception>
    public static async Task<JournaledRun> ReadAsync(IJournal journal, string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var persistenceId = CoordinatorActor.PersistenceIdOf(runId);
        RunStarted? started = null;
        RunCompleted? completed = null;
        var resumptions = new List<RunResumed>();
        var rounds = new List<JournaledRound>();
        RoundOpened? opened = null;
        var accepted = new List<ContributionAccepted>();
        var rejected = new List<ContributionRejected>();
        void End(JournaledRound round)
        {
            rounds.Add(round);
            opened = null;
        }
        await foreach (var (repr, e) in JournalEvents.ReadAsync(journal, persistenceId, cancellationToken).ConfigureAwait(false))
        {
            if (started is null && e is not RunStarted)
            {
                throw new ResumeException($"The first event of '{persistenceId}' (sequence number {repr.SequenceNr}) is {e.GetType().Name}, not RunStarted; the journal is not a Coordinator's.");
            }
            switch (e)
            {
                case RunStarted s:
                    started = s;
                    break;
                case RunResumed r:
                    resumptions.Add(r);
                    break;
                case RoundOpened o:
                    (opened, accepted, rejected) = (o, [], []);
                    break;
                case ContributionAccepted a:
                    accepted.Add(a);
                    break;
                case ContributionRejected r:
                    rejected.Add(r);
                    break;
                case RoundCompleted c when opened is not null:
                    End(new JournaledRound((int)c.Round, opened, accepted, rejected, JournaledMetrics.Read(c.MetricsJson), c.ModelHash.ToByteArray()));
                    break;
                case RoundFailed f when opened is not null:
                    End(new JournaledRound((int)f.Round, opened, accepted, rejected, JournaledMetrics.Read(f.MetricsJson), null));
                    break;
                case RunCompleted c:
                    completed = c;
                    break;
            }
        }
        if (started is null)
        {
            throw new ResumeException($"The journal holds no events for '{persistenceId}'; the run never started.");
        }
        if (opened is not null)
        {
            rounds.Add(new JournaledRound((int)opened.Round, opened, accepted, rejected, null, null));
        }
        return new JournaledRun(started, resumptions, rounds, completed);
    }

    /// <summary>The rounds that ended (completed or failed), in order.</summary>
    public IEnumerable<JournaledRound> EndedRounds => Rounds.Where(r => r.Metrics is not null);

    /// <summary>The cluster nodes whose own data directory a client of the run trained on (in any of its rosters); empty for a simulation and a catalog-only cluster run.</summary>
    public IReadOnlyList<string> DataNodes =>
        [.. Resumptions.Select(r => r.Roster).Prepend(Started.Roster).SelectMany(r => r).Select(e => e.DataNode).Where(n => n.Length > 0).Distinct()];

    /// <summary>The sweep variant's name, or null.</summary>
    public string? Variant => Started.Variant.Length == 0 ? null : Started.Variant;
}
