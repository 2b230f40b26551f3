using System.Security.Cryptography;

namespace SftpInteractive;

/// <summary>One line of a known_hosts file.</summary>
/// <param name="Patterns">Host patterns (plain, wildcard, negated or hashed).</param>
/// <param name="KeyType">Key algorithm, such as <c>ssh-ed25519</c>.</param>
/// <param name="Key">The public key blob.</param>
/// <param name="Revoked">True for <c>@revoked</c> lines.</param>
/// <param name="LineNumber">1-based line number in the file.</param>
internal sealed record KnownHostEntry(IReadOnlyList<string> Patterns, string KeyType, byte[] Key, bool Revoked, int LineNumber)
{
    /// <summary>The known_hosts file the entry was read from.</summary>
    public string? Path { get; init; }

    /// <summary>The key's SHA256 fingerprint.</summary>
    public string Fingerprint => KnownHostsFile.Fingerprint(Key);

    /// <summary>Parses one line; comments, blank lines, <c>@cert-authority</c> lines and malformed lines give false.</summary>
    public static bool TryParse(string line, int lineNumber, out KnownHostEntry entry)
    {
        entry = null!;
        ArgumentNullException.ThrowIfNull(line);
        var fields = line.Trim().Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 0 || fields[0].StartsWith('#'))
        {
            return false;
        }

        var revoked = false;
        if (fields[0].StartsWith('@'))
        {
            if (fields[0] != "@revoked")
            {
                return false; // @cert-authority: certificates are not supported here
            }

            revoked = true;
            fields = fields[1..];
        }

        if (fields.Length < 3)
        {
            return false;
        }

        try
        {
            entry = new KnownHostEntry(fields[0].Split(','), fields[1], Convert.FromBase64String(fields[2]), revoked, lineNumber);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>True when the patterns match <paramref name="hostName"/> (as <see cref="KnownHostsFile.HostName"/> writes it).</summary>
    public bool Matches(string hostName) => SshPatternList.Matches(Patterns, hostName, WildcardOptions.IgnoreCase, HashedMatches);

    // A hashed entry (|1|salt|hash) matches when hashing the name with its salt gives the same text.
    private static bool HashedMatches(string pattern, string hostName)
    {
        if (!pattern.StartsWith("|1|", StringComparison.Ordinal))
        {
            return false;
        }

        var parts = pattern.Split('|');
        if (parts.Length != 4)
        {
            return false;
        }

        try
        {
            return KnownHostsFile.HashHostName(hostName, Convert.FromBase64String(parts[2])) == pattern;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Constant-time comparison of key blobs.</summary>
    public bool SameKey(byte[] key) => CryptographicOperations.FixedTimeEquals(Key, key);

    /// <inheritdoc />
    public override string ToString() => $"{string.Join(',', Patterns)} {KeyType} {Fingerprint}{(Revoked ? " (revoked)" : string.Empty)}";
}
