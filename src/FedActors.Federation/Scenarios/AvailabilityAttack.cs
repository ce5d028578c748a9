namespace FedActors.Federation.Scenarios;

/// <summary>
/// <c>dropout</c>, <c>straggler</c> and <c>crash</c>: clients (key holders among them) vanish with a
/// probability, answer late by <see cref="Delay"/>, or crash for good at <see cref="CrashRound"/>.
/// </summary>
/// <param name="Type"><c>dropout</c>, <c>straggler</c> or <c>crash</c>.</param>
/// <param name="Clients">Who.</param>
/// <param name="Window">When.</param>
/// <param name="Probability">dropout, straggler: chance per active round, in [0, 1].</param>
/// <param name="Delay">straggler: how late.</param>
/// <param name="CrashRound">crash: the round of the crash (≥ 1).</param>
public sealed record AvailabilityAttack(string Type, AttackClients Clients, AttackWindow Window, double Probability, TimeSpan Delay, int CrashRound)
    : Attack(Type, Clients, Window)
{
    /// <inheritdoc />
    protected override string Parameters() => Type switch
    {
        "crash" => $"crash at round {CrashRound}",
        "straggler" => $"p = {Probability}, {Delay.TotalSeconds} s late",
        _ => $"p = {Probability}",
    };
}
