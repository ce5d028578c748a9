using System.Buffers.Binary;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using FedActors.Crypto.Envelope;
using FedActors.Crypto.Multiparty;
using FedActors.Crypto.Ring;
using FedActors.Crypto.Rlwe;
using FedActors.Federation.Protocol;
using FedActors.Federation.Secure;
using Google.Protobuf;
using CrsRevealMessage = FedActors.Federation.Protocol.CrsReveal;
using DecryptionShareMessage = FedActors.Federation.Protocol.DecryptionShare;
using PublicKeyShareMessage = FedActors.Federation.Protocol.PublicKeyShare;

namespace FedActors.Federation.Client;

/// <summary>
/// A committee client's key material and its side of the key ceremony and of threshold decryption (ARCHITECTURE.md,
/// "Keys and epochs"; CRYPTO.md, "Threshold"). Per epoch it commits to and reveals its CRS contribution, publishes its
/// public-key share, deals Shamir shares of its secret sealed to every other member, and sums what it receives into
/// its <see cref="ThresholdSecretKey"/>. It answers a <see cref="DecryptionRequest"/> only when the manifest carries the
/// Coordinator's signature and at least <c>min-contributions</c> distinct valid client signatures for the round, when
/// (with <c>verify-aggregate</c>) the c1 to decrypt is the sum of the listed contributions, when it is in a valid active
/// set, and when it never shared this ciphertext before (<see cref="DecryptionRecord"/>, kept per epoch); otherwise it
/// refuses with a reason. Holders of one simulated node may share the expensive part of <c>verify-aggregate</c>
/// (re-summing the contributions) through a success-only cache keyed by <see cref="AggregateStatement"/>; every other
/// check each holder makes itself. The secret key is zeroed once dealt; the threshold key at the next ceremony and on disposal.
/// Not thread-safe: its actor calls it one message at a time.
/// </summary>
public sealed class KeyHolder : IDisposable
{
    /// <summary>Refusal: the request is for another epoch than the key this holder holds (or it holds none).</summary>
    public const string WrongEpoch = "wrong-epoch";

    /// <summary>Refusal: the manifest does not carry the Coordinator's valid signature.</summary>
    public const string BadManifestSignature = "bad-manifest-signature";

    /// <summary>Refusal: a manifest entry is not a valid client signature for this round, or a client is listed twice.</summary>
    public const string InvalidEntry = "invalid-entry";

    /// <summary>Refusal: fewer distinct signed contributions than <c>min-contributions</c> (the isolation attack).</summary>
    public const string TooFewSignatures = "too-few-signatures";

    /// <summary>Refusal: the aggregate is not the sum of the listed contributions, or its hash does not match the manifest.</summary>
    public const string AggregateMismatch = "aggregate-mismatch";

    /// <summary>Refusal: the active set is not t committee members including this holder.</summary>
    public const string BadActiveSet = "bad-active-set";

    /// <summary>Refusal: this holder already produced a share for one of the ciphertexts (or spent its epoch's budget).</summary>
    public const string AlreadyAnswered = "already-answered";

    private readonly SecureSettings _settings;
    private readonly RlweParameters _parameters;
    private readonly string _runId;
    private readonly string _clientId;
    private readonly EcKeyPair _identity;
    private readonly EcPublicKey _coordinatorKey;
    private readonly IReadOnlyDictionary<string, EcPublicKey> _roster;
    private readonly CiphertextCodec _codec;
    private readonly Func<byte[], Func<bool>, bool>? _verifyOnce;
    private readonly Dictionary<int, ThresholdShare> _received = [];
    private readonly List<CrsCommitment> _commitments = [];
    private uint _epoch;
    private int _partyId;
    private int _threshold;
    private int[] _parties = [];
    private CrsContribution? _crs;
    private SecretKey? _secret;
    private ThresholdSecretKey? _key;
    private DecryptionRecord? _record;

    /// <summary>
    /// The holder's threshold key of the current epoch, or null before it is dealt: what a member of a
    /// <c>colluding-key-holders</c> coalition hands to the Coordinator (<see cref="Secure.CollusionAttempt"/>). The key
    /// stays owned by the holder, which zeroes it at the next ceremony.
    /// </summary>
    internal ThresholdSecretKey? ThresholdKey => _key;

    /// <summary>Creates the key holder of client <paramref name="clientId"/>.</summary>
    /// <param name="settings">The run's secure settings.</param>
    /// <param name="runId">The run id manifests must carry.</param>
    /// <param name="clientId">This client's id.</param>
    /// <param name="identity">This client's identity key: Shamir shares are sealed to it.</param>
    /// <param name="coordinatorKey">The Coordinator's signature key (manifests).</param>
    /// <param name="roster">Every client's signature key (manifest entries).</param>
    /// <param name="verifyOnce">
    /// Shares a successful <c>verify-aggregate</c> check among the key holders of one simulated node
    /// (<see cref="Simulation.SimulationNode.VerifyOnce"/>): called with the digest of the checked statement
    /// (<see cref="AggregateStatement"/>) and the check itself. Null runs every check.
    /// </param>
    public KeyHolder(
        SecureSettings settings, string runId, string clientId, EcKeyPair identity, EcPublicKey coordinatorKey, IReadOnlyDictionary<string, EcPublicKey> roster,
        Func<byte[], Func<bool>, bool>? verifyOnce = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(runId);
        ArgumentNullException.ThrowIfNull(clientId);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(coordinatorKey);
        ArgumentNullException.ThrowIfNull(roster);
        _settings = settings;
        _parameters = settings.Parameters.Rlwe;
        _runId = runId;
        _clientId = clientId;
        _identity = identity;
        _coordinatorKey = coordinatorKey;
        _roster = roster;
        _codec = new CiphertextCodec(settings.Parameters);
        _verifyOnce = verifyOnce;
    }

    /// <summary>The party id of this holder in the current ceremony's committee (0 before any).</summary>
    public int PartyId => _partyId;

    /// <summary>True when this holder holds a threshold key for <paramref name="epoch"/>.</summary>
    public bool HoldsKey(uint epoch) => _key is not null && _epoch == epoch;

    /// <summary>Discards every key of an earlier epoch once <paramref name="epoch"/> is keyed (a member leaving the committee at rotation).</summary>
    public void OnEpochKeyed(uint epoch)
    {
        if (_epoch != epoch)
        {
            DiscardKeys();
        }
    }

    /// <summary>Joins the ceremony of a new epoch (discarding every key of the previous one) and commits to a CRS contribution.</summary>
    /// <exception cref="ProtocolException">This client is not on the announced committee.</exception>
    public CrsCommit Begin(KeyCeremonyStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        var index = start.Committee.IndexOf(_clientId);
        if (index < 0)
        {
            throw new ProtocolException($"Client {_clientId} was asked to join the ceremony of epoch {start.Epoch}, but the committee does not list it.");
        }
        DiscardKeys();
        _epoch = start.Epoch;
        _partyId = index + 1;
        _threshold = (int)start.Threshold;
        _parties = Enumerable.Range(1, start.Committee.Count).ToArray();
        _crs = CrsContribution.Create(_parameters, _epoch, _partyId, _settings.Randomness.For("crs", _clientId, _epoch));
        return new CrsCommit { Epoch = _epoch, PartyId = (uint)_partyId, Commitment = ByteString.CopyFrom(_crs.Commit().ToBytes(_parameters)) };
    }

    /// <summary>Records every member's commitment and reveals this member's contribution.</summary>
    /// <exception cref="ProtocolException">The request is for another epoch or does not hold every member's commitment.</exception>
    public CrsRevealMessage Reveal(CrsRevealRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var crs = RequireCeremony(request.Epoch, _crs, "reveal");
        _commitments.Clear();
        _commitments.AddRange(request.Commits.Select(c => CrsCommitment.FromBytes(_parameters, c.Commitment.Span)));
        if (_commitments.Select(c => c.PartyId).Order().SequenceEqual(_parties) is false)
        {
            throw new ProtocolException($"The reveal request of epoch {_epoch} lists commitments of parties [{string.Join(", ", _commitments.Select(c => c.PartyId))}], not of the whole committee 1..{_parties.Length}.");
        }
        return new CrsRevealMessage { Epoch = _epoch, PartyId = (uint)_partyId, SeedShare = ByteString.CopyFrom(crs.Reveal().ToBytes(_parameters)) };
    }

    /// <summary>
    /// Checks every reveal against the commitments recorded at <see cref="Reveal"/> (the seed is then the one the
    /// KeyManager computed), generates this member's secret, and returns its public-key share with its identity key.
    /// </summary>
    /// <exception cref="CrsCeremonyException">A reveal is missing or does not open its commitment; the exception names the members.</exception>
    public PublicKeyShareMessage GenPublicKeyShare(CrsFixed fixedCrs)
    {
        ArgumentNullException.ThrowIfNull(fixedCrs);
        RequireCeremony(fixedCrs.Epoch, _crs, "public-key share");
        var ceremony = new CrsCeremony(_parameters, _epoch, _parties);
        foreach (var commitment in _commitments)
        {
            ceremony.AddCommitment(commitment);
        }
        foreach (var reveal in fixedCrs.Reveals)
        {
            ceremony.AddReveal(Crypto.Multiparty.CrsReveal.FromBytes(_parameters, reveal.SeedShare.Span));
        }
        var seed = ceremony.Complete();
        var protocol = new PublicKeyGenProtocol(_parameters, _settings.Randomness.For("keygen", _clientId, _epoch));
        _secret = protocol.GenSecretKey();
        var share = protocol.GenShare(_secret, protocol.SampleCrp(seed, _epoch), _epoch, _partyId);
        return new PublicKeyShareMessage
        {
            Epoch = _epoch,
            PartyId = (uint)_partyId,
            Share = ByteString.CopyFrom(share.ToBytes()),
            BoxPublicKey = ByteString.CopyFrom(_identity.PublicKey.ToUncompressedPoint()),
        };
    }

    /// <summary>
    /// Deals a Shamir sharing (degree t − 1, constant term this member's secret) of its secret: keeps its own share and
    /// returns one share sealed to each other member's identity key. The secret key is zeroed afterwards.
    /// </summary>
    /// <exception cref="ProtocolException">The request lists another number of members than the committee.</exception>
    public IReadOnlyList<SealedThresholdShare> Deal(ThresholdDealRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var secret = RequireCeremony(request.Epoch, _secret, "deal");
        if (request.BoxPublicKeys.Count != _parties.Length)
        {
            throw new ProtocolException($"The deal request of epoch {_epoch} carries {request.BoxPublicKeys.Count} member keys for a committee of {_parties.Length}.");
        }
        var thresholdizer = new Thresholdizer(_parameters, _settings.Randomness.For("shamir", _clientId, _epoch));
        var sealedShares = new List<SealedThresholdShare>(_parties.Length - 1);
        using (var polynomial = thresholdizer.GenShamirPolynomial(_threshold, secret, _epoch, _partyId))
        {
            foreach (var party in _parties)
            {
                var share = thresholdizer.GenShare(polynomial, party);
                if (party == _partyId)
                {
                    _received[party] = share;
                    continue;
                }
                using (share)
                {
                    var recipient = EcPublicKey.FromUncompressedPoint(request.BoxPublicKeys[party - 1].Span);
                    sealedShares.Add(new SealedThresholdShare
                    {
                        Epoch = _epoch,
                        FromParty = (uint)_partyId,
                        ToParty = (uint)party,
                        Sealed = ByteString.CopyFrom(ThresholdShareEnvelope.Seal(share, recipient)),
                    });
                }
            }
        }
        secret.Dispose();
        _secret = null;
        return sealedShares;
    }

    /// <summary>
    /// Opens a share another member dealt to this one; once every member's share is in, sums them into this member's
    /// threshold key and returns the readiness message (null until then).
    /// </summary>
    /// <exception cref="ProtocolException">The share is for another epoch or recipient, from a non-member, or a second one from its dealer.</exception>
    public ThresholdKeyReady? Receive(SealedThresholdShare share)
    {
        ArgumentNullException.ThrowIfNull(share);
        RequireCeremony(share.Epoch, _crs, "threshold share");
        var dealer = (int)share.FromParty;
        if (share.ToParty != _partyId || dealer < 1 || dealer > _parties.Length || _received.ContainsKey(dealer))
        {
            throw new ProtocolException($"Party {_partyId} of epoch {_epoch} got a threshold share from party {share.FromParty} to party {share.ToParty}: not addressed to it, from a non-member, or a second one.");
        }
        _received[dealer] = ThresholdShareEnvelope.Open(_parameters, _identity, share.Sealed.Span, _epoch, dealer, _partyId);
        if (_received.Count < _parties.Length)
        {
            return null;
        }
        _key = new Thresholdizer(_parameters).AggregateShares(_partyId, _parties, _received.Values);
        foreach (var received in _received.Values)
        {
            received.Dispose();
        }
        _received.Clear();
        _record = new DecryptionRecord(_epoch, _settings.Flooding);
        return new ThresholdKeyReady { Epoch = _epoch, PartyId = (uint)_partyId };
    }

    /// <summary>
    /// Generates the epoch's group key and seals it to every client's identity key under its
    /// <see cref="SecureContexts.GroupKey"/> context; the key itself is zeroed before returning, so only the sealed
    /// copies leave this member (the KeyManager that relays them cannot open them).
    /// </summary>
    public SealedGroupKeys DealGroupKey(GroupKeyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ClientIds.Count != request.IdentityKeys.Count)
        {
            throw new ProtocolException($"The group-key request of epoch {request.Epoch} lists {request.ClientIds.Count} clients and {request.IdentityKeys.Count} keys.");
        }
        using var groupKey = SymmetricKey.Generate();
        var reply = new SealedGroupKeys { Epoch = request.Epoch };
        for (var i = 0; i < request.ClientIds.Count; i++)
        {
            var recipient = EcPublicKey.FromUncompressedPoint(request.IdentityKeys[i].Span);
            reply.ClientIds.Add(request.ClientIds[i]);
            reply.Sealed.Add(ByteString.CopyFrom(groupKey.SealTo(recipient, SecureContexts.GroupKey(_runId, request.Epoch, request.ClientIds[i]))));
        }
        return reply;
    }

    /// <summary>
    /// Checks <paramref name="request"/> and answers with this holder's flooded decryption shares of every aggregate
    /// ciphertext, sealed under the epoch's group key, or refuses with one of this type's reasons.
    /// </summary>
    /// <param name="request">The Coordinator's request.</param>
    /// <param name="epoch">The epoch this client holds (collective key and group key).</param>
    /// <returns>A <see cref="DecryptionShareMessage"/> or a <see cref="DecryptionRefused"/>.</returns>
    public IMessage Answer(DecryptionRequest request, EpochState epoch)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(epoch);
        var clock = Stopwatch.StartNew();
        var round = request.Manifest?.Round ?? new RoundId();
        var (refusal, ciphertexts) = Check(request, epoch);
        if (refusal is not null)
        {
            return new DecryptionRefused { Round = round, PartyId = (uint)_partyId, Reason = refusal };
        }
        var key = _key!;
        var record = _record!;
        // A deterministic stream is keyed by the ciphertext too: two ciphertexts must never get the same flooding noise,
        // or the difference of the two shares would expose (c1 − c1')·s without any noise. (The system source ignores
        // the purpose, so the digest is only computed for a deterministic one.)
        var random = _settings.Randomness.IsDeterministic
            ? _settings.Randomness.For($"flooding/{Convert.ToHexStringLower(CiphertextDigest.Compute(_parameters, ciphertexts[0]))}", _clientId, round.Round)
            : SystemRandomSource.Instance;
        var protocol = new DecryptionShareProtocol(_parameters, _settings.Flooding, random);
        var noise = NoiseEstimator.Sum(NoiseEstimator.FreshPublicKey(epoch.CollectiveKey), request.Manifest!.Entries.Count);
        var set = new DecryptionShareSet();
        try
        {
            using var additive = new Combiner(_parameters).GenAdditiveShare(key, request.ActiveSet.Select(p => (int)p));
            // All or none: a ciphertext already shared refuses the whole request before any share is made.
            // Each share is serialized as soon as it is made; ToBytes hands over a fresh array, so wrapping it is safe.
            set.Shares.Add(protocol.GenShares(additive, ciphertexts, noise, record, share => UnsafeByteOperations.UnsafeWrap(share.ToBytes())));
        }
        catch (DecryptionRefusedException e) when (e.Reason == RefusalReason.AlreadyShared)
        {
            return new DecryptionRefused { Round = round, PartyId = (uint)_partyId, Reason = AlreadyAnswered };
        }
        catch (DecryptionRefusedException e)
        {
            return new DecryptionRefused { Round = round, PartyId = (uint)_partyId, Reason = $"{AlreadyAnswered}: {e.Message}" };
        }
        var sealedShares = epoch.GroupKey.Encrypt(set.ToByteArray(), SecureContexts.DecryptionShares(round, (uint)_partyId));
        return new DecryptionShareMessage { Round = round, PartyId = (uint)_partyId, SealedShare = UnsafeByteOperations.UnsafeWrap(sealedShares), Seconds = clock.Elapsed.TotalSeconds };
    }

    private (string? Refusal, Ciphertext[] Ciphertexts) Check(DecryptionRequest request, EpochState epoch)
    {
        var manifest = request.Manifest;
        if (manifest?.Round is null || manifest.Round.RunId != _runId || !HoldsKey(manifest.Round.Epoch) || epoch.Epoch != _epoch)
        {
            return (WrongEpoch, []);
        }
        if (!ManifestSignature.Verify(manifest, _coordinatorKey))
        {
            return (BadManifestSignature, []);
        }
        var clients = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in manifest.Entries)
        {
            var signed = ContributionSignature.SignedBytes(ContributionSignature.EncryptedDomain, manifest.Round, entry.ClientId, entry.CiphertextHash.Span);
            if (!clients.Add(entry.ClientId) || !_roster.TryGetValue(entry.ClientId, out var clientKey) || !clientKey.Verify(signed, entry.Signature.Span))
            {
                return (InvalidEntry, []);
            }
        }
        if (clients.Count < _settings.MinContributions)
        {
            return (TooFewSignatures, []);
        }
        var active = request.ActiveSet.Select(p => (int)p).ToArray();
        if (active.Length != _threshold || active.Distinct().Count() != active.Length || !active.Contains(_partyId) || active.Any(p => p < 1 || p > _parties.Length))
        {
            return (BadActiveSet, []);
        }
        if (request.AggregateC1.Count == 0 || !ContributionSignature.HashCiphertexts(request.AggregateC1).AsSpan().SequenceEqual(manifest.AggregateHash.Span))
        {
            return (AggregateMismatch, []);
        }
        Ciphertext[] ciphertexts;
        try
        {
            ciphertexts = request.AggregateC1.Select(_codec.Read).ToArray();
            if (_settings.VerifyAggregate && !VerifyAggregate(request, ciphertexts))
            {
                return (AggregateMismatch, []);
            }
        }
        catch (CryptoFormatException)
        {
            // Bytes that are no ciphertext of this parameter set cannot be the aggregate of signed contributions.
            return (AggregateMismatch, []);
        }
        // A ciphertext this holder already shared is refused by the decryption record, all or none (Answer).
        return (null, ciphertexts);
    }

    /// <summary>
    /// The digest of the statement <c>verify-aggregate</c> establishes for <paramref name="request"/>: "the aggregate c1
    /// whose hash the manifest carries is the sum of the c1 of ciphertexts hashing to the manifest's signed entries".
    /// It covers the parameter set, the whole signed manifest (round, entries with their ciphertext hashes and
    /// signatures, aggregate hash), the number of aggregate ciphertexts and the active set, each length-prefixed; the
    /// contributions themselves are only the witness of the statement and are not needed to name it. Two requests with
    /// equal digests make the same statement, so a key holder that has itself checked the manifest signature, the
    /// entries, min-contributions, the active set and that the aggregate c1 hashes to the manifest may rely on a
    /// sibling's successful check of it.
    /// </summary>
    public static byte[] AggregateStatement(string parameterSet, DecryptionRequest request)
    {
        ArgumentNullException.ThrowIfNull(parameterSet);
        ArgumentNullException.ThrowIfNull(request);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var length = new byte[8];
        var value = new byte[8];
        void Add(ReadOnlySpan<byte> bytes)
        {
            BinaryPrimitives.WriteInt64LittleEndian(length, bytes.Length);
            hash.AppendData(length);
            hash.AppendData(bytes);
        }
        void AddNumber(long number)
        {
            BinaryPrimitives.WriteInt64LittleEndian(value, number);
            Add(value);
        }
        Add("fedactors/verify-aggregate/v1"u8);
        Add(Encoding.UTF8.GetBytes(parameterSet));
        Add((request.Manifest ?? new SignedManifest()).ToByteArray());
        AddNumber(request.AggregateC1.Count);
        AddNumber(request.ActiveSet.Count);
        foreach (var party in request.ActiveSet)
        {
            AddNumber(party);
        }
        return hash.GetHashAndReset();
    }

    private bool VerifyAggregate(DecryptionRequest request, Ciphertext[] aggregate) =>
        _verifyOnce is null
            ? IsSumOfContributions(request, aggregate)
            : _verifyOnce(AggregateStatement(_settings.Parameters.Name, request), () => IsSumOfContributions(request, aggregate));

    private bool IsSumOfContributions(DecryptionRequest request, Ciphertext[] aggregate)
    {
        var entries = request.Manifest.Entries;
        var contributions = request.Contributions;
        var per = aggregate.Length;
        if (contributions.Count != entries.Count * per)
        {
            return false;
        }
        // Entries hash and ciphertext positions sum independently: the two loops use every core (the node's other holders
        // wait for this check rather than repeat it).
        var hashesMatch = true;
        Parallel.For(0, entries.Count, (e, loop) =>
        {
            var group = Enumerable.Range(e * per, per).Select(i => contributions[i]);
            if (!ContributionSignature.HashCiphertexts(group).AsSpan().SequenceEqual(entries[e].CiphertextHash.Span))
            {
                hashesMatch = false;
                loop.Stop();
            }
        });
        if (!hashesMatch)
        {
            return false;
        }
        var ring = _parameters.RingQ;
        var sumsMatch = true;
        Parallel.For(0, per, (k, loop) =>
        {
            if (!IsSumAt(ring, aggregate[k], Enumerable.Range(0, entries.Count).Select(e => contributions[(e * per) + k])))
            {
                sumsMatch = false;
                loop.Stop();
            }
        });
        return sumsMatch;
    }

    private bool IsSumAt(RnsRing ring, Ciphertext aggregate, IEnumerable<ByteString> ciphertexts)
    {
        var sum = ring.NewPolynomial(aggregate.Level);
        foreach (var wire in ciphertexts)
        {
            Ciphertext ciphertext;
            try
            {
                ciphertext = _codec.Read(wire);
            }
            catch (CryptoFormatException)
            {
                // Bytes that are no ciphertext of this parameter set cannot be a term of the aggregate.
                return false;
            }
            if (ciphertext.Level != aggregate.Level)
            {
                return false;
            }
            ring.Add(sum, ciphertext.C1, sum);
        }
        return sum.ContentEquals(aggregate.C1);
    }

    private T RequireCeremony<T>(uint epoch, T? state, string step)
        where T : class =>
        epoch == _epoch && state is not null
            ? state
            : throw new ProtocolException($"Client {_clientId} got a {step} message for epoch {epoch}, but its ceremony is at epoch {_epoch} and not at that step.");

    private void DiscardKeys()
    {
        _crs?.Dispose();
        _crs = null;
        _secret?.Dispose();
        _secret = null;
        _key?.Dispose();
        _key = null;
        _record = null;
        foreach (var share in _received.Values)
        {
            share.Dispose();
        }
        _received.Clear();
        _commitments.Clear();
    }

    /// <summary>Zeroes every key this holder still holds.</summary>
    public void Dispose() => DiscardKeys();
}
