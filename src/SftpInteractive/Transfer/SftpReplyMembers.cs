using System.Reflection;
using System.Reflection.Emit;

namespace SftpInteractive;

/// <summary>
/// What the callback forms of SSH.NET's requests (<see cref="WriteReplies"/>, <see cref="ReadReplies"/>, the
/// unanswered close) need from its internals: a way to send a request built as its session builds its own, a status
/// reply's code, and SSH.NET's own mapping of a status to an exception, so a failure reads exactly as in its task form.
/// The members are compiled into small methods once, as reflection per request or reply would box and look up
/// members on the receive thread.
/// </summary>
internal static class SftpReplyMembers
{
    private static readonly Assembly SshNet = typeof(Renci.SshNet.SftpClient).Assembly;

    /// <summary>SSH.NET's internal session class, whose private <c>SendRequest</c> sends a request built here.</summary>
    public static readonly Type? SessionType = SshNet.GetType("Renci.SshNet.Sftp.SftpSession");

    /// <summary>SSH.NET's internal <c>SftpStatusResponse</c>.</summary>
    public static readonly Type? StatusType = SshNet.GetType("Renci.SshNet.Sftp.Responses.SftpStatusResponse");

    private static readonly Func<object, int>? Code = Compile<Func<object, int>>("StatusCode", typeof(int),
        StatusType?.GetProperty("StatusCode")?.GetMethod is { } getter ? il =>
        {
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Castclass, StatusType!);
            il.Emit(OpCodes.Callvirt, getter);
        } : null);

    private static readonly Func<object, Exception?>? Failure = Compile<Func<object, Exception?>>("GetSftpException", typeof(Exception),
        StatusType is not null && SessionType?.GetMethod("GetSftpException", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic, [StatusType!, typeof(string)]) is { } map ? il =>
        {
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Castclass, StatusType!);
            il.Emit(OpCodes.Ldnull);
            il.Emit(OpCodes.Call, map);
        } : null);

    /// <summary>SSH.NET's status callback type, <c>Action&lt;SftpStatusResponse&gt;</c>.</summary>
    public static readonly Type? StatusCallback = StatusType is null ? null : typeof(Action<>).MakeGenericType(StatusType);

    private static readonly Action<object, byte[], Delegate>? SendClose = CompileSender<Action<object, byte[], Delegate>>(
        "Renci.SshNet.Sftp.Requests.SftpCloseRequest", [typeof(byte[]), StatusCallback], il =>
        {
            il.Emit(OpCodes.Ldarg_1);
            il.Emit(OpCodes.Ldarg_2);
            il.Emit(OpCodes.Castclass, StatusCallback!);
        });

    private static readonly Delegate? Ignore = StatusCallback is null ? null
        : Delegate.CreateDelegate(StatusCallback, typeof(SftpReplyMembers).GetMethod(nameof(IgnoreStatus), BindingFlags.Static | BindingFlags.NonPublic)!);

    /// <summary>True when this SSH.NET version has the members.</summary>
    public static bool IsAvailable => Code is not null && Failure is not null;

    /// <summary>True when a close can be sent without an answer being waited for.</summary>
    public static bool CanCloseUnanswered => SendClose is not null && Ignore is not null;

    /// <summary>Sends SSH_FXP_CLOSE for <paramref name="handle"/> and waits for nothing: for a file only read, the
    /// answer says nothing, and the server handles requests in order, so the file is closed before anything sent
    /// after is answered. Nothing is registered to wait for it either (SSH.NET's task form registers three waits and a
    /// timer per request).</summary>
    public static void CloseUnanswered(object session, byte[] handle) => SendClose!(session, handle, Ignore!);

    /// <summary>True when <paramref name="status"/> is SSH_FX_EOF: a read past the end of the file.</summary>
    public static bool IsEndOfFile(object status) => Code!(status) == 1;

    /// <summary>The failure <paramref name="status"/> reports, as SSH.NET's task form throws it; null for SSH_FX_OK.</summary>
    public static Exception? ToException(object status) => Failure!(status);

    /// <summary>
    /// Compiles a method that sends the request <paramref name="requestType"/> as SSH.NET's session builds its own,
    /// <c>new T(ProtocolVersion, NextRequestId, …)</c>, through its private <c>SendRequest</c>. The method's first
    /// argument is the session; <paramref name="loadRest"/> loads the rest of the constructor's arguments, whose types
    /// are <paramref name="rest"/>. Null when a member is missing.
    /// </summary>
    internal static T? CompileSender<T>(string requestType, Type?[] rest, Action<ILGenerator> loadRest)
        where T : Delegate
    {
        var constructor = rest.Any(t => t is null) ? null
            : SshNet.GetType(requestType)?.GetConstructor([typeof(uint), typeof(uint), .. rest!]);
        var version = SessionType?.GetProperty("ProtocolVersion")?.GetMethod;
        var nextId = SessionType?.GetProperty("NextRequestId")?.GetMethod;
        var send = SessionType?.GetMethod("SendRequest", BindingFlags.Instance | BindingFlags.NonPublic);
        if (constructor is null || version is null || nextId is null || send is null)
        {
            return null;
        }

        var invoke = typeof(T).GetMethod("Invoke")!;
        var method = new DynamicMethod("Send" + requestType[(requestType.LastIndexOf('.') + 1)..], typeof(void),
            [.. invoke.GetParameters().Select(p => p.ParameterType)], typeof(SftpReplyMembers).Module, skipVisibility: true);
        var il = method.GetILGenerator();
        foreach (var getter in (MethodInfo?[])[null, version, nextId])
        {
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Castclass, SessionType!);
            if (getter is not null)
            {
                il.Emit(OpCodes.Callvirt, getter);
            }
        }

        loadRest(il);
        il.Emit(OpCodes.Newobj, constructor);
        il.Emit(OpCodes.Call, send);
        il.Emit(OpCodes.Ret);
        return (T)method.CreateDelegate(typeof(T));
    }

    private static void IgnoreStatus(object status)
    {
    }

    /// <summary>Compiles a method of one <c>object</c> argument returning <paramref name="returns"/>, whose body
    /// <paramref name="emit"/> writes; null when <paramref name="emit"/> is (a member is missing).</summary>
    internal static T? Compile<T>(string name, Type returns, Action<ILGenerator>? emit)
        where T : Delegate
    {
        if (emit is null)
        {
            return null;
        }

        var method = new DynamicMethod(name, returns, [typeof(object)], typeof(SftpReplyMembers).Module, skipVisibility: true);
        var il = method.GetILGenerator();
        emit(il);
        il.Emit(OpCodes.Ret);
        return (T)method.CreateDelegate(typeof(T));
    }
}
