using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using Renci.SshNet.Common;

namespace SftpInteractive;

/// <summary>
/// Our SFTP version 3 client over one <see cref="ISftpTransport"/>: packets framed here, request ids mapped to the
/// <see cref="SftpReply"/> waiting for each, any number of requests in flight, replies dispatched on the thread that
/// read them (in whatever order the server sends them). The requests are in the partial files by concern
/// (<c>SftpEngine.Requests.cs</c>, <c>SftpEngine.Extensions.cs</c>).
/// </summary>
internal sealed partial class SftpEngine : ISftpReceiver, IDisposable
{
    /// <summary>Read and write sizes when the server does not say (the draft's 32 KiB every server accepts).</summary>
    public const int DefaultChunk = 32 * 1024;

    // OpenSSH's sftp-server takes packets up to 256 KiB; a reply longer than this is a broken stream.
    private const int MaxReplyLength = 4 * 1024 * 1024;

    private readonly ISftpTransport _transport;
    private readonly Lock _sendGate = new();
    private readonly Lock _pendingGate = new();
    private readonly Dictionary<uint, (SftpReply Reply, long Sent)> _pending = [];
    private readonly TaskCompletionSource<(uint Version, Dictionary<string, string> Extensions)> _version =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    private byte[] _inbox = ArrayPool<byte>.Shared.Rent(64 * 1024);
    private int _inboxLength;
    private uint _nextId;
    private Exception? _closed;
    private long _shortestTicks = long.MaxValue;

    private SftpEngine(ISftpTransport transport) => _transport = transport;

    /// <summary>The server's SFTP version (3 for every server this speaks to).</summary>
    public uint Version { get; private set; }

    /// <summary>The extensions the server offered (name → version).</summary>
    public IReadOnlyDictionary<string, string> Extensions { get; private set; } = new Dictionary<string, string>();

    /// <summary>The largest read to ask for: the server's <c>limits@openssh.com</c>, else 32 KiB.</summary>
    public int MaxRead { get; private set; } = DefaultChunk;

    /// <summary>The largest write to send: the server's <c>limits@openssh.com</c>, else 32 KiB.</summary>
    public int MaxWrite { get; private set; } = DefaultChunk;

    /// <summary>
    /// The read length whose reply fits one packet of the transport (SSH_FXP_DATA adds 13 bytes), at most
    /// <paramref name="wanted"/> and <see cref="MaxRead"/>: what SSH.NET's SftpClient asked for on the same channel.
    /// </summary>
    public int ReadChunk(int wanted) => Math.Min(Math.Min(wanted, MaxRead), _transport.LocalPacketSize is > 1024 and var size ? size - 13 : int.MaxValue);

    /// <summary>The write length whose request fits one packet of the transport (SSH_FXP_WRITE adds 25 bytes and the handle).</summary>
    public int WriteChunk(int wanted, byte[] handle) =>
        Math.Min(Math.Min(wanted, MaxWrite), _transport.PeerPacketSize is > 1024 and var size ? size - 25 - handle.Length : int.MaxValue);

    /// <summary>
    /// The shortest time any request waited for its reply, from before it was sent to the moment the reply was read:
    /// the link's round trip plus the server's quickest answer, without our own work before and after (which made
    /// the first request after a connect look like 4–10 ms on loopback). Zero until a reply came.
    /// </summary>
    public TimeSpan ShortestRoundTrip => Volatile.Read(ref _shortestTicks) is var ticks && ticks == long.MaxValue ? TimeSpan.Zero : TimeSpan.FromTicks(ticks);

    /// <summary>True until the transport ends.</summary>
    public bool IsOpen => Volatile.Read(ref _closed) is null && _transport.IsOpen;

    /// <summary>Requests sent and not yet answered.</summary>
    public int InFlight
    {
        get
        {
            lock (_pendingGate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>
    /// Sends one request built in <paramref name="packet"/> (which it disposes) with a fresh id; <paramref name="reply"/>
    /// gets the answer. A closed engine fails the reply at once.
    /// </summary>
    public void Send(ref SftpPacketWriter packet, SftpReply reply) => Send(ref packet, reply, null, 0);

    private void Send(ref SftpPacketWriter packet, SftpReply reply, FileStage? stage, int staged)
    {
        try
        {
            uint id;
            lock (_pendingGate)
            {
                if (_closed is { } closed)
                {
                    reply.Fail(new SshConnectionException("The SFTP channel is closed.", closed));
                    return;
                }

                id = _nextId++;
                _pending[id] = (reply, Stopwatch.GetTimestamp());
            }

            var bytes = packet.Finish(id, staged);
            try
            {
                lock (_sendGate)
                {
                    if (stage is null)
                    {
                        _transport.Send(bytes.Array!, bytes.Offset, bytes.Count);
                    }
                    else
                    {
                        _transport.SendStaged(bytes.Array!, bytes.Count, stage);
                    }
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Forget(id);
                reply.Fail(e is SshException or ObjectDisposedException ? e : new SshConnectionException("The SFTP channel failed: " + e.Message, e));
            }
        }
        finally
        {
            packet.Dispose();
        }
    }

    /// <summary>Sends a request and awaits its reply parsed by <paramref name="parse"/>; cancelling abandons the reply.</summary>
    public async Task<T> RequestAsync<T>(SftpPacketWriter packet, SftpReplyParser<T> parse, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var reply = new SftpTaskReply<T>(parse);
        Send(ref packet, reply);
        if (!cancellationToken.CanBeCanceled || reply.Task.IsCompleted)
        {
            return await reply.Task.ConfigureAwait(false);
        }

        await using (cancellationToken.UnsafeRegister(static (state, token) => ((SftpTaskReply<T>)state!).Cancel(token), reply).ConfigureAwait(false))
        {
            return await reply.Task.ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public void Received(ReadOnlySpan<byte> data)
    {
        // Whole packets straight from the transport's buffer; only a packet split across deliveries is gathered in the
        // inbox, and only its own bytes (copying every delivery through the inbox once one packet was split cost a
        // second copy of the whole stream).
        if (_inboxLength > 0)
        {
            data = data[CompleteSplitPacket(data)..];
            if (_inboxLength > 0)
            {
                return; // still incomplete: all of data went into it
            }
        }

        var used = Dispatch(data);
        if (used < data.Length)
        {
            Append(data[used..]); // the start of a packet the next delivery completes
        }
    }

    // Moves bytes of data into the split packet waiting in the inbox until it is whole (then dispatches it and empties
    // the inbox) or data runs out; returns how many bytes it took.
    private int CompleteSplitPacket(ReadOnlySpan<byte> data)
    {
        var taken = Math.Min(Math.Max(0, 4 - _inboxLength), data.Length);
        Append(data[..taken]);
        if (_inboxLength < 4)
        {
            return taken;
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(_inbox);
        if (length is 0 or > MaxReplyLength)
        {
            Dispatch(_inbox.AsSpan(0, _inboxLength)); // says the stream is broken and closes it
            _inboxLength = 0;
            return data.Length;
        }

        var part = (int)Math.Min(4 + length - _inboxLength, data.Length - taken);
        Append(data.Slice(taken, part));
        taken += part;
        if (_inboxLength == 4 + length)
        {
            Dispatch(_inbox.AsSpan(0, _inboxLength));
            _inboxLength = 0;
        }

        return taken;
    }

    /// <inheritdoc/>
    public void Closed(Exception? error)
    {
        List<SftpReply> orphans;
        var reason = new SshConnectionException(error is null ? "The SFTP channel was closed." : "The SFTP channel failed: " + error.Message, error!);
        lock (_pendingGate)
        {
            if (_closed is not null)
            {
                return;
            }

            _closed = reason;
            orphans = [.. _pending.Values.Select(p => p.Reply)];
            _pending.Clear();
        }

        _version.TrySetException(reason);
        foreach (var orphan in orphans)
        {
            orphan.Fail(reason);
        }
    }

    /// <summary>Closes the transport; every reply still awaited fails.</summary>
    public void Dispose()
    {
        Closed(null);
        _transport.Dispose();
    }

    private int Dispatch(ReadOnlySpan<byte> data)
    {
        var used = 0;
        while (data.Length - used >= 4)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(data[used..]);
            if (length is 0 or > MaxReplyLength)
            {
                var broken = new SshException($"The server sent an SFTP packet of {length:N0} bytes: the stream is broken.");
                Closed(broken);
                _transport.Dispose();
                return data.Length;
            }

            if (data.Length - used - 4 < length)
            {
                break;
            }

            Handle(data.Slice(used + 4, (int)length));
            used += 4 + (int)length;
        }

        return used;
    }

    private void Handle(ReadOnlySpan<byte> packet)
    {
        var type = packet[0];
        if (type == SftpPacketType.Version)
        {
            OnVersion(packet[1..]);
            return;
        }

        if (packet.Length < 5)
        {
            return;
        }

        var id = BinaryPrimitives.ReadUInt32BigEndian(packet[1..]);
        bool awaited;
        (SftpReply Reply, long Sent) pending;
        lock (_pendingGate)
        {
            awaited = _pending.Remove(id, out pending);
        }

        // A reply nobody waits for any more (its request was cancelled) is dropped.
        if (awaited)
        {
            Note(Stopwatch.GetElapsedTime(pending.Sent).Ticks);
            pending.Reply.Complete(type, packet[5..]);
        }
    }

    // Replies are read on one thread at a time (the transport's promise), so the minimum has one writer.
    private void Note(long ticks)
    {
        if (ticks < _shortestTicks)
        {
            Volatile.Write(ref _shortestTicks, ticks);
        }
    }

    private void Append(ReadOnlySpan<byte> data)
    {
        if (_inboxLength + data.Length > _inbox.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_inbox.Length * 2, _inboxLength + data.Length));
            _inbox.AsSpan(0, _inboxLength).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_inbox);
            _inbox = larger;
        }

        data.CopyTo(_inbox.AsSpan(_inboxLength));
        _inboxLength += data.Length;
    }

    private void Forget(uint id)
    {
        lock (_pendingGate)
        {
            _pending.Remove(id);
        }
    }
}
