using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace SftpInteractive;

/// <summary>
/// Reads and appends OpenSSH <c>known_hosts</c> files: plain and hashed (<c>|1|salt|hash</c>) host names,
/// <c>[host]:port</c> for non-default ports, wildcard and negated patterns, and the <c>@revoked</c> marker.
/// </summary>
internal sealed class KnownHostsFile
{
    private readonly List<KnownHostEntry> _entries;

    private KnownHostsFile(string path, List<KnownHostEntry> entries)
    {
        Path = path;
        _entries = entries;
    }

    /// <summary>The file's path.</summary>
    public string Path { get; }

    /// <summary>The entries, in file order.</summary>
    public IReadOnlyList<KnownHostEntry> Entries => _entries;

    /// <summary>Reads <paramref name="path"/>; a missing file gives an empty list.</summary>
    public static KnownHostsFile Load(string path)
    {
        var entries = new List<KnownHostEntry>();
        if (File.Exists(path))
        {
            var lineNumber = 0;
            foreach (var line in File.ReadLines(path))
            {
                lineNumber++;
                if (KnownHostEntry.TryParse(line, lineNumber, out var entry))
                {
                    entries.Add(entry with { Path = path });
                }
            }
        }

        return new KnownHostsFile(path, entries);
    }

    /// <summary>The name OpenSSH writes for a host: <c>host</c> on port 22, <c>[host]:port</c> otherwise.</summary>
    public static string HostName(string host, int port) => port == 22 ? host : $"[{host}]:{port}";

    /// <summary>Entries whose host patterns match <paramref name="host"/> on <paramref name="port"/>.</summary>
    public IReadOnlyList<KnownHostEntry> Find(string host, int port)
    {
        var name = HostName(host, port);
        return _entries.Where(e => e.Matches(name)).ToList();
    }

    /// <summary>Entries for <paramref name="host"/> on <paramref name="port"/> in every file of <paramref name="paths"/>,
    /// in order (ssh_config's <c>UserKnownHostsFile</c> may list several; each entry knows its file).</summary>
    public static IReadOnlyList<KnownHostEntry> Find(IEnumerable<string> paths, string host, int port) =>
        [.. paths.SelectMany(p => Load(p).Find(host, port))];

    /// <summary>Appends an entry, creating the file (mode 600) and its directory (mode 700) when needed.</summary>
    /// <param name="host">Host name or address.</param>
    /// <param name="port">Port.</param>
    /// <param name="keyType">Key algorithm name, such as <c>ssh-ed25519</c>.</param>
    /// <param name="key">The public key blob.</param>
    /// <param name="hashed">Write the host name hashed, as <c>HashKnownHosts yes</c> does.</param>
    public void Add(string host, int port, string keyType, byte[] key, bool hashed = false)
    {
        var name = HostName(host, port);
        var hostField = hashed ? HashHostName(name, RandomNumberGenerator.GetBytes(20)) : name;
        var line = $"{hostField} {keyType} {Convert.ToBase64String(key)}";
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
        if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        var existed = File.Exists(Path);
        var prefix = existed && !EndsWithNewline(Path) ? Environment.NewLine : string.Empty;
        File.AppendAllText(Path, prefix + line + "\n");
        if (!existed && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        _entries.Add(new KnownHostEntry(hostField.Split(','), keyType, key, Revoked: false, LineNumber: CountLines(Path)));
    }

    /// <summary>OpenSSH's hashed host name: <c>|1|base64(salt)|base64(HMAC-SHA1(salt, name))</c>.</summary>
    public static string HashHostName(string name, byte[] salt)
    {
#pragma warning disable CA5350 // the known_hosts hashing format is defined by OpenSSH as HMAC-SHA1
        var hash = HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes(name));
#pragma warning restore CA5350
        return $"|1|{Convert.ToBase64String(salt)}|{Convert.ToBase64String(hash)}";
    }

    /// <summary>The OpenSSH fingerprint of a public key blob: <c>SHA256:</c> and unpadded base64.</summary>
    public static string Fingerprint(byte[] key) => "SHA256:" + Convert.ToBase64String(SHA256.HashData(key)).TrimEnd('=');

    /// <summary>Normalises a fingerprint the user typed (with or without <c>SHA256:</c>, padding or spaces).</summary>
    public static string NormalizeFingerprint(string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        var text = Regex.Replace(fingerprint.Trim(), @"\s", string.Empty);
        if (text.StartsWith("SHA256:", StringComparison.OrdinalIgnoreCase))
        {
            text = text[7..];
        }

        return "SHA256:" + text.TrimEnd('=');
    }

    private static bool EndsWithNewline(string path)
    {
        using var stream = File.OpenRead(path);
        if (stream.Length == 0)
        {
            return true;
        }

        stream.Seek(-1, SeekOrigin.End);
        return stream.ReadByte() == '\n';
    }

    private static int CountLines(string path) => File.ReadLines(path).Count();
}
