using System.Reflection;
using System.Reflection.Emit;

namespace SftpInteractive;

/// <summary>
/// What the callback forms of SSH.NET's requests (<see cref="WriteReplies"/>, <see cref="ReadReplies"/>) need from its
/// internal reply types: a status reply's code and SSH.NET's own mapping of it to an exception, so a failure reads
/// exactly as in its task form. The members are compiled into small methods once, as a delegate per reply would
/// otherwise box and reflect on the receive thread.
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

    /// <summary>True when this SSH.NET version has the members.</summary>
    public static bool IsAvailable => Code is not null && Failure is not null;

    /// <summary>True when <paramref name="status"/> is SSH_FX_EOF: a read past the end of the file.</summary>
    public static bool IsEndOfFile(object status) => Code!(status) == 1;

    /// <summary>The failure <paramref name="status"/> reports, as SSH.NET's task form throws it; null for SSH_FX_OK.</summary>
    public static Exception? ToException(object status) => Failure!(status);

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
