using System.Globalization;

namespace SftpInteractive;

/// <summary>One hop of a ProxyJump chain: <c>user@host:port</c>.</summary>
/// <param name="Host">Host name, address or ssh_config alias of the jump host.</param>
/// <param name="Port">Port; 0 when the spec gave none (the hop's ssh_config Port applies, else 22).</param>
/// <param name="User">User on the jump host; null when the spec gave none (the hop's ssh_config User applies, else
/// the local user name, as OpenSSH does).</param>
public sealed record JumpHost(string Host, int Port, string? User)
{
    /// <summary>Parses <c>user@host:port</c>, <c>host</c>, <c>[::1]:2222</c>, <c>user@[::1]</c> or
    /// <c>ssh://user@host:port</c>.</summary>
    /// <exception cref="SftpConfigException">The spec is empty or malformed.</exception>
    public static JumpHost Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var text = spec.Trim();
        if (text.StartsWith("ssh://", StringComparison.OrdinalIgnoreCase))
        {
            text = text[6..].TrimEnd('/');
        }

        string? user = null;
        var at = text.LastIndexOf('@');
        if (at >= 0)
        {
            user = text[..at];
            text = text[(at + 1)..];
        }

        string host;
        string? portText = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || (close + 1 < text.Length && text[close + 1] != ':'))
            {
                throw Malformed(spec, "a '[' without its ']'");
            }

            host = text[1..close];
            portText = close + 1 < text.Length ? text[(close + 2)..] : null;
        }
        else if (text.Count(c => c == ':') == 1)
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            host = text[..colon];
            portText = text[(colon + 1)..];
        }
        else
        {
            host = text; // a bare IPv6 address has several colons and no port
        }

        if (host.Length == 0 || host.Any(char.IsWhiteSpace) || user is { Length: 0 })
        {
            throw Malformed(spec, host.Length == 0 ? "no host" : user is { Length: 0 } ? "an empty user before '@'" : "white space");
        }

        var port = 0;
        if (portText is not null && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            throw Malformed(spec, $"the port '{portText}' is not a number from 1 to 65535");
        }

        return new JumpHost(host, port, user);
    }

    /// <summary>Parses a comma-separated chain (<c>a,b</c>); <c>none</c> or blank gives an empty chain.</summary>
    /// <exception cref="SftpConfigException">One of the hops is malformed.</exception>
    public static IReadOnlyList<JumpHost> ParseChain(string? specs) =>
        string.IsNullOrWhiteSpace(specs) || specs.Trim().Equals("none", StringComparison.OrdinalIgnoreCase)
            ? []
            : [.. specs.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse)];

    /// <summary><c>user@host:port</c> as the spec gave it.</summary>
    public override string ToString()
    {
        var host = Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host;
        return $"{(User is null ? "" : User + "@")}{host}{(Port == 0 ? "" : ":" + Port.ToString(CultureInfo.InvariantCulture))}";
    }

    private static SftpConfigException Malformed(string spec, string why) =>
        new($"The jump host '{spec}' is malformed ({why}). Write it as user@host:port, host, or [::1]:2222; several hops as a,b.");
}
