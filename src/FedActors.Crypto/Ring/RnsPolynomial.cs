using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace FedActors.Crypto.Ring;

/// <summary>
/// A polynomial of Z_Q[X]/(X^N + 1) in residue-number-system form: one limb of N residues per prime of Q, stored
/// contiguously (limb i is residues modulo the i-th prime of the ring that made it). The level is the number of
/// limbs minus one; dropping a level forgets the last prime. Whether the residues are coefficients or NTT
/// evaluations is a convention of the owner (Rlwe keys are in the NTT domain, ciphertexts in coefficients).
/// </summary>
public sealed class RnsPolynomial
{
    private readonly ulong[] _data;

    /// <summary>Allocates a zero polynomial with <paramref name="limbCount"/> limbs of <paramref name="n"/> residues.</summary>
    /// <exception cref="ArgumentOutOfRangeException">n is not a power of two or limbCount is below 1.</exception>
    public RnsPolynomial(int n, int limbCount)
    {
        if (n < 1 || (n & (n - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "The degree N must be a power of two.");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(limbCount, 1);
        N = n;
        LimbCount = limbCount;
        _data = new ulong[checked(n * limbCount)];
    }

    /// <summary>The ring degree N (residues per limb).</summary>
    public int N { get; }

    /// <summary>The number of limbs currently in use.</summary>
    public int LimbCount { get; private set; }

    /// <summary>The level: <see cref="LimbCount"/> − 1.</summary>
    public int Level => LimbCount - 1;

    /// <summary>All residues of the limbs in use, limb after limb.</summary>
    public Span<ulong> Residues => _data.AsSpan(0, N * LimbCount);

    /// <summary>The N residues of limb <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The limb does not exist at this level.</exception>
    public Span<ulong> Limb(int index)
    {
        if ((uint)index >= (uint)LimbCount)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The polynomial has {LimbCount} limbs.");
        }
        return _data.AsSpan(index * N, N);
    }

    /// <summary>Forgets every limb above <paramref name="level"/> (the residues are zeroed, the storage kept).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The level is negative or above the current level.</exception>
    public void DropToLevel(int level)
    {
        if (level < 0 || level > Level)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, $"The level must be in [0, {Level}].");
        }
        _data.AsSpan((level + 1) * N, (LimbCount - level - 1) * N).Clear();
        LimbCount = level + 1;
    }

    /// <summary>
    /// Zeroes the polynomial and sets its level to <paramref name="level"/>, which may be above the current level but not
    /// above the level it was allocated with (the storage is reused: a scratch polynomial survives rescaling).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The level is negative or above the allocated level.</exception>
    public void Reset(int level)
    {
        var allocated = _data.Length / N;
        if (level < 0 || level >= allocated)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, $"The level must be in [0, {allocated - 1}].");
        }
        Clear();
        LimbCount = level + 1;
    }

    /// <summary>Returns an independent copy with the same limbs.</summary>
    public RnsPolynomial Clone() => CopyAtLevel(Level);

    /// <summary>Returns an independent copy of the limbs 0 … <paramref name="level"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The level is negative or above the current level.</exception>
    public RnsPolynomial CopyAtLevel(int level)
    {
        if (level < 0 || level > Level)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, $"The level must be in [0, {Level}].");
        }
        var copy = new RnsPolynomial(N, level + 1);
        _data.AsSpan(0, (level + 1) * N).CopyTo(copy._data);
        return copy;
    }

    /// <summary>Copies the limbs of <paramref name="source"/> (which must have the same N and level) into this polynomial.</summary>
    public void CopyFrom(RnsPolynomial source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.N != N || source.LimbCount != LimbCount)
        {
            throw new ArgumentException($"Cannot copy a polynomial with N = {source.N} and {source.LimbCount} limbs into one with N = {N} and {LimbCount} limbs.", nameof(source));
        }
        source.Residues.CopyTo(Residues);
    }

    /// <summary>Sets every residue to zero, in a way the compiler cannot elide (used to erase secrets).</summary>
    public void Clear() => CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(_data.AsSpan()));

    /// <summary>True when both polynomials have the same N, level and residues.</summary>
    public bool ContentEquals(RnsPolynomial other) =>
        other is not null && other.N == N && other.LimbCount == LimbCount && other.Residues.SequenceEqual(Residues);
}
