using System.Net;
using System.Net.Sockets;

namespace SftpInteractive.Testing;

/// <summary>
/// A TCP proxy on loopback between the helper and sshd that injects faults: cut the connection after a chosen number
/// of bytes (either direction), stall (stop forwarding but keep the sockets open, like a dead peer behind NAT), slow
/// traffic to a byte rate, or refuse new connections. Every wait is bounded; disposing closes everything.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _sockets = [];
    private readonly Task _acceptLoop;
    private readonly Lock _cutClaim = new();
    private long _serverToClient;
    private long _clientToServer;
    private int _held;

    /// <summary>Starts listening on 127.0.0.1 (a free port), forwarding to <paramref name="targetPort"/>.</summary>
    public FaultProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>The proxy's port.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Bytes forwarded from sshd to the client so far (all connections).</summary>
    public long ServerToClientBytes => Interlocked.Read(ref _serverToClient);

    /// <summary>Bytes forwarded from the client to sshd so far (all connections).</summary>
    public long ClientToServerBytes => Interlocked.Read(ref _clientToServer);

    /// <summary>Cut every connection once this many more server→client bytes have passed (null: never).</summary>
    public long? CutServerToClientAt { get; set; }

    /// <summary>Cut every connection once this many more client→server bytes have passed (null: never).</summary>
    public long? CutClientToServerAt { get; set; }

    /// <summary>When true a cut closes with FIN (a server process that died): the client still reads every byte
    /// forwarded before it. By default a cut is a RST (a dropped route), and the client's kernel discards what it had
    /// received but the client had not yet read.</summary>
    public bool CutWithFin { get; set; }

    /// <summary>While true, nothing is forwarded and nothing is closed.</summary>
    public bool Stalled { get; set; }

    /// <summary>Bytes per second per direction (null: unlimited).</summary>
    public int? BytesPerSecond { get; set; }

    /// <summary>While true, new connections are closed as soon as they are accepted (the server went away);
    /// open ones carry on.</summary>
    public bool RefuseNewConnections { get; set; }

    /// <summary>Accepts this many connections in all and refuses every later one (null: no limit), like a server that
    /// went away right after the first login.</summary>
    public int? AcceptOnly { get; set; }

    /// <summary>Refuses this many of the next connections, then accepts again (a login lost in a blip).</summary>
    public int RefuseNext { get; set; }

    /// <summary>While true, new connections are accepted but held: nothing reaches the server until this is false again
    /// (a server too busy to start a login; open connections carry on).</summary>
    public bool HoldNewConnections
    {
        get => _release is not null;
        set
        {
            if (value)
            {
                Interlocked.CompareExchange(ref _release, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), null);
            }
            else
            {
                Interlocked.Exchange(ref _release, null)?.TrySetResult();
            }
        }
    }

    private TaskCompletionSource? _release;

    /// <summary>How many connections are being held now (<see cref="HoldNewConnections"/>).</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>How many connections were refused (<see cref="RefuseNewConnections"/>, <see cref="AcceptOnly"/>).</summary>
    public int Refused { get; private set; }

    /// <summary>How many connections were cut by a fault.</summary>
    public int Cuts { get; private set; }

    /// <summary>How many connections were accepted.</summary>
    public int Connections { get; private set; }

    /// <summary>Arms a cut after <paramref name="bytes"/> more server→client bytes.</summary>
    public void CutDownloadAfter(long bytes) => CutServerToClientAt = ServerToClientBytes + bytes;

    /// <summary>Arms a cut after <paramref name="bytes"/> more client→server bytes.</summary>
    public void CutUploadAfter(long bytes) => CutClientToServerAt = ClientToServerBytes + bytes;

    /// <summary>The cut point this direction's <paramref name="total"/> has reached, claimed by exactly one connection:
    /// several connections crossing it at once (a ranged put's four) must make one cut, not one each.</summary>
    private long? ClaimCut(bool toServer, long total)
    {
        lock (_cutClaim)
        {
            var cutAt = toServer ? CutClientToServerAt : CutServerToClientAt;
            if (cutAt is not { } at || total < at)
            {
                return null;
            }

            if (toServer)
            {
                CutClientToServerAt = null;
            }
            else
            {
                CutServerToClientAt = null;
            }

            return at;
        }
    }

    /// <summary>Closes every open connection now (a cable pulled).</summary>
    public void CutAll()
    {
        lock (_sockets)
        {
            foreach (var socket in _sockets)
            {
                try
                {
                    if (socket.Client is { } raw && !CutWithFin)
                    {
                        raw.LingerState = new LingerOption(true, 0); // RST, like a dropped route
                    }
                }
                catch (Exception e) when (e is ObjectDisposedException or SocketException)
                {
                    // Already closed by its pump.
                }

                socket.Close();
            }

            _sockets.Clear();
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            if (RefuseNewConnections || Connections >= AcceptOnly || RefuseNext > 0)
            {
                RefuseNext = Math.Max(0, RefuseNext - 1);
                Refused++;
                client.Dispose();
                continue;
            }

            if (HoldNewConnections)
            {
                _ = ForwardWhenReleasedAsync(client);
                continue;
            }

            await ForwardAsync(client);
        }
    }

    private async Task ForwardWhenReleasedAsync(TcpClient client)
    {
        Interlocked.Increment(ref _held);
        try
        {
            if (_release is { } release)
            {
                await release.Task.WaitAsync(_stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            client.Dispose(); // the proxy stopped while holding it
            return;
        }
        finally
        {
            Interlocked.Decrement(ref _held);
        }

        await ForwardAsync(client);
    }

    private async Task ForwardAsync(TcpClient client)
    {
        var server = new TcpClient();
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
            client.Dispose();
            server.Dispose();
            return;
        }

        client.NoDelay = server.NoDelay = true;
        lock (_sockets)
        {
            _sockets.Add(client);
            _sockets.Add(server);
            Connections++;
        }

        _ = PumpAsync(client, server, toServer: true);
        _ = PumpAsync(server, client, toServer: false);
    }

    private async Task PumpAsync(TcpClient from, TcpClient to, bool toServer)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            var input = from.GetStream();
            var output = to.GetStream();
            while (!_stop.IsCancellationRequested)
            {
                while (Stalled && !_stop.IsCancellationRequested)
                {
                    await Task.Delay(20, _stop.Token);
                }

                var limit = BytesPerSecond is { } rate ? Math.Clamp(rate / 20, 1, buffer.Length) : buffer.Length;
                var read = await input.ReadAsync(buffer.AsMemory(0, limit), _stop.Token);
                if (read == 0)
                {
                    break;
                }

                var total = toServer ? Interlocked.Add(ref _clientToServer, read) : Interlocked.Add(ref _serverToClient, read);
                if (ClaimCut(toServer, total) is { } at)
                {
                    var keep = (int)Math.Max(0, read - (total - at));
                    await output.WriteAsync(buffer.AsMemory(0, keep), _stop.Token);
                    Cuts++;
                    CutAll();
                    return;
                }

                while (Stalled && !_stop.IsCancellationRequested)
                {
                    await Task.Delay(20, _stop.Token);
                }

                await output.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
                if (BytesPerSecond is not null)
                {
                    await Task.Delay(50, _stop.Token);
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or SocketException or InvalidOperationException)
        {
            // The other side or a fault closed the connection.
        }
        finally
        {
            from.Close();
            to.Close();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        CutAll();
        try
        {
            await _acceptLoop.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            // Bounded: never hang a test run on shutdown.
        }

        _stop.Dispose();
    }
}
