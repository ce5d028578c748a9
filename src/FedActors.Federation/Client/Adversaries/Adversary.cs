using FedActors.Federation.Protocol;

namespace FedActors.Federation.Client.Adversaries;

/// <summary>
/// A client-side attack of SCENARIOS.md, plugged into the same <see cref="ClientActor"/> as honest
/// clients: the actor runs the honest round and asks its adversary (if any) at three points what to
/// change (in secure-sum mode the third, what is sent, is <see cref="DeliverEncryptedAsync"/>, and a fourth,
/// <see cref="PresenceIn"/>, says whether and when the client contributes and answers decryption requests). Every hook defaults to the honest behaviour, so an attack overrides only what it changes.
/// The hooks act on the clipped update before it is signed (or, in secure-sum, encrypted), so the
/// same behaviours serve both modes.
/// </summary>
public abstract class Adversary
{
    /// <summary>
    /// Hook 1, training: the options and batch transform (data poisoning) the client trains with,
    /// or <see cref="TrainingPlan.Skip"/> to send without training. Returns <paramref name="honest"/> unchanged by default.
    /// </summary>
    /// <param name="round">The round being played.</param>
    /// <param name="honest">What an honest client does.</param>
    /// <returns>What this client does.</returns>
    public virtual TrainingPlan PlanTraining(AdversaryRound round, TrainingPlan honest) => honest;

    /// <summary>
    /// Hook 2, the update: rewrites the clipped <paramref name="update"/> in place and returns the
    /// sample count the client claims. Returns <paramref name="samples"/> (no change) by default.
    /// </summary>
    /// <param name="round">The round being played.</param>
    /// <param name="update">The clipped update Δ (model change) the client trained.</param>
    /// <param name="samples">The client's true sample count.</param>
    /// <returns>The sample count to claim.</returns>
    public virtual ValueTask<long> ForgeUpdateAsync(AdversaryRound round, float[] update, long samples) => ValueTask.FromResult(samples);

    /// <summary>
    /// Hook 3, what is sent: the signed contributions (and delays) the client sends for the round.
    /// Sends <paramref name="contribution"/> once, at once, by default.
    /// </summary>
    /// <param name="round">The round being played.</param>
    /// <param name="contribution">The signed contribution of this round.</param>
    /// <returns>The messages to send, each after its delay; empty to send nothing.</returns>
    public virtual IReadOnlyList<Delivery> Deliver(AdversaryRound round, PlaintextContribution contribution) => [new Delivery(contribution, TimeSpan.Zero)];

    /// <summary>
    /// Hook 3 in secure-sum mode: the signed encrypted contributions the client sends for the round, at once. Attacks
    /// that work on ciphertexts (replays) use <paramref name="forge"/>. Sends <paramref name="contribution"/> once by default.
    /// </summary>
    /// <param name="round">The round being played.</param>
    /// <param name="contribution">The signed encrypted contribution of this round.</param>
    /// <param name="forge">What the client can do with other clients' ciphertexts (re-sign, re-randomize).</param>
    /// <returns>The contributions to send; empty to send nothing.</returns>
    public virtual ValueTask<IReadOnlyList<Contribution>> DeliverEncryptedAsync(AdversaryRound round, Contribution contribution, CiphertextForge forge) =>
        ValueTask.FromResult<IReadOnlyList<Contribution>>([contribution]);

    /// <summary>
    /// Hook 4, availability in secure-sum mode: whether the client contributes in <paramref name="round"/> and, as a key
    /// holder, answers that round's decryption requests, how late, or whether its actor stops for good (a crash). The
    /// client actor applies it to what <see cref="DeliverEncryptedAsync"/> returns and to its key holder's answers.
    /// <see cref="Presence.OnTime"/> by default.
    /// </summary>
    /// <param name="round">The round number, from 1.</param>
    /// <returns>The client's presence in the round.</returns>
    public virtual Presence PresenceIn(int round) => Presence.OnTime;
}
