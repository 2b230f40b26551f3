using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace SftpInteractive;

/// <summary>One line of a known_hosts file.</summary>
/// <param name="Patterns">Host patterns (plain, wildcard, negated or hashed).</param>
/// <param name="KeyType">Key algorithm, such as <c>ssh-ed25519</c>.</param>
/// <param name="Key">The public key blob.</param>
/// <param name="Revoked">True for <c>@revoked</c> lines.</param>
/// <param name="LineNumber">1-based line number in the file.</param>
internal sealed record KnownHostEntry(IReadOnlyList<string> Patterns, string KeyType, byte[] Key, bool Revoked, int LineNumber)
{
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
    public bool Matches(string hostName)
    {
        var matched = false;
        foreach (var pattern in Patterns)
        {
            var negated = pattern.StartsWith('!');
            var body = negated ? pattern[1..] : pattern;
            if (PatternMatches(body, hostName))
            {
                if (negated)
                {
                    return false;
                }

                matched = true;
            }
        }

        return matched;
    }

    private static bool PatternMatches(string pattern, string hostName)
    {
        if (pattern.StartsWith("|1|", StringComparison.Ordinal))
        {
            var parts = pattern.Split('|');
            if (parts.Length != 4)
            {
                return false;
            }

            try
            {
                var salt = Convert.FromBase64String(parts[2]);
                return KnownHostsFile.HashHostName(hostName, salt) == pattern;
            }
            catch (FormatException)
            {
                return false;
            }
        }

        if (!pattern.Contains('*', StringComparison.Ordinal) && !pattern.Contains('?', StringComparison.Ordinal))
        {
            return string.Equals(pattern, hostName, StringComparison.OrdinalIgnoreCase);
        }

        var regex = "^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$";
        return Regex.IsMatch(hostName, regex, RegexOptions.IgnoreCase);
    }

    /// <summary>Constant-time comparison of key blobs.</summary>
    public bool SameKey(byte[] key) => CryptographicOperations.FixedTimeEquals(Key, key);

    /// <inheritdoc />
    public override string ToString() => $"{string.Join(',', Patterns)} {KeyType} {Fingerprint}{(Revoked ? " (revoked)" : string.Empty)}";
}
