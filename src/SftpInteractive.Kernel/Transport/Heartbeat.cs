using NetMQ;
using NetMQ.Sockets;
using SftpInteractive.Kernel.Protocol;

namespace SftpInteractive.Kernel.Transport;

/// <summary>Echoes heartbeat pings on a thread of its own, so a long cell or a busy poller never looks like a
/// dead kernel to the front end.</summary>
internal sealed class Heartbeat : IDisposable
{
    private readonly RouterSocket _socket = new();
    private readonly Thread _thread;
    private volatile bool _stop;

    /// <exception cref="IOException">The heartbeat port cannot be bound.</exception>
    public Heartbeat(ConnectionInfo connection)
    {
        _socket.Options.Linger = TimeSpan.Zero;
        try
        {
            PortBinding.Bind(_socket, connection, connection.HeartbeatPort, "heartbeat");
        }
        catch
        {
            _socket.Dispose();
            throw;
        }

        _thread = new Thread(Run) { IsBackground = true, Name = "jupyter-heartbeat" };
    }

    public void Start() => _thread.Start();

    public void Dispose()
    {
        _stop = true;
        if (_thread.IsAlive)
        {
            _thread.Join(TimeSpan.FromSeconds(2));
        }

        _socket.Dispose();
    }

    private void Run()
    {
        var frames = new List<byte[]>();
        while (!_stop)
        {
            // A router echoing every frame (identity, empty delimiter, payload) is what a REQ client expects of REP.
            if (_socket.TryReceiveMultipartBytes(TimeSpan.FromMilliseconds(200), ref frames!))
            {
                _socket.SendMultipartBytes(frames);
                frames = [];
            }
        }
    }
}
