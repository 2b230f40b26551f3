namespace SftpInteractive;

/// <summary>One hop of a ProxyJump chain.</summary>
/// <param name="Host">Host name, address or ssh_config alias of the hop.</param>
/// <param name="Port">Port (22 unless given).</param>
/// <param name="User">User, or null for the hop's own configured or default user.</param>
public sealed record JumpHost(string Host, int Port, string? User)
{
    /// <summary>Parses <c>[user@]host[:port]</c> or <c>ssh://[user@]host[:port]</c>, as ProxyJump and <c>-J</c> write a hop.</summary>
    /// <exception cref="FormatException">Empty host or a bad port.</exception>
    public static JumpHost Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var text = spec.StartsWith("ssh://", StringComparison.OrdinalIgnoreCase) ? spec[6..].TrimEnd('/') : spec;
        var at = text.LastIndexOf('@');
        var user = at < 0 ? null : text[..at];
        var hostPort = text[(at + 1)..];
        var port = 22;
        var colon = hostPort.LastIndexOf(':');
        if (hostPort.StartsWith('[') && hostPort.IndexOf(']', StringComparison.Ordinal) is var close and > 0)
        {
            port = close + 1 < hostPort.Length ? ParsePort(hostPort[(close + 2)..], spec) : 22;
            hostPort = hostPort[1..close];
        }
        else if (colon >= 0 && hostPort.IndexOf(':', StringComparison.Ordinal) == colon)
        {
            port = ParsePort(hostPort[(colon + 1)..], spec);
            hostPort = hostPort[..colon];
        }

        return hostPort.Length == 0 || user is { Length: 0 }
            ? throw new FormatException($"'{spec}' is not a jump host ([user@]host[:port]).")
            : new JumpHost(hostPort, port, user);
    }

    /// <inheritdoc />
    public override string ToString() => $"{(User is null ? string.Empty : User + "@")}{Host}{(Port == 22 ? string.Empty : ":" + Port.ToString(System.Globalization.CultureInfo.InvariantCulture))}";

    private static int ParsePort(string text, string spec) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port : throw new FormatException($"'{spec}' has a bad port '{text}'.");
}
