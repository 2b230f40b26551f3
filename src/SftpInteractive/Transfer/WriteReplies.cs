using System.Reflection;
using System.Reflection.Emit;

namespace SftpInteractive;

/// <summary>
/// Writes sent in SSH.NET's callback form, the path of its own synchronous upload: the data is read straight into one
/// request buffer of SSH.NET's, which each request serialises when it is sent, and each status reply is recorded in a
/// slot on SSH.NET's receive thread, with no hop. SSH.NET's task form costs every request a copy, three registered
/// waits on the thread pool, a timer, a linked cancellation source and a thread-pool continuation: on a 512 MiB put
/// that was half a million futex calls and twice raw SSH.NET's CPU. A slot is reused only after its write was taken.
/// </summary>
internal sealed class WriteReplies : IDisposable
{
    private static readonly Type? BufferType = typeof(Renci.SshNet.SftpClient).Assembly.GetType("Renci.SshNet.Sftp.Requests.SftpWriteRequestBuffer");

    private static readonly MethodInfo? Send = SftpInternals.SessionInterface?.GetMethods()
        .FirstOrDefault(m => m.Name == "RequestWrite" && m.GetParameters().Length == 2 && m.GetParameters()[0].ParameterType == BufferType);

    private static readonly Type? CallbackType = Send?.GetParameters()[1].ParameterType;
    private static readonly PropertyInfo? DataProperty = BufferType?.GetProperty("Data");
    private static readonly PropertyInfo? OffsetProperty = BufferType?.GetProperty("ServerFileOffset");
    private static readonly PropertyInfo? LengthProperty = BufferType?.GetProperty("DataLength");
    private static readonly Func<byte[], int, object>? NewBuffer = CreateBufferFactory();

    private readonly object _session;
    private readonly object _buffer;
    private readonly Slot[] _slots;

    /// <summary>Creates the request buffer for <paramref name="handle"/> with room for <paramref name="chunk"/> bytes
    /// of data, and <paramref name="count"/> slots (the writes in flight).</summary>
    public WriteReplies(object session, byte[] handle, int chunk, int count)
    {
        _session = session;
        _buffer = NewBuffer!(handle, chunk);
        Data = (ArraySegment<byte>)DataProperty!.GetValue(_buffer)!;
        _slots = new Slot[count];
        for (var i = 0; i < count; i++)
        {
            var slot = new Slot();
            slot.Callback = Delegate.CreateDelegate(CallbackType!, slot, typeof(Slot).GetMethod(nameof(Slot.OnReply))!);
            _slots[i] = slot;
        }
    }

    /// <summary>True when this SSH.NET version has the callback form.</summary>
    public static bool IsAvailable { get; } = NewBuffer is not null && Send is not null && SftpReplyMembers.IsAvailable
        && CallbackType?.GetGenericArguments().SingleOrDefault() == SftpReplyMembers.StatusType && DataProperty is not null && OffsetProperty is not null && LengthProperty is not null;

    /// <summary>Where the next write's data goes (at least the chunk size).</summary>
    public ArraySegment<byte> Data { get; }

    /// <summary>Sends the first <paramref name="length"/> bytes of <see cref="Data"/> to <paramref name="offset"/>;
    /// the reply goes to slot <paramref name="sequence"/> modulo the slot count.</summary>
    public void Write(ulong offset, int length, long sequence)
    {
        var slot = _slots[sequence % _slots.Length];
        slot.Reset();
        OffsetProperty!.SetValue(_buffer, offset);
        LengthProperty!.SetValue(_buffer, length);
        try
        {
            Send!.Invoke(_session, [_buffer, slot.Callback]);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
        }
    }

    /// <summary>Completes when the write of <paramref name="sequence"/> is answered; throws its failure. The server
    /// answers in order, so once a later write's reply came this is done already, without waiting.</summary>
    public Task Answered(long sequence) => _slots[sequence % _slots.Length].Answered();

    /// <summary>Returns the request buffer to SSH.NET's pool; no write may be sent after.</summary>
    public void Dispose() => ((IDisposable)_buffer).Dispose();

    // The buffer's constructor takes the handle as a span, which reflection cannot pass: a small method calls it.
    private static Func<byte[], int, object>? CreateBufferFactory()
    {
        var constructor = BufferType?.GetConstructor(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, [typeof(ReadOnlySpan<byte>), typeof(int), typeof(bool)]);
        var toSpan = typeof(ReadOnlySpan<byte>).GetMethod("op_Implicit", [typeof(byte[])]);
        if (constructor is null || toSpan is null)
        {
            return null;
        }

        var method = new DynamicMethod("NewSftpWriteRequestBuffer", typeof(object), [typeof(byte[]), typeof(int)], typeof(WriteReplies).Module, skipVisibility: true);
        var il = method.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Call, toSpan);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Ldc_I4_1); // rented from the shared pool, returned by Dispose
        il.Emit(OpCodes.Newobj, constructor);
        il.Emit(OpCodes.Ret);
        return method.CreateDelegate<Func<byte[], int, object>>();
    }

    /// <summary>One write's reply: set on SSH.NET's receive thread, read by the writer.</summary>
    private sealed class Slot : ReplySlot
    {
        public Delegate Callback { get; set; } = null!;

        // Bound to SSH.NET's Action<SftpStatusResponse>: the response arrives as object (its type is internal).
        public void OnReply(object response) => Answer(SftpReplyMembers.ToException(response));
    }
}
