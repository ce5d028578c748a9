using System.Collections.Concurrent;
using FedActors.Crypto.Multiparty;
using FedActors.Federation.Protocol;
using FedActors.Federation.Scenarios;

namespace FedActors.Federation.Secure;

/// <summary>
/// The <c>colluding-key-holders</c> coalition of a simulated run: the first <c>count</c> committee members (party ids
/// 1..count, default t − 1) hand it a copy of their threshold key each epoch, and in the attack's rounds it takes the
/// first contribution the Coordinator receives and tries to decrypt it with those keys (<see cref="CollusionAttempt"/>),
/// comparing the result with the client's true vector (the simulation's oracle knowledge, used only to score the
/// attack). The relative error of each round's attempt is reported with the round's metrics. Copies of keys are
/// zeroed when the epoch changes and when the pool is disposed. Thread-safe.
/// </summary>
public sealed class CollusionPool : IDisposable
{
    private readonly ColludingKeyHoldersAttack _attack;
    private readonly SecureSettings _settings;
    private readonly int _rounds;
    private readonly Lock _lock = new();
    private readonly SortedDictionary<int, ThresholdSecretKey> _keys = [];
    private readonly ConcurrentDictionary<uint, double> _errors = new();
    private ulong _epoch;

    /// <summary>Creates the coalition of <paramref name="attack"/> in a run of <paramref name="rounds"/> rounds.</summary>
    public CollusionPool(ColludingKeyHoldersAttack attack, SecureSettings settings, int rounds)
    {
        ArgumentNullException.ThrowIfNull(attack);
        ArgumentNullException.ThrowIfNull(settings);
        _attack = attack;
        _settings = settings;
        _rounds = rounds;
    }

    /// <summary>Colluding key holders: the attack's count, or t − 1.</summary>
    public int Count => _attack.Count ?? (_settings.Threshold - 1);

    /// <summary>A committee member's threshold key, kept (as a copy) when the member is one of the colluders.</summary>
    public void Offer(ThresholdSecretKey? key)
    {
        if (key is null || key.PartyId > Count)
        {
            return;
        }
        lock (_lock)
        {
            if (key.Epoch != _epoch)
            {
                Clear();
                _epoch = key.Epoch;
            }
            if (!_keys.ContainsKey(key.PartyId))
            {
                _keys[key.PartyId] = ThresholdSecretKey.FromBytes(key.Parameters, key.ToBytes());
            }
        }
    }

    /// <summary>
    /// In an attack round, the first time it is called for <paramref name="round"/>: decrypts <paramref name="contribution"/>
    /// with the colluders' keys and records the relative error against <paramref name="truth"/>, the vector the client encrypted.
    /// </summary>
    public void Attempt(uint round, Contribution contribution, double[] truth)
    {
        ArgumentNullException.ThrowIfNull(contribution);
        ArgumentNullException.ThrowIfNull(truth);
        if (!_attack.Window.IsActive((int)round, _rounds) || _errors.ContainsKey(round))
        {
            return;
        }
        lock (_lock)
        {
            if (_keys.Count == 0 || _errors.ContainsKey(round))
            {
                return;
            }
            var recovered = CollusionAttempt.Decrypt(_settings.Parameters, contribution, [.. _keys.Values], truth.Length);
            _errors[round] = CollusionAttempt.RelativeError(recovered, truth);
        }
    }

    /// <summary>The relative error of <paramref name="round"/>'s attempt, or null when there was none; forgets it.</summary>
    public double? Take(uint round) => _errors.TryRemove(round, out var error) ? error : null;

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            Clear();
        }
    }

    private void Clear()
    {
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }
        _keys.Clear();
    }
}
