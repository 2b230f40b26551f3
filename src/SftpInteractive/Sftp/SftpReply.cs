using Renci.SshNet.Common;

namespace SftpInteractive;

/// <summary>
/// What waits for one request's reply. The engine calls <see cref="Complete"/> on the thread that read the reply,
/// with the payload after the request id valid only during the call, so a reply is handled without a task or a
/// thread hop of its own (a read's data goes straight into its slot); or <see cref="Fail"/> when the connection ends.
/// </summary>
internal abstract class SftpReply
{
    /// <summary>The reply arrived: its type and the payload after the request id.</summary>
    public abstract void Complete(byte type, ReadOnlySpan<byte> payload);

    /// <summary>No reply will come (the connection ended).</summary>
    public abstract void Fail(Exception error);

    /// <summary>The exception for a status reply, or null for SSH_FX_OK (and for SSH_FX_EOF when <paramref name="eofIsOk"/>).</summary>
    public static Exception? StatusError(ReadOnlySpan<byte> payload, bool eofIsOk = false)
    {
        var reader = new SftpPacketReader(payload);
        var code = (SftpStatusCode)reader.ReadUInt32();
        var message = reader.IsEmpty ? code.ToString() : reader.ReadString();
        return code switch
        {
            SftpStatusCode.Ok => null,
            SftpStatusCode.Eof when eofIsOk => null,
            SftpStatusCode.NoSuchFile => new Renci.SshNet.Common.SftpPathNotFoundException(message),
            SftpStatusCode.PermissionDenied => new Renci.SshNet.Common.SftpPermissionDeniedException(message),
            SftpStatusCode.NoConnection or SftpStatusCode.ConnectionLost => new SshConnectionException(message),
            _ => new SftpStatusException(code, message),
        };
    }

    /// <summary>An unexpected reply type.</summary>
    public static Exception Unexpected(byte type, string request) =>
        new SshException($"The server answered {request} with an unexpected SFTP packet (type {type}).");
}

/// <summary>A failed SFTP request with its status code; SSH.NET's <see cref="SshException"/> so the one error map applies.</summary>
internal sealed class SftpStatusException(SftpStatusCode code, string message) : SshException(message)
{
    public SftpStatusCode Code { get; } = code;
}
