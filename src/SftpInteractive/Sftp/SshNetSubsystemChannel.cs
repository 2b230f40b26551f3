using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace SftpInteractive;

/// <summary>
/// The one thing taken from SSH.NET for SFTP: an <c>sftp</c> subsystem channel on a connected client's SSH session,
/// as its own SftpClient opens one (SubsystemSession.Connect: CreateChannelSession, Open, SendSubsystemRequest).
/// SSH.NET has no public API for it (sshnet/SSH.NET #740, #1714), so the members are reached with
/// <see cref="UnsafeAccessorAttribute"/>: bound by name and signature when first called, no reflection, no emitted IL.
/// <c>SshNetSubsystemChannelTests</c> fails with <see cref="MissingMemberException"/>'s message if an SSH.NET update
/// moves one. The only other thing named here is the event argument type of the channel's data event.
/// </summary>
internal sealed class SshNetSubsystemChannel : ISftpTransport
{
    private const string Assembly = ", Renci.SshNet";
    private static readonly TimeSpan WatchPeriod = TimeSpan.FromSeconds(1);
    private const string ISession = "Renci.SshNet.ISession" + Assembly;
    private const string Channel = "Renci.SshNet.Channels.Channel" + Assembly;
    private const string ChannelSession = "Renci.SshNet.Channels.ChannelSession" + Assembly;
    private const string DataEventArgs = "Renci.SshNet.Common.ChannelDataEventArgs" + Assembly;
    private const string ChannelEventArgs = "Renci.SshNet.Common.ChannelEventArgs" + Assembly;

    /// <summary>The most of our channels open on one SSH.NET connection with its default limit (see <see cref="Open"/>).</summary>
    internal const int MostOpen = 9;

    // Our channels open on each SSH.NET connection (see Open).
    private static readonly ConditionalWeakTable<Session, SemaphoreSlim> Slots = new();

    private readonly object _channel;
    private readonly Session _session;
    private readonly SemaphoreSlim _slots;
    private int _released;
    private readonly Delegate _onData;
    private readonly Delegate _onClosed;
    private readonly Timer _watch;
    private ISftpReceiver? _receiver;
    private int _closed;

    private SshNetSubsystemChannel(object channel, Session session, SemaphoreSlim slots)
    {
        (_channel, _session, _slots) = (channel, session, slots);

        // SSH.NET raises no event when its own client disconnects (Disconnect, Dispose, a reconnect): every request
        // still waiting would wait forever. The connection's state is looked at once a second instead.
        _watch = new Timer(static state => ((SshNetSubsystemChannel)state!).Watch(), this, WatchPeriod, WatchPeriod);
        _onData = Delegate.CreateDelegate(HandlerOf(Type.GetType(DataEventArgs, throwOnError: true)!), this, typeof(SshNetSubsystemChannel).GetMethod(nameof(OnData))!);
        _onClosed = Delegate.CreateDelegate(HandlerOf(Type.GetType(ChannelEventArgs, throwOnError: true)!), this, typeof(SshNetSubsystemChannel).GetMethod(nameof(OnClosed))!);
    }

    // EventHandler<T> of one of SSH.NET's event argument types, which are not public. T is a class, so the shared code
    // SSH.NET's own events already run on serves it: a native AOT program needs no code generated for it.
    [UnconditionalSuppressMessage("AOT", "IL3050:RequiresDynamicCode", Justification = "A reference type argument: EventHandler<T>'s shared code serves it.")]
    private static Type HandlerOf(Type eventArgs) => typeof(EventHandler<>).MakeGenericType(eventArgs);

    /// <inheritdoc/>
    public bool IsOpen => Volatile.Read(ref _closed) == 0 && _session.IsConnected && IsChannelOpen(_channel);

    /// <inheritdoc/>
    public int PeerPacketSize => (int)Math.Min(RemotePacketSize(_channel), int.MaxValue);

    /// <inheritdoc/>
    public int LocalPacketSize => (int)Math.Min(LocalPacketSizeOf(_channel), int.MaxValue);

    /// <summary>Opens an <c>sftp</c> subsystem channel on <paramref name="client"/>'s SSH session. SSH.NET lets
    /// <see cref="ConnectionInfo.MaxSessions"/> channels be open on one connection and waits, with no time limit, for one
    /// to close before it opens another; so one more than that is refused here at once instead (one is left for
    /// SSH.NET's own SFTP session, <see cref="SshNetEngineClient.WithSshNetSftp"/>).</summary>
    /// <exception cref="SshConnectionException">The client is not connected.</exception>
    /// <exception cref="SshException">The server refused the channel or the subsystem; a refused channel (the server's
    /// MaxSessions, or the limit above) is marked for <see cref="ChannelRefusal.Is"/>.</exception>
    public static SshNetSubsystemChannel Open(BaseClient client)
    {
        var session = GetSession(client) as Session ?? throw new SshConnectionException("Client not connected.");
        var most = Math.Max(client.ConnectionInfo.MaxSessions - 1, 1);
        var slots = Slots.GetValue(session, _ => new SemaphoreSlim(most));
        if (!slots.Wait(0))
        {
            throw ChannelRefusal.Mark(new SshException($"all {most} SFTP channels one SSH.NET connection may have (ConnectionInfo.MaxSessions, less one) are open"));
        }

        SshNetSubsystemChannel transport;
        try
        {
            transport = new SshNetSubsystemChannel(CreateChannelSession(session), session, slots);
        }
        catch
        {
            slots.Release();
            throw;
        }

        try
        {
            AddDataReceived(transport._channel, transport._onData);
            AddClosed(transport._channel, transport._onClosed);
            AddException(transport._channel, transport.OnException);
            session.Disconnected += transport.OnDisconnected;
            session.ErrorOccured += transport.OnSessionError;
            try
            {
                OpenChannel(transport._channel);
            }
            catch (SshException e) when (e is not (SshConnectionException or SshOperationTimeoutException) && session.IsConnected && !IsChannelOpen(transport._channel))
            {
                // SSH.NET's "Failed to open a channel after N attempts": the server said no each time (its MaxSessions).
                throw ChannelRefusal.Mark(new SshException($"the server refused another channel ({e.Message})", e));
            }

            if (!SendSubsystemRequest(transport._channel, "sftp"))
            {
                throw new SshException("The server refused the sftp subsystem.");
            }

            return transport;
        }
        catch
        {
            transport.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public void Start(ISftpReceiver receiver) => _receiver = receiver;

    /// <inheritdoc/>
    public void Send(byte[] data, int offset, int count) => SendData(_channel, data, offset, count);

    /// <summary>Bound to the channel's data event; runs on SSH.NET's message listener thread.</summary>
    public void OnData(object? sender, EventArgs e) => _receiver?.Received(GetData(e));

    /// <summary>Bound to the channel's closed event.</summary>
    public void OnClosed(object? sender, EventArgs e) => Close(null);

    /// <inheritdoc/>
    public void Dispose()
    {
        Close(null);
        _session.Disconnected -= OnDisconnected;
        _session.ErrorOccured -= OnSessionError;
        RemoveDataReceived(_channel, _onData);
        RemoveClosed(_channel, _onClosed);
        RemoveException(_channel, OnException);
        ((IDisposable)_channel).Dispose();
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            _slots.Release();
        }
    }

    private void OnException(object? sender, ExceptionEventArgs e) => Close(e.Exception);

    private void OnSessionError(object? sender, ExceptionEventArgs e) => Close(e.Exception);

    private void OnDisconnected(object? sender, EventArgs e) => Close(new SshConnectionException("The SSH connection was closed."));

    private void Watch()
    {
        if (!_session.IsConnected || !IsChannelOpen(_channel))
        {
            Close(new SshConnectionException("The SSH connection was closed."));
        }
    }

    private void Close(Exception? error)
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            _watch.Dispose();
            _receiver?.Closed(error);
        }
    }

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "get_Session")]
    [return: UnsafeAccessorType(ISession)]
    private static extern object? GetSession(BaseClient client);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "Renci.SshNet.ISession.CreateChannelSession")]
    [return: UnsafeAccessorType("Renci.SshNet.Channels.IChannelSession" + Assembly)]
    private static extern object CreateChannelSession(Session session);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "Open")]
    private static extern void OpenChannel([UnsafeAccessorType(ChannelSession)] object channel);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "SendSubsystemRequest")]
    private static extern bool SendSubsystemRequest([UnsafeAccessorType(ChannelSession)] object channel, string subsystem);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "SendData")]
    private static extern void SendData([UnsafeAccessorType(Channel)] object channel, byte[] data, int offset, int count);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "get_IsOpen")]
    private static extern bool IsChannelOpen([UnsafeAccessorType(Channel)] object channel);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "get_RemotePacketSize")]
    private static extern uint RemotePacketSize([UnsafeAccessorType(Channel)] object channel);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "get_LocalPacketSize")]
    private static extern uint LocalPacketSizeOf([UnsafeAccessorType(Channel)] object channel);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "add_DataReceived")]
    private static extern void AddDataReceived([UnsafeAccessorType(Channel)] object channel,
        [UnsafeAccessorType("System.EventHandler`1[[" + DataEventArgs + "]]")] object handler);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "remove_DataReceived")]
    private static extern void RemoveDataReceived([UnsafeAccessorType(Channel)] object channel,
        [UnsafeAccessorType("System.EventHandler`1[[" + DataEventArgs + "]]")] object handler);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "add_Closed")]
    private static extern void AddClosed([UnsafeAccessorType(Channel)] object channel,
        [UnsafeAccessorType("System.EventHandler`1[[" + ChannelEventArgs + "]]")] object handler);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "remove_Closed")]
    private static extern void RemoveClosed([UnsafeAccessorType(Channel)] object channel,
        [UnsafeAccessorType("System.EventHandler`1[[" + ChannelEventArgs + "]]")] object handler);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "add_Exception")]
    private static extern void AddException([UnsafeAccessorType(Channel)] object channel, EventHandler<ExceptionEventArgs> handler);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "remove_Exception")]
    private static extern void RemoveException([UnsafeAccessorType(Channel)] object channel, EventHandler<ExceptionEventArgs> handler);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "get_Data")]
    private static extern ArraySegment<byte> GetData([UnsafeAccessorType(DataEventArgs)] object e);
}
