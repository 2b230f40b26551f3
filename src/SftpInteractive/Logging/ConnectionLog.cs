using Renci.SshNet;

namespace SftpInteractive;

/// <summary>SftpInteractive's own lines of the connection log: what is tried, what was chosen, how it ended.</summary>
internal static class ConnectionLog
{
    /// <summary>Before connecting: target, timeout, jump hosts, auth methods and keys offered.</summary>
    public static void Connecting(SftpSettings settings, ConnectionInfo info)
    {
        if (!SftpLog.IsEnabled(SftpLogLevel.Info))
        {
            return;
        }

        SftpLog.Info($"connecting to {settings.Target} (connect timeout {Format.Duration(settings.ConnectTimeout)}, host key policy {settings.HostKeyPolicy}, known_hosts {string.Join(", ", settings.KnownHostsFiles.Select(LocalPaths.Display))})");
        if (settings.SshConfigFiles.Count > 0)
        {
            SftpLog.Info($"ssh_config read: {string.Join(", ", settings.SshConfigFiles.Select(LocalPaths.Display))}");
        }

        if (settings.JumpHosts.Count > 0)
        {
            SftpLog.Info($"jump hosts: {string.Join(" -> ", settings.JumpHosts)}");
        }

        SftpLog.Info($"authentication methods to try: {string.Join(", ", info.AuthenticationMethods.Select(m => m.Name))}");
        foreach (var key in settings.PrivateKeyPaths)
        {
            SftpLog.Debug($"offering key file {LocalPaths.Display(key)}");
        }

        SftpLog.Debug($"ciphers offered: {string.Join(",", info.Encryptions.Keys)}");
        SftpLog.Debug($"key exchange offered: {string.Join(",", info.KeyExchangeAlgorithms.Keys)}");
        SftpLog.Debug($"host key algorithms offered: {string.Join(",", info.HostKeyAlgorithms.Keys)}");
    }

    /// <summary>After the handshake and authentication succeeded: the algorithms chosen.</summary>
    public static void Connected(SftpSettings settings, ConnectionInfo info)
    {
        if (!SftpLog.IsEnabled(SftpLogLevel.Info))
        {
            return;
        }

        SftpLog.Info($"server {info.ServerVersion}");
        SftpLog.Info($"kex: {info.CurrentKeyExchangeAlgorithm}, host key: {info.CurrentHostKeyAlgorithm}");
        SftpLog.Info($"cipher: {info.CurrentClientEncryption} (out) / {info.CurrentServerEncryption} (in), MAC: {SftpSession.Mac(info.CurrentClientHmacAlgorithm, info.CurrentClientEncryption)} / {SftpSession.Mac(info.CurrentServerHmacAlgorithm, info.CurrentServerEncryption)}");
        SftpLog.Info($"authenticated to {settings.Target}");
    }

    /// <summary>After the OpenSSH transport's master logged in: what its ssh negotiated.</summary>
    public static void Connected(SftpSettings settings, OpenSshNegotiation negotiated)
    {
        if (!SftpLog.IsEnabled(SftpLogLevel.Info))
        {
            return;
        }

        SftpLog.Info($"server {negotiated.ServerVersion ?? "?"} (client {negotiated.ClientVersion ?? "?"})");
        SftpLog.Info($"kex: {negotiated.KeyExchange ?? "?"}, host key: {negotiated.HostKeyAlgorithm ?? "?"}");
        SftpLog.Info($"cipher: {negotiated.Outgoing?.Cipher ?? "?"} (out) / {negotiated.Incoming?.Cipher ?? "?"} (in), MAC: {negotiated.Outgoing?.Mac ?? "?"} / {negotiated.Incoming?.Mac ?? "?"}");
        SftpLog.Info($"authenticated to {settings.Target}" + (negotiated.AuthenticatedWith is { } method ? $" with {method}" : ""));
    }

    /// <summary>The attempt failed.</summary>
    public static void Failed(SftpSettings settings, Exception error) =>
        SftpLog.Info($"connecting to {settings.Target} failed: {error.GetType().Name}: {error.Message}");
}
