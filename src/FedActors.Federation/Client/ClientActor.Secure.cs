using System.Diagnostics;
using FedActors.Actors.Core;
using FedActors.Federation.Client.Adversaries;
using FedActors.Federation.Protocol;
using FedActors.Federation.Secure;
using FedActors.Federation.Simulation;
using Google.Protobuf;

namespace FedActors.Federation.Client;

/// <summary>
/// Secure-sum mode of a client (ARCHITECTURE.md, "One round, secure mode"): it keeps the epoch's collective key and
/// group key (<see cref="EpochState"/>), takes part in the key ceremony and answers decryption requests through its
/// <see cref="KeyHolder"/> when it sits on the committee, encrypts u = n_k · clip(Δw) followed by n_k under the
/// collective key, signs and sends it, and on the round's <see cref="AggregateResult"/> combines the sealed shares,
/// divides by Σ n_k, applies the result to its node's model (once per node: <see cref="SimulationNode.Advance"/>) and
/// reports the model hash it computed. Keys are zeroed on rotation and when the actor stops.
/// </summary>
public sealed partial class ClientActor
{
    private readonly SecureClientContext? _secure;
    private KeyHolder? _keyHolder;
    private EpochState? _epochState;
    private GlobalModel? _trainedFrom;
    private CiphertextCodec? _codec;
    private AggregateDecryption? _decryption;

    private void ReceiveSecure(SecureClientContext secure)
    {
        _codec = new CiphertextCodec(secure.Settings.Parameters);
        _decryption = new AggregateDecryption(secure.Settings);
        Receive<KeyCeremonyStart>(start => Sender.Tell(KeyHolder(secure).Begin(start), Self));
        Receive<CrsRevealRequest>(request => Sender.Tell(KeyHolder(secure).Reveal(request), Self));
        Receive<CrsFixed>(fixedCrs => Sender.Tell(KeyHolder(secure).GenPublicKeyShare(fixedCrs), Self));
        Receive<ThresholdDealRequest>(request =>
        {
            foreach (var share in KeyHolder(secure).Deal(request))
            {
                Sender.Tell(share, Self);
            }
        });
        Receive<SealedThresholdShare>(share =>
        {
            if (KeyHolder(secure).Receive(share) is { } ready)
            {
                Sender.Tell(ready, Self);
            }
        });
        Receive<GroupKeyRequest>(request => Sender.Tell(KeyHolder(secure).DealGroupKey(request), Self));
        Receive<EpochKeyed>(keyed => OnEpochKeyed(secure, keyed));
        Receive<DecryptionRequest>(OnDecryptionRequest);
        Receive<AggregateResult>(result => OnAggregateResult(secure, result));
    }

    private KeyHolder KeyHolder(SecureClientContext secure) =>
        _keyHolder ??= new KeyHolder(secure.Settings, secure.RunId, _clientId, _identity, secure.CoordinatorKey, secure.Roster, _node.VerifyOnce);

    private void OnEpochKeyed(SecureClientContext secure, EpochKeyed keyed)
    {
        var next = EpochState.Open(keyed, secure.Settings.Parameters, _identity, _clientId);
        _epochState?.Dispose();
        _epochState = next;
        _keyHolder?.OnEpochKeyed(keyed.Epoch);
        secure.Collusion?.Offer(_keyHolder?.ThresholdKey);
    }

    private void OnDecryptionRequest(DecryptionRequest request)
    {
        var presence = _adversary?.PresenceIn((int)(request.Manifest?.Round?.Round ?? 0)) ?? Presence.OnTime;
        if (presence.Stops)
        {
            Context.Stop(Self);
            return;
        }
        if (!presence.Answers)
        {
            return;
        }
        if (_keyHolder is null || _epochState is null)
        {
            Send(Sender, new DecryptionRefused { Round = request.Manifest?.Round ?? new RoundId(), PartyId = 0, Reason = Client.KeyHolder.WrongEpoch }, Self, presence);
            return;
        }
        Send(Sender, _keyHolder.Answer(request, _epochState), Self, presence);
    }

    /// <summary>Sends <paramref name="message"/> now, or as late as an availability attack's <paramref name="presence"/> says.</summary>
    private void Send(IActorRef to, IMessage message, IActorRef self, Presence presence)
    {
        if (presence.Delay > TimeSpan.Zero)
        {
            Context.System.Scheduler.ScheduleTellOnce(presence.Delay, to, message, self);
            return;
        }
        to.Tell(message, self);
    }

    private async Task ContributeEncryptedAsync(IActorRef coordinator, IActorRef self, AdversaryRound round, float[] clippedUpdate, long samples, double trainingSeconds)
    {
        var request = round.Request;
        var global = round.Global;
        var secure = _secure!;
        var presence = _adversary?.PresenceIn(round.Round) ?? Presence.OnTime;
        if (presence.Stops)
        {
            // A crash: the actor stops before any work of this round; the Coordinator's DeathWatch sees it go.
            Context.Stop(self);
            return;
        }
        var epoch = _epochState
            ?? throw new ProtocolException($"Client {_clientId} was asked to contribute to round {request.Round.Round} of a secure-sum run before any epoch was keyed; the KeyManager must publish the epoch first.");
        _trainedFrom = global;
        var clock = Stopwatch.StartNew();
        var vector = CiphertextCodec.WeightedVector(clippedUpdate, samples);
        secure.Oracle?.RecordUpdate(request.Round.Round, _clientId, vector);
        var random = secure.Settings.Randomness.For("encryption", _clientId, request.Round.Round);
        var contribution = new Contribution { Round = request.Round, ClientId = _clientId, TrainingSeconds = trainingSeconds };
        contribution.Ciphertexts.Add(_codec!.Encrypt(vector, epoch.CollectiveKey, random, secure.Settings.EncryptionThreads));
        ContributionSignature.Sign(contribution, _identity);
        contribution.EncryptionSeconds = clock.Elapsed.TotalSeconds;
        // The colluders' attempt on the ciphertext exactly as the Coordinator receives it.
        secure.Collusion?.Attempt(request.Round.Round, contribution, vector);
        if (_adversary is null)
        {
            coordinator.Tell(contribution, self);
            return;
        }
        var forge = new CiphertextForge(_codec, epoch.CollectiveKey, _identity, _clientId, secure.Settings, secure.Oracle);
        var deliveries = await _adversary.DeliverEncryptedAsync(round, contribution, forge);
        foreach (var delivery in presence.Answers ? deliveries : [])
        {
            Send(coordinator, delivery, self, presence);
        }
    }

    private void OnAggregateResult(SecureClientContext secure, AggregateResult result)
    {
        var clock = Stopwatch.StartNew();
        var from = _trainedFrom
            ?? throw new ProtocolException($"Client {_clientId} received round {result.Round.Round}'s aggregate without having trained in it.");
        var epoch = _epochState
            ?? throw new ProtocolException($"Client {_clientId} received round {result.Round.Round}'s aggregate without an epoch's group key.");
        var sum = _node.DecryptOnce(result, epoch.Epoch, () => _decryption!.DecryptSum(result, epoch, from.Parameters.Length + 1));
        secure.Oracle?.RecordAggregate(result.Round.Round, result.Contributors, sum);
        var next = AggregateDecryption.Apply(from.Parameters, sum);
        var hash = ModelHash.Compute(next);
        _node.Advance(from, next);
        _trainedFrom = null;
        Sender.Tell(new ModelHashReport
        {
            Round = result.Round,
            ClientId = _clientId,
            ModelHash = ByteString.CopyFrom(hash),
            DecryptionSeconds = clock.Elapsed.TotalSeconds,
        }, Self);
    }

    /// <inheritdoc/>
    protected override void PostStop()
    {
        _keyHolder?.Dispose();
        _epochState?.Dispose();
        base.PostStop();
    }
}
