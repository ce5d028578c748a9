using FedActors.Federation.Client.Adversaries;
using FedActors.Federation.Coordinator;
using FedActors.Federation.Scenarios;
using FedActors.Learning.Randomness;

namespace FedActors.Federation.Simulation;

/// <summary>
/// Which clients attack, and how: one <see cref="Adversary"/> per attacking client index, built from the
/// scenario's client-side attacks. Each client carries at most one attack. Attacks with explicit client
/// ids take those first; the others take, in file order, the next free clients of one seeded shuffle
/// (a count, or a percentage of all clients rounded down). A <c>sybil</c> attack takes
/// clients × count identities that all carry out its <c>with</c> attack as one coalition. The members of
/// an <c>ipm</c> or <c>alie</c> attack form one <see cref="Coalition"/>. Attack windows are the
/// adversaries' own. Coordinator-side attacks (<c>curious-coordinator</c>, <c>colluding-key-holders</c>)
/// take no client and are not assigned here.
/// </summary>
public sealed class AttackerAssignment
{
    private readonly Dictionary<int, Adversary> _adversaries;

    private AttackerAssignment(Dictionary<int, Adversary> adversaries, Dictionary<int, Attack> attacks, Eavesdropper? eavesdropper, ReplayLedger? replays)
    {
        _adversaries = adversaries;
        Attacks = attacks;
        Eavesdropper = eavesdropper;
        Replays = replays;
    }

    /// <summary>The attack each attacking client carries out (a sybil identity's is the sybil attack's <c>with</c>).</summary>
    public IReadOnlyDictionary<int, Attack> Attacks { get; }

    /// <summary>The eavesdropper a <c>copy-other</c> or <c>rerandomized-copy</c> replay needs, fed by taps on every honest client; null when no attack copies.</summary>
    public Eavesdropper? Eavesdropper { get; }

    /// <summary>Where <c>rerandomized-copy</c> attackers note the replays the protocol cannot detect; null without such an attack.</summary>
    public ReplayLedger? Replays { get; }

    /// <summary>The adversary of client <paramref name="index"/>, or null for an honest client.</summary>
    /// <param name="index">The client index.</param>
    /// <returns>The adversary, if the client attacks.</returns>
    public Adversary? For(int index) => _adversaries.GetValueOrDefault(index);

    /// <summary>Assigns the attackers of <paramref name="scenario"/>.</summary>
    /// <param name="scenario">The validated scenario.</param>
    /// <param name="classes">Classes of the data set (label flipping).</param>
    /// <param name="clientSeed">Client index → that client's training seed (as its <c>ClientActor</c> gets it).</param>
    /// <param name="time">The clock copy-other attackers wait on.</param>
    /// <returns>The assignment.</returns>
    /// <exception cref="ArgumentException">Explicit ids are out of range or taken twice, or the attacks need more clients than the federation has.</exception>
    /// <exception cref="NotSupportedException">A sybil attack's <c>with</c> is not a client-side attack.</exception>
    public static AttackerAssignment Create(Scenario scenario, int classes, Func<int, ulong> clientSeed, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(clientSeed);
        ArgumentNullException.ThrowIfNull(time);
        var clients = scenario.Federation.Clients;
        var taken = new Dictionary<int, Attack>();
        var members = new Dictionary<int, int[]>();
        var attacks = scenario.Attacks.Select((attack, position) => (attack, position)).Where(a => !a.attack.IsCoordinatorSide).ToArray();
        foreach (var (attack, position) in attacks.Where(a => a.attack.Clients.Ids is not null))
        {
            var ids = attack.Clients.Ids!.SelectMany(id => Identities(attack, id, clients)).ToArray();
            foreach (var id in ids)
            {
                if (id < 0 || id >= clients)
                {
                    throw new ArgumentException($"scenario.attacks.{position}.clients names client {id}, but the federation has clients 0 to {clients - 1}.", nameof(scenario));
                }
                if (!taken.TryAdd(id, attack))
                {
                    throw new ArgumentException($"scenario.attacks.{position}.clients names client {id}, which an earlier attack already uses; each client carries at most one attack.", nameof(scenario));
                }
            }
            members[position] = ids;
        }
        var order = Enumerable.Range(0, clients).ToArray();
        new SeededRandom(SeededRandom.Derive((ulong)scenario.Seed, 0xA77AC)).Shuffle(order.AsSpan());
        var free = new Queue<int>(order.Where(i => !taken.ContainsKey(i)));
        foreach (var (attack, position) in attacks.Where(a => a.attack.Clients.Ids is null))
        {
            var count = attack.Clients.Resolve(clients) * (attack is SybilAttack sybil ? sybil.Count : 1);
            if (count > free.Count)
            {
                throw new ArgumentException($"scenario.attacks.{position} needs {count} attacking clients, but only {free.Count} of {clients} are not already attacking; lower clients (or count), or add clients.", nameof(scenario));
            }
            members[position] = Enumerable.Range(0, count).Select(_ => free.Dequeue()).ToArray();
            foreach (var id in members[position])
            {
                taken[id] = attack;
            }
        }
        var eavesdropper = attacks.Any(a => Effective(a.attack) is ReplayAttack { Mode: "copy-other" or "rerandomized-copy" }) ? new Eavesdropper() : null;
        var replays = attacks.Any(a => Effective(a.attack) is ReplayAttack { Mode: "rerandomized-copy" }) ? new ReplayLedger() : null;
        var adversaries = new Dictionary<int, Adversary>();
        var effective = new Dictionary<int, Attack>();
        foreach (var (attack, position) in attacks)
        {
            var with = Effective(attack);
            var coalition = with is IpmAttack or AlieAttack ? new Coalition(members[position], clientSeed) : null;
            foreach (var id in members[position])
            {
                adversaries[id] = Build(scenario, with, id, classes, clientSeed(id), coalition, eavesdropper, replays, time);
                effective[id] = with;
            }
        }
        return new AttackerAssignment(adversaries, effective, eavesdropper, replays);
    }

    private static IEnumerable<int> Identities(Attack attack, int id, int clients) =>
        // Sybil identities of an explicitly named attacker are the next ids after it, wrapping around.
        attack is SybilAttack sybil ? Enumerable.Range(0, sybil.Count).Select(k => (id + k) % clients) : [id];

    private static Attack Effective(Attack attack) => attack is SybilAttack sybil ? sybil.With : attack;

    private static Adversary Build(Scenario scenario, Attack attack, int id, int classes, ulong seed, Coalition? coalition, Eavesdropper? eavesdropper, ReplayLedger? replays, TimeProvider time)
    {
        var rounds = scenario.Rounds;
        // Attack randomness is its own stream of the client's seed, apart from its training stream.
        var attackSeed = SeededRandom.Derive(seed, 0xBAD);
        return attack switch
        {
            SignFlipAttack a => new SignFlipAdversary(a, rounds),
            LabelFlipAttack a => new LabelFlipAdversary(a, classes, rounds),
            GaussianAttack a => new GaussianAdversary(a, rounds, attackSeed),
            BackdoorAttack a => new BackdoorAdversary(a, rounds),
            IpmAttack a => new IpmAdversary(a, rounds, coalition!),
            AlieAttack a => new AlieAdversary(a, rounds, scenario.Federation.Clients, coalition!),
            FreeRiderAttack a => new FreeRiderAdversary(a, rounds, attackSeed),
            ReplayAttack a => new ReplayAdversary(a, rounds, CoordinatorActor.ClientId(id), eavesdropper, time, scenario.Federation.IsSecure, replays),
            AvailabilityAttack a => new AvailabilityAdversary(a, rounds, attackSeed),
            _ => throw new NotSupportedException($"attacks.type = {attack.Type} has no client behaviour; a sybil attack's 'with' must be a client-side attack."),
        };
    }
}
