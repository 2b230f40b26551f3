using Renci.SshNet.Common;

namespace SftpInteractive;

/// <summary>
/// The one place where SSH.NET and I/O exceptions become SftpInteractive exceptions with messages that say what to
/// do next. Every message passes through <see cref="Redactor"/>.
/// </summary>
internal static class SftpErrors
{
    /// <summary>Translates <paramref name="e"/>, raised while doing <paramref name="operation"/> on <paramref name="path"/>.</summary>
    public static Exception Map(Exception e, string operation, string? path, SftpSession session)
    {
        var where = path is null ? operation : $"{operation} {path}";
        return e switch
        {
            SftpInteractiveException or OperationCanceledException => e,
            Renci.SshNet.Common.SftpPathNotFoundException => new SftpInteractive.SftpPathNotFoundException(
                $"No such file or directory: {path} (while trying to {operation}). The working directory is {session.WorkingDirectory}; use Ls() to look around.", e),
            Renci.SshNet.Common.SftpPermissionDeniedException => new SftpInteractive.SftpPermissionDeniedException(
                $"Permission denied: {path} (while trying to {operation}) as {session.Settings.Username}. Check the permissions with Stat(\"{path}\") or ask the server's administrator.", e),
            SshOperationTimeoutException => new SftpConnectionException(
                $"The server did not answer within {Format.Duration(session.Settings.OperationTimeout)} ({where}). Raise {SettingKeys.OperationTimeout} or check the connection.", e),
            SshConnectionException or ObjectDisposedException or System.Net.Sockets.SocketException => new SftpConnectionException(
                $"The connection to {session.Settings.Target} was lost{Because(session)} ({where}). Call Reconnect() to continue in {session.WorkingDirectory}.", e),
            InvalidOperationException when !session.IsConnected => new SftpConnectionException(
                $"Not connected to {session.Settings.Target}{Because(session)} ({where}). Call Reconnect() to continue in {session.WorkingDirectory}.", e),
            SshException => new SftpInteractiveException($"The server refused to {where}: {Redactor.Redact(e.Message)}", e),
            IOException => new SftpInteractiveException($"Local I/O error during {where}: {Redactor.Redact(e.Message)}", e),
            UnauthorizedAccessException => new SftpInteractive.SftpPermissionDeniedException($"Local permission denied during {where}: {Redactor.Redact(e.Message)}", e),
            _ => e,
        };
    }

    private static string Because(SftpSession session) => session.ConnectionLostReason is { } reason ? $": {reason}" : string.Empty;
}
