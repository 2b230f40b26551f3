using System.Collections.Concurrent;

namespace SftpInteractive;

/// <summary>
/// Remote <c>.part</c> files of a ranged upload that stopped with no connection left to cut them back: beyond the
/// recorded prefix they may hold ranges with gaps, so their size is not a safe resume point. Kept per session; the
/// next upload of the same <c>.part</c> (a retry or a later call) resumes from the prefix and cuts the file first.
/// </summary>
internal sealed class UnsafeParts
{
    private readonly ConcurrentDictionary<string, long> _prefixes = new(StringComparer.Ordinal);

    /// <summary>Records that only the first <paramref name="prefix"/> bytes of <paramref name="partPath"/> are known good.</summary>
    public void Remember(string partPath, long prefix) => _prefixes[partPath] = prefix;

    /// <summary>The known-good prefix of <paramref name="partPath"/>, or null when its size can be trusted.</summary>
    public long? PrefixOf(string partPath) => _prefixes.TryGetValue(partPath, out var prefix) ? prefix : null;

    /// <summary>The <c>.part</c> was cut back (or replaced): its size can be trusted again.</summary>
    public void Forget(string partPath) => _prefixes.TryRemove(partPath, out _);
}
