using System.Text.RegularExpressions;

namespace SftpInteractive;

/// <summary>
/// The subset of OpenSSH's client config a connection needs: for a Host alias, its HostName, User, Port and
/// IdentityFile, and HashKnownHosts. Like ssh, the first value found for a keyword wins and Host patterns may use <c>*</c>, <c>?</c> and
/// <c>!</c>. Match blocks and Include are not evaluated.
/// </summary>
internal sealed class SshConfigFile
{
    private readonly List<(string[] Patterns, List<(string Key, string Value)> Entries)> _blocks = [];

    private SshConfigFile() { }

    /// <summary>Reads <paramref name="path"/>; a missing file gives an empty config.</summary>
    public static SshConfigFile Load(string path)
    {
        var config = new SshConfigFile();
        if (!File.Exists(path))
        {
            return config;
        }

        var current = (Patterns: new[] { "*" }, Entries: new List<(string, string)>());
        config._blocks.Add(current);
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var match = Regex.Match(line, @"^(\S+?)\s*(?:=|\s)\s*(.+)$");
            if (!match.Success)
            {
                continue;
            }

            var key = match.Groups[1].Value.ToLowerInvariant();
            var value = match.Groups[2].Value.Trim().Trim('"');
            if (key == "host")
            {
                current = (value.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries), []);
                config._blocks.Add(current);
            }
            else if (key == "match")
            {
                current = ([], []); // never matches: Match conditions are not evaluated
                config._blocks.Add(current);
            }
            else
            {
                current.Entries.Add((key, value));
            }
        }

        return config;
    }

    /// <summary>The values for <paramref name="alias"/>: first value of each keyword wins, IdentityFile accumulates.</summary>
    public SshHostEntry Resolve(string alias)
    {
        string? hostName = null, user = null;
        int? port = null;
        bool? hashKnownHosts = null;
        var identities = new List<string>();
        foreach (var (patterns, entries) in _blocks)
        {
            if (!Matches(patterns, alias))
            {
                continue;
            }

            foreach (var (key, value) in entries)
            {
                switch (key)
                {
                    case "hostname": hostName ??= value; break;
                    case "user": user ??= value; break;
                    case "port" when port is null && int.TryParse(value, out var p): port = p; break;
                    case "identityfile": identities.Add(value); break;
                    case "hashknownhosts" when hashKnownHosts is null: hashKnownHosts = string.Equals(value, "yes", StringComparison.OrdinalIgnoreCase); break;
                    default: break;
                }
            }
        }

        hostName = hostName?.Replace("%h", alias, StringComparison.Ordinal);
        var expanded = identities.Select(i => ExpandHome(i.Replace("%h", hostName ?? alias, StringComparison.Ordinal)
            .Replace("%r", user ?? string.Empty, StringComparison.Ordinal))).ToList();
        return new SshHostEntry(hostName, user, port, expanded, hashKnownHosts);
    }

    /// <summary>Expands a leading <c>~</c> to the user's home directory.</summary>
    public static string ExpandHome(string path)
    {
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.TrimStart('~').TrimStart('/'));
        }

        return path;
    }

    private static bool Matches(string[] patterns, string alias)
    {
        var matched = false;
        foreach (var pattern in patterns)
        {
            var negated = pattern.StartsWith('!');
            var glob = negated ? pattern[1..] : pattern;
            var regex = "^" + Regex.Escape(glob).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$";
            if (Regex.IsMatch(alias, regex, RegexOptions.IgnoreCase))
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
}

/// <summary>What ssh_config says about one host alias.</summary>
internal sealed record SshHostEntry(string? HostName, string? User, int? Port, IReadOnlyList<string> IdentityFiles, bool? HashKnownHosts = null);
