namespace SftpInteractive;

/// <summary>
/// Reads ssh_config files for one host the way OpenSSH's readconf.c does: <c>Host</c> and <c>Match</c> blocks switch
/// lines on and off, <c>Include</c> reads globbed files in place (relative to <c>~/.ssh</c> for user files,
/// <c>/etc/ssh</c> for the system file, at most 16 deep; an Include in an inactive block applies nothing), and when a
/// <c>Match final</c> line asks for it, every file is read a second time with the resolved host name, keeping what the
/// first pass set.
/// </summary>
internal sealed class SshConfigReader
{
    /// <summary>OpenSSH's READCONF_MAX_DEPTH.</summary>
    private const int MaxDepth = 16;

    private readonly SshConfigQuery _query;
    private readonly SshConfigValues _values = new();
    private string _host;
    private bool _finalPass;
    private bool _wantsFinalPass;

    private SshConfigReader(SshConfigQuery query)
    {
        _query = query;
        _host = query.Host;
        if (query.User is { } user)
        {
            _values.Preset("user", user, "command line");
        }

        if (query.Port is { } port)
        {
            _values.Preset("port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "command line");
        }
    }

    /// <summary>Resolves <paramref name="query"/> from <paramref name="files"/> (in priority order; a user file is one
    /// whose relative Includes live under <c>~/.ssh</c>).</summary>
    /// <exception cref="SftpConfigException">A malformed line (bad quotes, a Match criterion without argument, ...).</exception>
    public static SshHostConfig Resolve(IReadOnlyList<SshConfigSource> files, SshConfigQuery query)
    {
        var reader = new SshConfigReader(query);
        reader.ReadAll(files);
        var hostName = SshHostConfig.ExpandHostName(reader._values["hostname"], query.Host);
        if (reader._wantsFinalPass)
        {
            reader._finalPass = true;
            reader._host = hostName;
            reader.ReadAll(files);
        }

        return new SshHostConfig(query, reader._values, hostName, files);
    }

    private void ReadAll(IReadOnlyList<SshConfigSource> files)
    {
        foreach (var file in files)
        {
            var active = true;
            ReadFile(file.Path, file.IsUserConfig, neverMatch: false, ref active, depth: 0);
        }
    }

    private void ReadFile(string path, bool userConfig, bool neverMatch, ref bool active, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new SftpConfigException($"{LocalPaths.Display(path)}: Include nested too deep (more than {MaxDepth} levels); is a file including itself?");
        }

        var number = 0;
        foreach (var text in File.ReadLines(path))
        {
            number++;
            if (SshConfigLexer.Parse(text, path, number) is not { } line)
            {
                continue;
            }

            switch (line.Keyword)
            {
                case "host":
                    active = !neverMatch && HostMatches(line.Args);
                    break;
                case "match":
                    var matched = SshMatchCriteria.Evaluate(line, MatchState(), out var wantsFinal);
                    _wantsFinalPass |= wantsFinal;
                    active = !neverMatch && matched;
                    break;
                case "include":
                    Include(line, userConfig, neverMatch || !active, depth);
                    break;
                default:
                    if (active)
                    {
                        _values.Apply(line);
                    }

                    break;
            }
        }
    }

    private void Include(SshConfigLine line, bool userConfig, bool neverMatch, int depth)
    {
        foreach (var arg in line.Args)
        {
            if (arg.StartsWith('~') && !userConfig)
            {
                throw line.Error("tilde expansion is not allowed in the system config's Include.");
            }

            var pattern = arg.StartsWith('/') || arg.StartsWith('~')
                ? SshTokens.ExpandHome(arg, _query.HomeDirectory)
                : Path.Combine(userConfig ? Path.Combine(_query.HomeDirectory, ".ssh") : "/etc/ssh", arg);
            foreach (var file in FileGlob.Expand(pattern).Where(File.Exists))
            {
                // An included file's Host and Match lines do not change the including file's state.
                var active = !neverMatch;
                ReadFile(file, userConfig, neverMatch, ref active, depth + 1);
            }
        }
    }

    // Host patterns are matched as typed (case-sensitive) against the host: the original name in the first pass,
    // the resolved HostName in the final one.
    private bool HostMatches(IReadOnlyList<string> patterns) => SshPatternList.Matches(patterns, _host);

    private SshMatchCriteria.State MatchState()
    {
        var host = _finalPass ? _host : SshHostConfig.ExpandHostName(_values["hostname"], _query.Host);
        return new SshMatchCriteria.State(host, _query.Host, _values["user"]?.Value ?? _query.LocalUser, _query.LocalUser, _finalPass);
    }
}
