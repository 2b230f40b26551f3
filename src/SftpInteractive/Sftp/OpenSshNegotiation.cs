namespace SftpInteractive;

/// <summary>
/// What the session's <c>ssh</c> master negotiated and how it logged in, read from its own debug output
/// (<c>LogLevel=DEBUG1</c>): versions, key exchange, host key algorithm, ciphers, MACs, compression, the authentication
/// methods it went through and the one that logged in. <c>Explain()</c> and the connection log say these instead of
/// SSH.NET's, which the OpenSSH transport never uses.
/// </summary>
internal sealed class OpenSshNegotiation
{
    private readonly Lock _gate = new();
    private readonly List<string> _methods = [];
    private readonly List<string> _refusals = [];
    private readonly TaskCompletionSource _authenticated = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Our ssh's version string (<c>SSH-2.0-OpenSSH_9.2p1 …</c>).</summary>
    public string? ClientVersion { get; private set; }

    /// <summary>The server's software version (<c>OpenSSH_9.2p1 …</c>).</summary>
    public string? ServerVersion { get; private set; }

    /// <summary>The key exchange algorithm.</summary>
    public string? KeyExchange { get; private set; }

    /// <summary>The host key algorithm.</summary>
    public string? HostKeyAlgorithm { get; private set; }

    /// <summary>Cipher, MAC and compression from us to the server.</summary>
    public (string Cipher, string Mac, string Compression)? Outgoing { get; private set; }

    /// <summary>Cipher, MAC and compression from the server to us.</summary>
    public (string Cipher, string Mac, string Compression)? Incoming { get; private set; }

    /// <summary>The host key the server presented: its type and SHA-256 fingerprint (<c>Server host key: …</c>).</summary>
    public (string Type, string Fingerprint)? ServerHostKey { get; private set; }

    /// <summary>The method that completed the login (<c>publickey</c>, <c>keyboard-interactive</c>…), once logged in.</summary>
    public string? AuthenticatedWith { get; private set; }

    /// <summary>Completes when ssh said it logged in (<c>Authenticated to …</c>); never, if it did not.</summary>
    public Task Authenticated => _authenticated.Task;

    /// <summary>The authentication methods ssh went through, in order.</summary>
    public IReadOnlyList<string> MethodsTried
    {
        get
        {
            lock (_gate)
            {
                return [.. _methods];
            }
        }
    }

    /// <summary>True for a line of ssh's debug or verbose output (not an error it reports).</summary>
    public static bool IsDebugLine(string line) =>
        line.StartsWith("debug", StringComparison.Ordinal) || line.StartsWith("Authenticated to ", StringComparison.Ordinal)
        || line.StartsWith("Transferred: ", StringComparison.Ordinal) || line.StartsWith("Bytes per second: ", StringComparison.Ordinal);

    /// <summary>What ssh said when an agent refused to sign (<c>signing failed for ED25519 "comment" from agent: agent
    /// refused operation</c>), even when another key then logged in.</summary>
    public string AgentRefusals
    {
        get
        {
            lock (_gate)
            {
                return string.Join(' ', _refusals);
            }
        }
    }

    /// <summary>Takes one line of ssh's standard error.</summary>
    public void Read(string line)
    {
        const string Debug = "debug1: ";
        if (line.Contains("from agent: agent refused operation", StringComparison.Ordinal))
        {
            lock (_gate)
            {
                _refusals.Add(line);
            }
        }

        if (line.StartsWith("Authenticated to ", StringComparison.Ordinal))
        {
            if (line.Split('"') is [_, var used, ..])
            {
                AuthenticatedWith = used;
            }

            _authenticated.TrySetResult();
            return;
        }

        if (!line.StartsWith(Debug, StringComparison.Ordinal))
        {
            return;
        }

        var text = line[Debug.Length..];
        if (After(text, "Local version string ") is { } local)
        {
            ClientVersion = local;
        }
        else if (After(text, "Remote protocol version ") is { } remote && remote.IndexOf("remote software version ", StringComparison.Ordinal) is var at and >= 0)
        {
            ServerVersion = remote[(at + "remote software version ".Length)..];
        }
        else if (After(text, "kex: algorithm: ") is { } kex)
        {
            KeyExchange = kex;
        }
        else if (After(text, "kex: host key algorithm: ") is { } hostKey)
        {
            HostKeyAlgorithm = hostKey;
        }
        else if (After(text, "kex: client->server cipher: ") is { } outgoing)
        {
            Outgoing = Direction(outgoing);
        }
        else if (After(text, "kex: server->client cipher: ") is { } incoming)
        {
            Incoming = Direction(incoming);
        }
        else if (After(text, "Server host key: ") is { } hostKey2 && hostKey2.Split(' ') is [var type, var fingerprint, ..])
        {
            ServerHostKey = (type, fingerprint);
        }
        else if (After(text, "Next authentication method: ") is { } method)
        {
            lock (_gate)
            {
                _methods.Add(method);
            }
        }
    }

    private static string? After(string text, string prefix) =>
        text.StartsWith(prefix, StringComparison.Ordinal) ? text[prefix.Length..].Trim() : null;

    // "aes128-gcm@openssh.com MAC: <implicit> compression: none"
    private static (string, string, string) Direction(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var mac = Array.IndexOf(words, "MAC:") is var m and >= 0 && m + 1 < words.Length ? words[m + 1] : "?";
        var compression = Array.IndexOf(words, "compression:") is var c and >= 0 && c + 1 < words.Length ? words[c + 1] : "?";
        return (words.Length > 0 ? words[0] : "?", mac == "<implicit>" ? "(implicit in cipher)" : mac, compression);
    }
}
