using System.Globalization;

namespace SftpInteractive;

/// <summary>
/// The <c>ssh</c> command line that opens the <c>sftp</c> subsystem with a session's resolved settings, so OpenSSH
/// connects exactly where and as whom our resolver said: host, port, user, identity files, known_hosts files and the
/// host-key policy, algorithms, timeouts, and the ProxyJump chain (each hop with its own settings, as a nested
/// <c>ProxyCommand … -W</c>). No secret is ever put on the command line.
/// </summary>
internal static class OpenSshCommand
{
    /// <summary>Arguments of the session's master <c>ssh</c>: it logs in once (prompts through
    /// <paramref name="askpass"/>, the host key through <paramref name="askpass"/> as <c>KnownHostsCommand</c>, so our
    /// host-key policy decides; or, given <paramref name="knownHostsFile"/>, against only the keys that policy already
    /// accepts, written there) and listens on <paramref name="controlPath"/> for the session's channels. Its own session
    /// is the <c>sftp</c> subsystem on our pipes, whose engine starts with the login and which the session's first SFTP
    /// connection uses (idle when it is not):
    /// when our process ends, even killed, the pipe's end closes that session and the master exits with its channels,
    /// instead of staying logged in (with <c>-N</c> it would not notice). A subsystem, not a command, so SFTP-only
    /// accounts work too. <paramref name="convertedKeys"/> maps a key file ssh cannot read (PuTTY) to the copy converted
    /// for it, for the target and every jump host; <paramref name="trustedKeyType"/> is the type of the host key the
    /// session already trusts (a later login).</summary>
    public static IReadOnlyList<string> Master(SftpSettings settings, string controlPath, string askpass, IReadOnlyDictionary<string, string>? convertedKeys = null,
        string? trustedKeyType = null, string? knownHostsFile = null) =>
        [.. Common(settings, askpass, convertedKeys, trustedKeyType, knownHostsFile), "-M", "-S", controlPath, "-o", "ControlPersist=no", "-s", "--", settings.Host, "sftp"];

    /// <summary>Arguments of one channel over the master's <paramref name="controlPath"/>: the <c>sftp</c> subsystem
    /// (<paramref name="command"/> null) or a remote command. It never logs in by itself: if the master is gone, its
    /// fallback connection goes to a ProxyCommand that fails at once.</summary>
    public static IReadOnlyList<string> Channel(string controlPath, string host, string? command) =>
        ["-F", "/dev/null", "-S", controlPath, "-o", "ControlMaster=no", "-o", "ProxyCommand=false", "-o", "BatchMode=yes", "-o", "LogLevel=ERROR",
         "-T", "-a", "-x", .. command is null ? (string[])["-s", "--", host, "sftp"] : ["--", host, command]];

    /// <summary>The options of one connection of the chain (no destination). With <paramref name="askpass"/> prompts and
    /// host keys (the target's and each jump host's) go to the session's policy; without it ssh checks host keys
    /// against the known_hosts files under the policy.</summary>
    internal static List<string> Common(SftpSettings s, string? askpass = null, IReadOnlyDictionary<string, string>? convertedKeys = null, string? trustedKeyType = null,
        string? knownHostsFile = null)
    {
        var args = new List<string>
        {
            "-F", ConfigFile(s),
            "-p", s.Port.ToString(CultureInfo.InvariantCulture),
            "-l", s.Username,
            "-T", "-a", "-x",
            // Prompts go through SSH_ASKPASS (forced, inherited by the jump hosts' ssh), never to a terminal.
            "-o", "BatchMode=" + (askpass is null ? "yes" : "no"),
            "-o", "LogLevel=ERROR",
            "-o", "ConnectTimeout=" + Math.Max(1, (int)s.ConnectTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            "-o", "ServerAliveCountMax=" + s.ServerAliveCountMax.ToString(CultureInfo.InvariantCulture),
        };
        if (knownHostsFile is not null)
        {
            // Only the keys our policy accepts without asking (the session's key, or the known ones): ssh checks them itself,
            // with no helper run inside its key exchange; anything else it refuses, and the login is tried again with the
            // helper so the policy's own words say why (SshConnector.StartMasterAsync).
            args.AddRange([
                "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + Quoted(knownHostsFile), "-o", "GlobalKnownHostsFile=/dev/null",
                "-o", "CheckHostIP=no", "-o", "UpdateHostKeys=no",
            ]);
        }
        else if (askpass is not null)
        {
            // Our host-key policy decides (strict, accept-new, pinned, the session's key), for the target and each jump
            // host under its own name: ssh knows only what the helper prints for the key it was shown, and refuses
            // anything else. Never "no", never a question.
            args.AddRange([
                "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=/dev/null", "-o", "GlobalKnownHostsFile=/dev/null",
                "-o", "CheckHostIP=no", "-o", "UpdateHostKeys=no",
                "-o", $"KnownHostsCommand={Quoted(askpass)} hostkey %I %H %t %K",
            ]);
        }
        else
        {
            args.AddRange([
                "-o", "StrictHostKeyChecking=" + (s.HostKeyPolicy == HostKeyPolicy.AcceptNew ? "accept-new" : "yes"),
                "-o", "UserKnownHostsFile=" + string.Join(' ', (s.KnownHostsPaths.Count == 0 ? [s.KnownHostsPath] : s.KnownHostsPaths).Select(Quoted)),
                "-o", "HashKnownHosts=" + (s.HashKnownHosts ? "yes" : "no"),
            ]);
        }

        if (s.KeepAliveInterval > TimeSpan.Zero)
        {
            args.AddRange(["-o", "ServerAliveInterval=" + Math.Max(1, (int)s.KeepAliveInterval.TotalSeconds).ToString(CultureInfo.InvariantCulture)]);
        }

        foreach (var key in s.PrivateKeyPaths)
        {
            args.AddRange(["-i", convertedKeys?.GetValueOrDefault(key) ?? key]);
        }

        foreach (var certificate in s.CertificateFiles)
        {
            args.AddRange(["-o", "CertificateFile=" + Quoted(certificate)]);
        }

        if (s.IdentitiesOnly)
        {
            args.AddRange(["-o", "IdentitiesOnly=yes"]);
        }

        args.AddRange(["-o", "IdentityAgent=" + (s.IdentityAgent is { } agent ? Quoted(agent) : "none")]);
        if (s.PreferredAuthentications.Count > 0)
        {
            args.AddRange(["-o", "PreferredAuthentications=" + string.Join(',', s.PreferredAuthentications)]);
        }

        AddIfSet(args, "KexAlgorithms", s.KexAlgorithms);
        // The cipher our SSH.NET connections prefer, first (OpenSSH's default puts chacha20-poly1305 first, slower
        // than AES-GCM on hardware with AES instructions); '^' prepends to ssh's own list (OpenSSH 8.2 and later).
        AddIfSet(args, "Ciphers", s.Ciphers ?? "^" + SshConnector.PreferredCipher);
        AddIfSet(args, "MACs", s.Macs);
        AddIfSet(args, "HostKeyAlgorithms", s.HostKeyAlgorithms ?? (askpass is null ? null : KnownKeysFirst(s, trustedKeyType)));
        if (s.JumpHosts.Count > 0)
        {
            // The last hop reaches itself through the hops before it (its settings hold those), as SshConnector does.
            // The hop forwards to this connection's own host and port, written out: ssh expands %h and %p everywhere in
            // the ProxyCommand it runs, the nested ProxyCommand of a two-hop chain included, so "%h:%p" there made the
            // first hop forward to the target instead of the second hop (which then saw the target's key: "REMOTE HOST
            // IDENTIFICATION HAS CHANGED"). Every '%' is doubled so the ssh that runs this command hands it on unchanged.
            var hop = JumpHostSettings.For(s, s.JumpHosts.Count - 1);
            List<string> words = [OpenSshProgram.Path, .. Common(hop, askpass, convertedKeys), "-W", ForwardTarget(s.Host, s.Port), "--", hop.Host];
            var forward = string.Join(' ', words.Select(ShellWord));
            args.AddRange(["-o", "ProxyCommand=" + forward.Replace("%", "%%", StringComparison.Ordinal)]);
        }

        return args;
    }

    /// <summary>
    /// ssh's <c>HostKeyAlgorithms</c> when the user set none: the algorithms of the host keys our policy already knows
    /// for <paramref name="s"/>'s host (<paramref name="trustedKeyType"/>, the key the session trusts once it has one,
    /// else the known_hosts entries), prepended to ssh's defaults (<c>^</c>), in ssh's default order. Given no list, ssh
    /// asks <c>KnownHostsCommand</c> for that order (<c>ORDER</c>) before each login: one more run of the askpass helper
    /// for the same result. Null when no key is known, or one is of a kind ssh does not offer by default (then ssh asks).
    /// </summary>
    internal static string? KnownKeysFirst(SftpSettings s, string? trustedKeyType)
    {
        IEnumerable<string> types = trustedKeyType is not null ? [trustedKeyType]
            : s.HostKeyPolicy == HostKeyPolicy.Pinned ? []
            : KnownHostsFile.Find(s.KnownHostsFiles, s.Host, s.Port).Where(e => !e.Revoked).Select(e => e.KeyType);
        var known = types.Distinct().ToList();
        if (known.Count == 0 || known.Any(t => !KnownKeyAlgorithms.Contains(t) && t != "ssh-rsa"))
        {
            return null;
        }

        // An RSA key verifies with the SHA-2 signatures; ssh-rsa (SHA-1) stays where ssh's defaults put it (nowhere).
        var algorithms = KnownKeyAlgorithms.Where(a => known.Contains(a) || a.StartsWith("rsa-sha2-", StringComparison.Ordinal) && known.Contains("ssh-rsa"));
        return "^" + string.Join(',', algorithms);
    }

    // The plain host key algorithms of OpenSSH's default list, in its order.
    private static readonly string[] KnownKeyAlgorithms =
        ["ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "rsa-sha2-512", "rsa-sha2-256"];

    /// <summary><c>ssh -W</c>'s destination: host:port, an IPv6 address in brackets.</summary>
    internal static string ForwardTarget(string host, int port) =>
        (host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host) + ":" + port.ToString(CultureInfo.InvariantCulture);

    // ssh reads the same ssh_config our resolver read; none read means none (-F /dev/null), not ssh's defaults.
    private static string ConfigFile(SftpSettings s) => s.SshConfigFiles.Count == 0 ? "/dev/null" : s.SshConfigFiles[0];

    private static void AddIfSet(List<string> args, string option, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            args.AddRange(["-o", option + "=" + value]);
        }
    }

    // ssh_config's own quoting: a value with spaces in double quotes.
    private static string Quoted(string value) => value.Contains(' ', StringComparison.Ordinal) ? "\"" + value + "\"" : value;

    // ProxyCommand is run by the user's shell (OpenSSH execs it with `sh -c`).
    private static string ShellWord(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or '=' or ',' or '%' or ':' or '@' or '+')
            ? word : SftpSession.ShellQuote(word);
}
