using Renci.SshNet;

namespace SftpInteractive;

/// <summary>
/// The way to the target through a ProxyJump chain. The last jump host's SSH connection is opened once (itself
/// through the hops before it) and shared by every connection of the session; each connection gets its own
/// direct-tcpip forward on it. A dropped jump host connection is opened again on the next use (reconnect).
/// </summary>
internal sealed class JumpRoute(SshConnector lastHop) : IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Lock _forwards = new();
    private SshClient? _client;
    private volatile bool _disposed;

    /// <summary>The last hop's connector (for messages).</summary>
    public SshConnector LastHop => lastHop;

    /// <summary>Opens a tunnel to <paramref name="host"/>:<paramref name="port"/> through the chain. Without
    /// <paramref name="mayReconnect"/> (a connection nobody waits for, which must never prompt) only a jump host
    /// connection that is up is used.</summary>
    /// <exception cref="SftpInteractiveException">A jump host cannot be reached; the message names it.</exception>
    public async Task<JumpTunnel> OpenAsync(string host, int port, bool mayReconnect, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_client is null || !SftpSession.IsUp(_client))
            {
                if (!mayReconnect)
                {
                    throw new SftpConnectionException($"The jump host {lastHop.Settings.Target} is not connected; it is connected again only when a job needs it.");
                }

                _client?.Dispose();
                _client = null;
                _client = await lastHop.ConnectSshAsync(cancellationToken).ConfigureAwait(false);
                if (_disposed)
                {
                    Interlocked.Exchange(ref _client, null)?.Dispose();
                    throw new ObjectDisposedException(nameof(JumpRoute), "The session was closed while its jump host connected.");
                }
            }

            var client = _client ?? throw new ObjectDisposedException(nameof(JumpRoute));
            lock (_forwards)
            {
                return new JumpTunnel(client, host, port, forward => Remove(client, forward));
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // No waiting for the lock: a connect in progress sees _disposed and closes what it opened.
        _disposed = true;
        Interlocked.Exchange(ref _client, null)?.Dispose();
        lastHop.Dispose();
    }

    private void Remove(SshClient client, ForwardedPortLocal forward)
    {
        lock (_forwards)
        {
            try
            {
                client.RemoveForwardedPort(forward);
            }
            catch (ObjectDisposedException)
            {
                // the hop connection was closed first
            }
        }
    }
}
