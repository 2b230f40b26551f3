using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace SftpInteractive.Scripting.Debugging;

/// <summary>
/// The source file of each cell, named as JupyterLab names it: <see cref="Prefix"/> + Murmur2(code, <see cref="Seed"/>)
/// + <see cref="Suffix"/>, so the breakpoints the front end sets on a cell's file are those of the code that runs.
/// </summary>
internal sealed class CellFiles
{
    private readonly ConcurrentDictionary<string, string> _sources = new(StringComparer.Ordinal);

    /// <summary>The hash seed (the one ipykernel uses; any fixed value works).</summary>
    public const uint Seed = 0xC70F6907;

    /// <summary>The folder of this kernel's cell files, with a trailing separator.</summary>
    public string Prefix { get; } = Path.Combine(Path.GetTempPath(), "sftpi-debug-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture)) + Path.DirectorySeparatorChar;

    /// <summary>The cell files' extension.</summary>
    public static string Suffix => ".cs";

    /// <summary>The file of <paramref name="code"/>, remembered for <see cref="Source"/>.</summary>
    public string PathOf(string code)
    {
        var path = Prefix + Murmur2(Encoding.UTF8.GetBytes(code), Seed).ToString(CultureInfo.InvariantCulture) + Suffix;
        _sources[path] = code;
        return path;
    }

    /// <summary>Writes <paramref name="code"/> to its file (dumpCell) and returns the path.</summary>
    public string Dump(string code)
    {
        var path = PathOf(code);
        Directory.CreateDirectory(Prefix);
        File.WriteAllText(path, code);
        return path;
    }

    /// <summary>The code of a cell file, or null when it is not one of ours.</summary>
    public string? Source(string path) =>
        _sources.TryGetValue(path, out var code) ? code : path.StartsWith(Prefix, StringComparison.Ordinal) && File.Exists(path) ? File.ReadAllText(path) : null;

    /// <summary>MurmurHash2, 32-bit, over the UTF-8 bytes, as JupyterLab's debugger computes it.</summary>
    public static uint Murmur2(ReadOnlySpan<byte> data, uint seed)
    {
        unchecked
        {
            const uint m = 0x5bd1e995;
            var h = seed ^ (uint)data.Length;
            var i = 0;
            for (; data.Length - i >= 4; i += 4)
            {
                var k = (uint)(data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24));
                k *= m;
                k ^= k >> 24;
                k *= m;
                h = (h * m) ^ k;
            }

            switch (data.Length - i)
            {
                case 3:
                    h ^= (uint)data[i + 2] << 16;
                    goto case 2;
                case 2:
                    h ^= (uint)data[i + 1] << 8;
                    goto case 1;
                case 1:
                    h ^= data[i];
                    h *= m;
                    break;
            }

            h ^= h >> 13;
            h *= m;
            h ^= h >> 15;
            return h;
        }
    }
}
