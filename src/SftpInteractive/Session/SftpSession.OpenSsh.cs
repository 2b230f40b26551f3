using Renci.SshNet;

namespace SftpInteractive;

public sealed partial class SftpSession
{
    private readonly Lock _sshNetGate = new();
    private SftpClient? _sshNetClient;

    /// <summary>True when the session holds an SSH.NET connection: always on the SSH.NET transport; on the OpenSSH
    /// transport only once someone used <see cref="Client"/> (tests check that nothing else makes one).</summary>
    internal bool HoldsSshNetConnection => _client is not OpenSshSftpClient || _ssh is not null || _sshNetClient is not null;

    /// <summary>The process id of the session's ssh master on the OpenSSH transport, or null (tests cut the connection
    /// by ending it).</summary>
    internal int? OpenSshMasterProcessId => _connector.Master?.ProcessId;

    /// <summary>On the OpenSSH transport, the SSH.NET client a user asked for through <see cref="Client"/>: connected
    /// on first use (checked against the host key the session trusted), again after it was lost.</summary>
    private SftpClient SshNetClient()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_sshNetGate)
        {
            if (_sshNetClient is { } client && IsUp(client))
            {
                return client;
            }

            _sshNetClient?.Dispose();
            _sshNetClient = _connector.ConnectSshNetSftpAsync(CancellationToken.None).GetAwaiter().GetResult();
            return _sshNetClient;
        }
    }
}
