using System.Security.Cryptography;
using FedActors.Crypto.Envelope;
using FedActors.Crypto.Ring;
using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Multiparty;

/// <summary>
/// One party's secret 32-byte contribution to the CRS seed of an epoch. The party first publishes
/// <see cref="Commit"/> (a SHA-256 commitment binding parameters, epoch, party and value), and only once every party
/// has committed publishes <see cref="Reveal"/>. Because the value is 256 uniform bits, the commitment hides it; because
/// SHA-256 is collision resistant, the party cannot reveal another value. Disposing erases the value.
/// </summary>
public sealed class CrsContribution : IDisposable
{
    /// <summary>The length of a contribution in bytes.</summary>
    public const int Length = 32;

    private readonly RlweParameters _parameters;
    private readonly byte[] _value;
    private bool _disposed;

    private CrsContribution(RlweParameters parameters, ulong epoch, int party, byte[] value)
    {
        _parameters = parameters;
        Epoch = epoch;
        PartyId = party;
        _value = value;
    }

    /// <summary>The epoch the contribution is for.</summary>
    public ulong Epoch { get; }

    /// <summary>The contributing party.</summary>
    public int PartyId { get; }

    /// <summary>Draws a fresh contribution from <paramref name="random"/> (default: the operating system's CSPRNG).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The party id is not positive.</exception>
    public static CrsContribution Create(RlweParameters parameters, ulong epoch, int party, IRandomSource? random = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(party);
        var value = new byte[Length];
        (random ?? SystemRandomSource.Instance).Fill(value);
        return new CrsContribution(parameters, epoch, party, value);
    }

    /// <summary>Returns the commitment to publish first.</summary>
    public CrsCommitment Commit()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new CrsCommitment(Epoch, PartyId, ComputeCommitment(_parameters, Epoch, PartyId, _value));
    }

    /// <summary>Returns the reveal to publish once every party has committed.</summary>
    public CrsReveal Reveal()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new CrsReveal(Epoch, PartyId, _value);
    }

    /// <summary>Erases the value.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            CryptographicOperations.ZeroMemory(_value);
            _disposed = true;
        }
    }

    /// <summary>Names the party and epoch only.</summary>
    public override string ToString() => $"CrsContribution(epoch {Epoch}, party {PartyId}, value redacted)";

    internal static byte[] ComputeCommitment(RlweParameters parameters, ulong epoch, int party, ReadOnlySpan<byte> value) =>
        SHA256.HashData(new CanonicalEncoder("fedactors/crs-commitment/v1")
            .Add(parameters.Fingerprint)
            .Add(unchecked((long)epoch))
            .Add(party)
            .Add(value)
            .ToArray());
}
