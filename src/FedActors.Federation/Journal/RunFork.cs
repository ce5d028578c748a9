using System.Security.Cryptography;
using FedActors.Configuration;
using FedActors.Federation.Coordinator;
using FedActors.Federation.Scenarios;
using FedActors.Federation.Simulation;
using FedActors.Persistence.Journal;
using Google.Protobuf;

namespace FedActors.Federation.Journal;

/// <summary>
/// Prepares a counterfactual fork of a recorded run (<c>fedactors replay --fork-at K --set …</c>): a new run
/// directory whose journal starts with the fork's own <c>RunStarted</c> (the overridden scenario, naming the
/// original run and K) followed by the original's events of rounds 1..K−1 copied verbatim, with their model
/// checkpoints and stored contributions. Resuming that directory (<see cref="ScenarioRunner.ResumeAsync"/>)
/// takes rounds 1..K−1 as recorded (their models checked against the journaled hashes) and runs rounds K..
/// with the overridden settings.
/// </summary>
public static class RunFork
{
    /// <summary>Creates the fork directory of <paramref name="runDirectory"/> at round <paramref name="forkAt"/> and returns it.</summary>
    /// <param name="runDirectory">The original run's directory.</param>
    /// <param name="forkAt">The first round that runs with the overridden settings (2..rounds).</param>
    /// <param name="sets">The <c>--set key=value</c> overrides of the fork.</param>
    /// <param name="persistence">The <c>fedactors.persistence</c> section (tables, retries).</param>
    /// <param name="time">The clock of the stores.</param>
    /// <param name="cancellationToken">Stops the copy.</param>
    /// <returns>The fork's run directory, <c>RUN-fork-K[-overrides]</c>, ready to resume.</returns>
    /// <exception cref="ArgumentException"><paramref name="forkAt"/> is out of range, or round K−1 did not end in the original run.</exception>
    public static async Task<string> CreateAsync(
        string runDirectory, int forkAt, IReadOnlyList<string> sets, Config persistence, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runDirectory);
        ArgumentNullException.ThrowIfNull(sets);
        var runId = RunStore.ReadRunId(runDirectory);
        var original = ScenarioLoader.FromText(File.ReadAllText(Path.Combine(runDirectory, RunStore.ScenarioFile)), Path.Combine(runDirectory, RunStore.ScenarioFile)).Base;
        var settings = RunStore.StoreSettings(original.Persistence, runDirectory, persistence);
        var events = new List<(PersistentRepr Repr, IMessage Event)>();
        JournaledRun recorded;
        await using (var journal = RunStore.OpenJournal(original.Persistence, settings, time))
        {
            recorded = await JournaledRun.ReadAsync(journal, runId, cancellationToken).ConfigureAwait(false);
            await foreach (var e in JournalEvents.ReadAsync(journal, CoordinatorActor.PersistenceIdOf(runId), cancellationToken).ConfigureAwait(false))
            {
                events.Add(e);
            }
        }
        var fork = RunReexecution.ScenarioOf(recorded, sets.Select(ScenarioOverride.Parse).ToArray());
        if (forkAt < 2 || forkAt > fork.Rounds)
        {
            throw new ArgumentException($"--fork-at must be in 2..{fork.Rounds} (the rounds of the forked scenario), was {forkAt}; to change round 1, run the scenario with --set instead.", nameof(forkAt));
        }
        var last = events.FindLastIndex(e => e.Event is RoundCompleted c && c.Round == forkAt - 1 || e.Event is RoundFailed f && f.Round == forkAt - 1);
        if (last < 0)
        {
            throw new ArgumentException($"--fork-at {forkAt} needs round {forkAt - 1} to have ended in run {runId}, which ended {recorded.EndedRounds.Count()} rounds.", nameof(forkAt));
        }
        var directory = $"{Path.TrimEndingDirectorySeparator(runDirectory)}-fork-{forkAt}{(sets.Count == 0 ? "" : "-" + DirectoryName(string.Join(",", sets)))}";
        fork = fork with { Output = fork.Output with { Directory = directory } };
        var forkId = $"{fork.Name}-{fork.Seed}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        RunStore.StartFresh(directory, fork.Text, forkId);
        var started = recorded.Started.Clone();
        (started.RunId, started.ScenarioText, started.Seed, started.Mode, started.ForkedFromRunId, started.ForkAtRound) =
            (forkId, fork.Text, fork.Seed, fork.Federation.Mode, runId, (uint)forkAt);
        var persistenceId = CoordinatorActor.PersistenceIdOf(forkId);
        var serializer = new FedActors.Actors.Serialization.ProtobufSerializer();
        var writes = new List<PersistentRepr> { new(persistenceId, 1, serializer.ManifestOf(typeof(RunStarted)), FedActors.Actors.Serialization.ProtobufSerializer.Id, started.ToByteArray()) };
        // The original's events after its RunStarted, through the end of round K-1, verbatim: the fork's history is the original's.
        var copied = events.Skip(1).Take(last).ToArray();
        writes.AddRange(copied.Select((e, i) => new PersistentRepr(persistenceId, i + 2, e.Repr.Manifest, e.Repr.SerializerId, e.Repr.Payload)));
        var forkSettings = RunStore.StoreSettings(fork.Persistence, directory, persistence);
        await using (var journal = RunStore.OpenJournal(fork.Persistence, forkSettings, time))
        {
            await journal.WriteMessagesAsync([new AtomicWrite(writes)], cancellationToken).ConfigureAwait(false);
        }
        Copy(runDirectory, directory, recorded.EndedRounds.Where(r => r.Round < forkAt).ToArray(), copied.Select(e => e.Event).OfType<ContributionAccepted>().ToArray());
        return directory;
    }

    private static void Copy(string from, string to, IReadOnlyList<JournaledRound> rounds, IReadOnlyList<ContributionAccepted> contributions)
    {
        var (source, target) = (new ModelCheckpoints(from), new ModelCheckpoints(to));
        Directory.CreateDirectory(target.Directory);
        foreach (var round in rounds.Where(r => r.ModelHash is not null))
        {
            // A checkpoint encrypted to the owner (output.encrypt-to) is copied as it is: the fork never decrypts it.
            var plain = source.PathOf(round.Round);
            var file = File.Exists(plain) ? plain : plain + ModelCheckpoints.EncryptedExtension;
            File.Copy(file, Path.Combine(target.Directory, Path.GetFileName(file)), overwrite: true);
        }
        var (blobs, copies) = (new BlobStore(from), new BlobStore(to));
        foreach (var accepted in contributions.Where(a => blobs.Contains(a.ContributionHash.Span)))
        {
            copies.Put(blobs.Get(accepted.ContributionHash.Span));
        }
    }

    private static string DirectoryName(string text) =>
        new(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '=' or '%' or ',' ? c : '_').ToArray());
}
