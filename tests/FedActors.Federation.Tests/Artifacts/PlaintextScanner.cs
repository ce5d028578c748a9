namespace FedActors.Federation.Tests.Artifacts;

/// <summary>
/// Finds any 64-byte window of secret plaintexts (a model's bytes, an assembly's bytes) in files, with a rolling
/// hash over every offset of every file and an exact comparison on a hash hit. Windows with fewer than
/// <see cref="MinDistinctBytes"/> distinct byte values (zero padding with a few flags, say, which a SQLite page
/// holds as well) are not searched: they identify nothing. Windows that also occur in <c>common</c> files
/// (compiler boilerplate shared by every assembly) can be excluded, for scans of directories other processes write to.
/// </summary>
public sealed class PlaintextScanner
{
    public const int Window = 64;
    public const int MinDistinctBytes = 16;
    private const ulong Base = 0x100000001B3;

    private readonly Dictionary<ulong, List<(string Name, byte[] Bytes, int Offset)>> _windows = [];
    private readonly ulong _highPower = Power(Base, Window - 1);

    public void Add(string name, byte[] secret, IEnumerable<byte[]>? common = null)
    {
        var excluded = new HashSet<ulong>();
        foreach (var bytes in common ?? [])
        {
            ForEachWindow(bytes, (hash, _) => excluded.Add(hash));
        }

        ForEachWindow(secret, (hash, offset) =>
        {
            var window = secret.AsSpan(offset, Window);
            if (Distinct(window) < MinDistinctBytes || excluded.Contains(hash))
            {
                return;
            }

            if (!_windows.TryGetValue(hash, out var list))
            {
                _windows[hash] = list = [];
            }

            list.Add((name, secret, offset));
        });
    }

    public int WindowCount => _windows.Values.Sum(l => l.Count);

    /// <summary>Every (file, secret, offset in the secret) where a window of a secret occurs.</summary>
    public IReadOnlyList<string> Scan(IEnumerable<string> files)
    {
        var found = new List<string>();
        foreach (var file in files)
        {
            byte[] content;
            try
            {
                content = File.ReadAllBytes(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another process removed or locked the file between listing and reading: it holds nothing of ours.
                continue;
            }

            ForEachWindow(content, (hash, offset) =>
            {
                if (_windows.TryGetValue(hash, out var candidates))
                {
                    foreach (var (name, bytes, at) in candidates.Where(c => content.AsSpan(offset, Window).SequenceEqual(c.Bytes.AsSpan(c.Offset, Window))))
                    {
                        found.Add($"{file} holds bytes {at}..{at + Window} of {name} at offset {offset}");
                    }
                }
            });
        }

        return found;
    }

    private void ForEachWindow(byte[] bytes, Action<ulong, int> visit)
    {
        if (bytes.Length < Window)
        {
            return;
        }

        ulong hash = 0;
        for (var i = 0; i < Window; i++)
        {
            hash = unchecked((hash * Base) + bytes[i]);
        }

        visit(hash, 0);
        for (var i = Window; i < bytes.Length; i++)
        {
            hash = unchecked(((hash - (bytes[i - Window] * _highPower)) * Base) + bytes[i]);
            visit(hash, i - Window + 1);
        }
    }

    private static int Distinct(ReadOnlySpan<byte> window)
    {
        Span<bool> seen = stackalloc bool[256];
        var count = 0;
        foreach (var b in window)
        {
            if (!seen[b])
            {
                seen[b] = true;
                count++;
            }
        }

        return count;
    }

    private static ulong Power(ulong value, int exponent)
    {
        ulong result = 1;
        for (var i = 0; i < exponent; i++)
        {
            result = unchecked(result * value);
        }

        return result;
    }
}
