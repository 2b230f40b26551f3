using Renci.SshNet;

namespace SftpInteractive;

/// <summary>
/// One connection's way through a jump host: a direct-tcpip forward from a loopback port to the next host. It lets
/// exactly one local connection through (the SSH.NET client that asked for it); any later one is closed at once.
/// </summary>
internal sealed class JumpTunnel : IDisposable
{
    private readonly ForwardedPortLocal _forward;
    private readonly Action<ForwardedPortLocal> _remove;
    private int _accepted;
    private int _disposed;
    private volatile string? _failure;

    /// <summary>Opens the forward on <paramref name="client"/> (the last jump host) to <paramref name="host"/>:<paramref name="port"/>.</summary>
    public JumpTunnel(SshClient client, string host, int port, Action<ForwardedPortLocal> remove)
    {
        _remove = remove;
        _forward = new ForwardedPortLocal("127.0.0.1", 0, host, (uint)port);
        _forward.RequestReceived += (_, _) =>
        {
            if (Interlocked.Exchange(ref _accepted, 1) == 1)
            {
                throw new InvalidOperationException("this jump tunnel already carries its connection");
            }
        };
        _forward.Exception += (_, e) => _failure ??= e.Exception.Message;
        client.AddForwardedPort(_forward);
        _forward.Start();
    }

    /// <summary>The loopback port the SSH.NET client connects to.</summary>
    public int LocalPort => (int)_forward.BoundPort;

    /// <summary>Why the jump host could not open the forward (say, "administratively prohibited"), or null.</summary>
    public string? Failure => _failure;

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            _forward.Stop();
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException or Renci.SshNet.Common.SshException)
        {
            // the jump host's connection is already gone; nothing left to stop
        }

        _remove(_forward);
        _forward.Dispose();
    }
}
