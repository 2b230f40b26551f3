using NetMQ;
using NetMQ.Sockets;
using SftpInteractive.Kernel.Protocol;

namespace SftpInteractive.Kernel.Transport;

/// <summary>
/// Shell, control, stdin and iopub sockets on one NetMQ poller thread. NetMQ sockets are not thread-safe, so every
/// send from any thread goes through a queue the poller drains; received messages are verified and handed to
/// <see cref="Received"/> on the poller thread (handlers must not block it).
/// </summary>
internal sealed class KernelSockets : IDisposable
{
    private readonly MessageSigner _signer;
    private readonly TextWriter _log;
    private readonly RouterSocket _shell = new();
    private readonly RouterSocket _control = new();
    private readonly RouterSocket _stdin = new();
    private readonly PublisherSocket _iopub = new();
    private readonly NetMQQueue<Outgoing> _outgoing = new();
    private readonly NetMQPoller _poller;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public KernelSockets(ConnectionInfo connection, MessageSigner signer, TextWriter log)
    {
        _signer = signer;
        _log = log;
        foreach (var socket in new NetMQSocket[] { _shell, _control, _stdin, _iopub })
        {
            // Give replies sent just before shutdown time to leave.
            socket.Options.Linger = TimeSpan.FromSeconds(1);
        }

        try
        {
            PortBinding.Bind(_shell, connection, connection.ShellPort, "shell");
            PortBinding.Bind(_control, connection, connection.ControlPort, "control");
            PortBinding.Bind(_stdin, connection, connection.StdinPort, "stdin");
            PortBinding.Bind(_iopub, connection, connection.IopubPort, "iopub");
        }
        catch
        {
            DisposeSockets();
            throw;
        }

        _shell.ReceiveReady += (_, e) => OnReceive(KernelChannel.Shell, e.Socket);
        _control.ReceiveReady += (_, e) => OnReceive(KernelChannel.Control, e.Socket);
        _stdin.ReceiveReady += (_, e) => OnReceive(KernelChannel.Stdin, e.Socket);
        _outgoing.ReceiveReady += (_, _) => Drain();
        _poller = [_shell, _control, _stdin, _outgoing];
    }

    /// <summary>Called on the poller thread for each verified message.</summary>
    public event Action<KernelChannel, JupyterMessage>? Received;

    /// <summary>Completes when the poller has stopped.</summary>
    public Task Stopped => _stopped.Task;

    /// <summary>Starts the poller thread.</summary>
    public void Start()
    {
        var thread = new Thread(() =>
        {
            try
            {
                _poller.Run();
            }
            finally
            {
                _stopped.TrySetResult();
            }
        })
        { IsBackground = true, Name = "jupyter-sockets" };
        thread.Start();
    }

    /// <summary>Queues a message for sending (thread-safe).</summary>
    public void Send(KernelChannel channel, JupyterMessage message) =>
        _outgoing.Enqueue(new Outgoing(channel, WireFormat.Encode(message, _signer), Stop: false));

    /// <summary>Stops the poller after everything queued so far has been sent.</summary>
    public void StopAfterPendingSends() => _outgoing.Enqueue(new Outgoing(KernelChannel.Shell, [], Stop: true));

    public void Dispose()
    {
        if (_poller.IsRunning)
        {
            _poller.Stop();
        }

        _poller.Dispose();
        DisposeSockets();
    }

    private void DisposeSockets()
    {
        _outgoing.Dispose();
        _shell.Dispose();
        _control.Dispose();
        _stdin.Dispose();
        _iopub.Dispose();
    }

    private void Drain()
    {
        while (_outgoing.TryDequeue(out var item, TimeSpan.Zero))
        {
            if (item.Stop)
            {
                _poller.Stop();
                return;
            }

            var socket = item.Channel switch
            {
                KernelChannel.Shell => _shell,
                KernelChannel.Control => _control,
                KernelChannel.Stdin => _stdin,
                _ => (NetMQSocket)_iopub,
            };
            socket.SendMultipartBytes(item.Frames);
        }
    }

    private void OnReceive(KernelChannel channel, NetMQSocket socket)
    {
        var frames = new List<byte[]>();
        while (socket.TryReceiveMultipartBytes(TimeSpan.Zero, ref frames!))
        {
            if (!WireFormat.TryDecode(frames, _signer, out var message, out var error))
            {
                _log.WriteLine($"Dropped a {channel} message: {error}.");
            }
            else
            {
                try
                {
                    Received?.Invoke(channel, message!);
                }
#pragma warning disable CA1031 // One bad request must not stop the socket thread.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    _log.WriteLine($"Handler for {message!.MessageType} failed: {Redactor.Redact(ex.ToString())}");
                }
            }

            frames = [];
        }
    }

    private sealed record Outgoing(KernelChannel Channel, List<byte[]> Frames, bool Stop);
}
