namespace FedActors.Federation.Client.Adversaries;

/// <summary>
/// Whether a client takes part in a round of a secure-sum run (<see cref="Adversary.PresenceIn"/>): it contributes and,
/// as a key holder, answers decryption requests on time, <see cref="Delay"/> late, not at all, or its actor stops for
/// the rest of the run.
/// </summary>
/// <param name="Answers">True when the client sends its contribution and its decryption answers this round.</param>
/// <param name="Delay">How late it sends them; zero for at once.</param>
/// <param name="Stops">True when the client's actor stops (a crash): it answers nothing from now on.</param>
public sealed record Presence(bool Answers, TimeSpan Delay, bool Stops)
{
    /// <summary>An honest client: everything at once.</summary>
    public static Presence OnTime { get; } = new(true, TimeSpan.Zero, false);

    /// <summary>A dropout: nothing this round, back next round.</summary>
    public static Presence Absent { get; } = new(false, TimeSpan.Zero, false);

    /// <summary>A crash: the actor stops and answers nothing for the rest of the run.</summary>
    public static Presence Crashed { get; } = new(false, TimeSpan.Zero, true);

    /// <summary>A straggler: everything, <paramref name="delay"/> late.</summary>
    /// <param name="delay">How late (≥ 0).</param>
    /// <returns>The presence.</returns>
    public static Presence Late(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new Presence(true, delay, false);
    }
}
