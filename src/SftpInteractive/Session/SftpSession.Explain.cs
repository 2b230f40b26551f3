namespace SftpInteractive;

public sealed partial class SftpSession
{
    /// <summary>Shows how this session is connected: resolved settings and their sources (secrets masked), server
    /// version, negotiated algorithms, host key fingerprint and the server's SFTP extensions.</summary>
    /// <exception cref="ObjectDisposedException">The session was disposed (nothing is connected to explain).</exception>
    [Verb(VerbGroup.Connect, "where each connection setting came from (secrets masked)", Instant = true)]
    public ConnectionExplanation Explain()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var info = _client.ConnectionInfo;
        var rows = new List<(string, string, string)>();
        rows.AddRange(Settings.Describe());
        if (_client is OpenSshSftpClient)
        {
            rows.Add(("Transport", $"OpenSSH {OpenSshProgram.Version} ({OpenSshProgram.Path}): one login, every channel over its ControlMaster socket", "SFTP_TRANSPORT"));
            var n = _connector.Master?.Negotiation;
            rows.Add(("Server version", n?.ServerVersion ?? "?", "server"));
            rows.Add(("Client version", n?.ClientVersion ?? "?", "ssh"));
            rows.Add(("Key exchange", n?.KeyExchange ?? "?", "negotiated by ssh"));
            rows.Add(("Host key", $"{n?.HostKeyAlgorithm ?? "?"} {HostKeyFingerprint ?? "?"}", "negotiated by ssh, checked by our host-key policy"));
            rows.Add(("Cipher (out / in)", $"{n?.Outgoing?.Cipher ?? "?"} / {n?.Incoming?.Cipher ?? "?"}", "negotiated by ssh"));
            rows.Add(("MAC (out / in)", $"{n?.Outgoing?.Mac ?? "?"} / {n?.Incoming?.Mac ?? "?"}", "negotiated by ssh"));
            rows.Add(("Compression", n?.Outgoing?.Compression ?? "?", "negotiated by ssh"));
            rows.Add(("Authenticated with", n?.AuthenticatedWith ?? "?", "ssh"));
            return Finish(rows);
        }

        rows.Add(("Server version", info.ServerVersion ?? "?", "server"));
        rows.Add(("Client version", info.ClientVersion ?? "?", "SSH.NET"));
        rows.Add(("Key exchange", info.CurrentKeyExchangeAlgorithm ?? "?", "negotiated"));
        rows.Add(("Host key", $"{info.CurrentHostKeyAlgorithm} {HostKeyFingerprint}", "negotiated"));
        rows.Add(("Cipher (out / in)", $"{info.CurrentClientEncryption} / {info.CurrentServerEncryption}", "negotiated"));
        rows.Add(("MAC (out / in)", $"{Mac(info.CurrentClientHmacAlgorithm, info.CurrentClientEncryption)} / {Mac(info.CurrentServerHmacAlgorithm, info.CurrentServerEncryption)}", "negotiated"));
        rows.Add(("Compression", info.CurrentClientCompressionAlgorithm ?? "none", "negotiated"));
        return Finish(rows);
    }

    private ConnectionExplanation Finish(List<(string, string, string)> rows)
    {
        // Both come from the connection's engine, whatever the transport.
        var engine = SftpEngines.ForAsync(_client, CancellationToken.None).GetAwaiter().GetResult();
        rows.Add(("SFTP protocol", engine.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), "server"));
        var extensions = engine.Extensions;
        rows.Add(("SFTP extensions", extensions.Count == 0 ? "(none)" : string.Join(", ", extensions.Keys.Order(StringComparer.Ordinal)), "server"));
        rows.Add(("Buffer size", Format.Bytes(_client.BufferSize), "SftpInteractive"));
        rows.Add(("Keepalive", Settings.KeepAliveInterval > TimeSpan.Zero ? $"{Format.Duration(Settings.KeepAliveInterval)}, dead after {Settings.ServerAliveCountMax} unanswered" : "off",
            Settings.Sources.GetValueOrDefault(SettingKeys.KeepAlive, "default")));
        if (Settings.JumpHosts.Count > 0)
        {
            rows.Add(("Route", Settings.Route, Settings.Sources.GetValueOrDefault(SettingKeys.Jump, "settings")));
        }
        rows.Add(("Home / cwd", $"{Home} / {_cwd}", "session"));
        return new ConnectionExplanation(Settings.Target, rows, [.. extensions.Keys]);
    }

    // AES-GCM authenticates itself: no separate MAC is used.
    internal static string Mac(string? mac, string? cipher) =>
        cipher?.Contains("gcm", StringComparison.Ordinal) == true || cipher?.Contains("poly1305", StringComparison.Ordinal) == true ? "(implicit in cipher)" : mac ?? "?";
}
