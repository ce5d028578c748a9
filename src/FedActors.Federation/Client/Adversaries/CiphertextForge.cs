using FedActors.Crypto.Envelope;
using FedActors.Crypto.Rlwe;
using FedActors.Federation.Protocol;
using FedActors.Federation.Secure;

namespace FedActors.Federation.Client.Adversaries;

/// <summary>
/// What a secure-sum attacker can do with ciphertexts it did not make, with nothing but public material and its own
/// identity key: put another client's contribution under its own name and signature, verbatim or re-randomized by
/// adding a fresh encryption of zero under the epoch's collective key (same plaintext, different bytes). It never
/// decrypts anything. The simulation's <see cref="DecryptionErrorOracle"/>, when present, is told that the attacker now
/// contributes the copied client's vector, so the decryption error stays a measure of CKKS and not of the attack.
/// </summary>
public sealed class CiphertextForge
{
    private readonly CiphertextCodec _codec;
    private readonly PublicKey _collectiveKey;
    private readonly EcKeyPair _identity;
    private readonly string _clientId;
    private readonly SecureSettings _settings;
    private readonly DecryptionErrorOracle? _oracle;

    /// <summary>Creates the forge of client <paramref name="clientId"/> for the current epoch.</summary>
    /// <param name="codec">The run's ciphertext codec.</param>
    /// <param name="collectiveKey">The epoch's collective public key.</param>
    /// <param name="identity">The attacker's own signing key.</param>
    /// <param name="clientId">The attacker's client id.</param>
    /// <param name="settings">The run's secure settings (randomness, encryption threads).</param>
    /// <param name="oracle">The runner's decryption-error oracle, if any.</param>
    public CiphertextForge(CiphertextCodec codec, PublicKey collectiveKey, EcKeyPair identity, string clientId, SecureSettings settings, DecryptionErrorOracle? oracle)
    {
        ArgumentNullException.ThrowIfNull(codec);
        ArgumentNullException.ThrowIfNull(collectiveKey);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(clientId);
        ArgumentNullException.ThrowIfNull(settings);
        _codec = codec;
        _collectiveKey = collectiveKey;
        _identity = identity;
        _clientId = clientId;
        _settings = settings;
        _oracle = oracle;
    }

    /// <summary>
    /// <paramref name="copied"/>'s ciphertexts, byte for byte, signed for <paramref name="round"/> as the attacker's own
    /// contribution (its ciphertext hash is the original's, which the Coordinator rejects as <c>replay</c>).
    /// </summary>
    public Contribution Verbatim(RoundId round, Contribution copied)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(copied);
        var contribution = new Contribution { Round = round, ClientId = _clientId, TrainingSeconds = copied.TrainingSeconds, EncryptionSeconds = copied.EncryptionSeconds };
        contribution.Ciphertexts.Add(copied.Ciphertexts);
        ContributionSignature.Sign(contribution, _identity);
        _oracle?.RecordCopy(round.Round, _clientId, copied.ClientId);
        return contribution;
    }

    /// <summary>
    /// <paramref name="copied"/>'s ciphertexts plus a fresh encryption of zero under the collective key, signed for
    /// <paramref name="round"/> as the attacker's own: it decrypts to the copied client's vector, but its bytes and hash
    /// are new, so hash-based replay protection accepts it.
    /// </summary>
    /// <exception cref="CryptoFormatException">A copied ciphertext is not a ciphertext of the run's parameter set.</exception>
    public Contribution Rerandomized(RoundId round, Contribution copied)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(copied);
        var evaluator = new Evaluator(_codec.Parameters.Rlwe);
        var originals = copied.Ciphertexts.Select(_codec.Read).ToArray();
        var random = _settings.Randomness.For("rerandomization", _clientId, round.Round);
        var zeros = _codec.Encrypt(new double[originals.Length * _codec.Parameters.ValuesPerCiphertext], _collectiveKey, random, _settings.EncryptionThreads);
        var contribution = new Contribution { Round = round, ClientId = _clientId, TrainingSeconds = copied.TrainingSeconds, EncryptionSeconds = copied.EncryptionSeconds };
        for (var k = 0; k < originals.Length; k++)
        {
            evaluator.AddInPlace(originals[k], _codec.Read(zeros[k]));
            contribution.Ciphertexts.Add(_codec.Write(originals[k]));
        }
        ContributionSignature.Sign(contribution, _identity);
        _oracle?.RecordCopy(round.Round, _clientId, copied.ClientId);
        return contribution;
    }
}
