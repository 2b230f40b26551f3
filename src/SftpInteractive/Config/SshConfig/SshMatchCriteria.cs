namespace SftpInteractive;

/// <summary>
/// Evaluates a <c>Match</c> line as OpenSSH's <c>match_cfg_line</c> does: every criterion must hold; <c>!</c> negates
/// one; <c>all</c> stands alone (or after <c>canonical</c>/<c>final</c>); <c>canonical</c> and <c>final</c> hold only in
/// the final pass, and an unnegated <c>final</c> asks for that pass. <c>exec</c> is never run: it counts as false.
/// </summary>
internal static class SshMatchCriteria
{
    /// <summary>The state a Match line is judged against.</summary>
    /// <param name="Host">The host name as known so far (HostName once set, else the original).</param>
    /// <param name="OriginalHost">The host as the user typed it.</param>
    /// <param name="User">The remote user as known so far (else the local user).</param>
    /// <param name="LocalUser">The local user.</param>
    /// <param name="FinalPass">True in the final pass.</param>
    internal sealed record State(string Host, string OriginalHost, string User, string LocalUser, bool FinalPass);

    /// <summary>True when the line matches; <paramref name="wantsFinalPass"/> is set by an unnegated <c>final</c>.</summary>
    /// <exception cref="SftpConfigException">A criterion without its argument, or <c>all</c> combined with others.</exception>
    public static bool Evaluate(SshConfigLine line, State state, out bool wantsFinalPass)
    {
        wantsFinalPass = false;
        var result = true;
        var args = line.Args;
        for (var i = 0; i < args.Count; i++)
        {
            var negate = args[i].StartsWith('!');
            var name = (negate ? args[i][1..] : args[i]).ToLowerInvariant();
            bool holds;
            switch (name)
            {
                case "all":
                    if (i + 1 < args.Count || args.Take(i).Any(a => a.TrimStart('!').ToLowerInvariant() is not ("canonical" or "final")))
                    {
                        throw line.Error("'all' cannot be combined with other Match attributes.");
                    }

                    holds = true;
                    break;
                case "canonical" or "final":
                    wantsFinalPass |= name == "final" && !negate;
                    holds = state.FinalPass;
                    break;
                default:
                    if (i + 1 >= args.Count)
                    {
                        throw line.Error($"Match keyword '{name}' needs an argument.");
                    }

                    holds = Criterion(name, args[++i], state);
                    break;
            }

            if (holds == negate)
            {
                result = false;
            }
        }

        return result;
    }

    private static bool Criterion(string name, string patterns, State state) => name switch
    {
        "host" => HostMatches(patterns, state.Host),
        "originalhost" => HostMatches(patterns, state.OriginalHost),
        "user" => SshPatternList.Matches(SshPatternList.Split(patterns), state.User),
        "localuser" => SshPatternList.Matches(SshPatternList.Split(patterns), state.LocalUser),
        _ => false, // exec (never run), tagged, localnetwork, ... : not supported, so never true
    };

    // OpenSSH's match_hostname: host names compare case-insensitively.
    private static bool HostMatches(string patterns, string host) =>
        SshPatternList.Matches(SshPatternList.Split(patterns), host, WildcardOptions.IgnoreCase);
}
