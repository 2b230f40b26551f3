using System.Buffers;
using System.Reflection;
using System.Reflection.Emit;

namespace SftpInteractive;

/// <summary>
/// Reads sent in SSH.NET's callback form, the request its synchronous read builds: each reply's data is copied into a
/// slot on SSH.NET's receive thread, with no hop. SSH.NET's task form costs every request three registered waits on
/// the thread pool, a timer, a linked cancellation source and a thread-pool continuation: on a 512 MiB get that was a
/// quarter of a million futex calls. A slot is reused only after its read was taken; a reply that arrives after
/// <see cref="Dispose"/> (the get stopped) is dropped, as its buffer went back to the pool.
/// </summary>
internal sealed class ReadReplies : IDisposable
{
    private static readonly Assembly SshNet = typeof(Renci.SshNet.SftpClient).Assembly;
    private static readonly Type? DataType = SshNet.GetType("Renci.SshNet.Sftp.Responses.SftpDataResponse");
    private static readonly Type? DataCallback = DataType is null ? null : typeof(Action<>).MakeGenericType(DataType);
    private static readonly Type? StatusCallback = SftpReplyMembers.StatusCallback;

    private static readonly Func<object, ArraySegment<byte>>? DataOf = SftpReplyMembers.Compile<Func<object, ArraySegment<byte>>>("SftpDataResponse.Data",
        typeof(ArraySegment<byte>), DataType?.GetProperty("Data")?.GetMethod is { } getter ? il =>
        {
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Castclass, DataType);
            il.Emit(OpCodes.Callvirt, getter);
        } : null);

    // new SftpReadRequest(ProtocolVersion, NextRequestId, handle, offset, length, onData, onStatus), as SftpSession.RequestRead builds it.
    private static readonly Action<object, byte[], ulong, uint, Delegate, Delegate>? SendRead = SftpReplyMembers.CompileSender<Action<object, byte[], ulong, uint, Delegate, Delegate>>(
        "Renci.SshNet.Sftp.Requests.SftpReadRequest", [typeof(byte[]), typeof(ulong), typeof(uint), DataCallback, StatusCallback], il =>
        {
            il.Emit(OpCodes.Ldarg_1);
            il.Emit(OpCodes.Ldarg_2);
            il.Emit(OpCodes.Ldarg_3);
            il.Emit(OpCodes.Ldarg_S, (byte)4);
            il.Emit(OpCodes.Castclass, DataCallback!);
            il.Emit(OpCodes.Ldarg_S, (byte)5);
            il.Emit(OpCodes.Castclass, StatusCallback!);
        });

    private static readonly MethodInfo OnData = typeof(Slot).GetMethod(nameof(Slot.Data))!;
    private static readonly MethodInfo OnStatus = typeof(Slot).GetMethod(nameof(Slot.Status))!;

    private readonly object _session;
    private readonly byte[] _handle;
    private readonly int _chunk;
    private readonly Slot?[] _slots;

    /// <summary>Makes room for <paramref name="count"/> slots (the reads in flight) of <paramref name="chunk"/> bytes
    /// each, for reads of <paramref name="handle"/>; a slot takes its buffer at its first read, so a file of a few
    /// chunks takes a few.</summary>
    public ReadReplies(object session, byte[] handle, int chunk, int count) =>
        (_session, _handle, _chunk, _slots) = (session, handle, chunk, new Slot?[count]);

    /// <summary>True when this SSH.NET version has the callback form.</summary>
    public static bool IsAvailable { get; } = SendRead is not null && DataOf is not null && SftpReplyMembers.IsAvailable;

    /// <summary>Asks for <paramref name="length"/> bytes (at most the chunk size) at <paramref name="offset"/>; the
    /// reply goes to slot <paramref name="sequence"/> modulo the slot count.</summary>
    public void Read(ulong offset, uint length, long sequence)
    {
        var slot = _slots[sequence % _slots.Length] ??= NewSlot();
        slot.Reset();
        SendRead!(_session, _handle, offset, length, slot.OnData, slot.OnStatus);
    }

    /// <summary>Completes when the read of <paramref name="sequence"/> is answered; throws its failure. The server
    /// answers in order, so once a later request's reply came this is done already, without waiting.</summary>
    public Task Answered(long sequence) => _slots[sequence % _slots.Length]!.Answered();

    /// <summary>The data of the answered read of <paramref name="sequence"/> (empty at the end of the file); valid
    /// until the slot's next read.</summary>
    public ReadOnlySpan<byte> Data(long sequence) => _slots[sequence % _slots.Length]!.Received;

    /// <summary>Returns the slots' buffers to the pool; replies still on their way are dropped.</summary>
    public void Dispose()
    {
        foreach (var slot in _slots)
        {
            slot?.Dispose();
        }
    }

    private Slot NewSlot()
    {
        var slot = new Slot(_chunk);
        slot.OnData = Delegate.CreateDelegate(DataCallback!, slot, OnData);
        slot.OnStatus = Delegate.CreateDelegate(StatusCallback!, slot, OnStatus);
        return slot;
    }

    /// <summary>One read's reply: its data is copied here on SSH.NET's receive thread, and taken by the reader.</summary>
    private sealed class Slot(int chunk) : ReplySlot, IDisposable
    {
        private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(chunk);
        private int _length;

        public Delegate OnData { get; set; } = null!;

        public Delegate OnStatus { get; set; } = null!;

        public ReadOnlySpan<byte> Received => _buffer is null ? default : _buffer.AsSpan(0, _length);

        // Bound to SSH.NET's Action<SftpDataResponse>: the reply's data lives only during the call.
        public void Data(object response)
        {
            var data = DataOf!(response);
            lock (Gate)
            {
                if (_buffer is null)
                {
                    return; // the reader stopped and gave the buffer back
                }

                if (data.Count > _buffer.Length)
                {
                    Answer(new Renci.SshNet.Common.SshException($"The server answered a read with {data.Count:N0} bytes, more than the {_buffer.Length:N0} asked for."));
                    return;
                }

                data.AsSpan().CopyTo(_buffer);
                _length = data.Count;
                Answer(null);
            }
        }

        // Bound to SSH.NET's Action<SftpStatusResponse>: the end of the file (no data) or a failure.
        public void Status(object response) => Answer(SftpReplyMembers.IsEndOfFile(response) ? null
            : SftpReplyMembers.ToException(response) ?? new Renci.SshNet.Common.SshException("The server answered a read with neither data nor an error."));

        public void Dispose()
        {
            lock (Gate)
            {
                if (_buffer is not null)
                {
                    ArrayPool<byte>.Shared.Return(_buffer);
                    _buffer = null;
                }
            }
        }

        protected override void OnReset() => _length = 0;
    }
}
