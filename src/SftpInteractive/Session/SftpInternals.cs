using System.Reflection;
using Renci.SshNet;
using Renci.SshNet.Sftp;

namespace SftpInteractive;

/// <summary>
/// The SFTP requests SSH.NET 2026.0.0 implements but does not expose the way we need them (lstat, readlink, the
/// server's extension list) or exposes only behind a <c>realpath</c> of the path. That canonicalisation follows
/// symbolic links, so SSH.NET's DeleteFile, DeleteDirectory and RenameFile act on a link's TARGET, and SymbolicLink
/// turns a relative target into an absolute one. Remove, rmdir, rename and symlink therefore go straight to the
/// protocol requests with paths we resolved ourselves. Reached by reflection on the pinned version; the
/// integration tests fail loudly if an upgrade renames them.
/// </summary>
internal static class SftpInternals
{
    private static readonly PropertyInfo? SessionProperty =
        typeof(SftpClient).GetProperty("SftpSession", BindingFlags.Instance | BindingFlags.NonPublic);

    /// <summary>SSH.NET's internal <c>ISftpSession</c>, whose request methods the other internal callers look up.</summary>
    internal static readonly Type? SessionInterface = typeof(SftpClient).Assembly.GetType("Renci.SshNet.Sftp.ISftpSession");

    /// <summary>SSH_FXP_REMOVE on exactly <paramref name="path"/> (a link is removed, not its target).</summary>
    public static Task RemoveAsync(SftpClient client, string path, CancellationToken cancellationToken) =>
        InvokeAsync(client, "RequestRemoveAsync", path, cancellationToken);

    /// <summary>SSH_FXP_RMDIR on exactly <paramref name="path"/>.</summary>
    public static Task RmDirAsync(SftpClient client, string path, CancellationToken cancellationToken) =>
        InvokeAsync(client, "RequestRmDirAsync", path, cancellationToken);

    /// <summary>Renames exactly <paramref name="from"/>; with <paramref name="posix"/> the target is replaced atomically.</summary>
    public static Task RenameAsync(SftpClient client, string from, string to, bool posix, CancellationToken cancellationToken) =>
        posix ? Invoke(client, "RequestPosixRename", from, to) : InvokeAsync(client, "RequestRenameAsync", from, to, cancellationToken);

    /// <summary>Creates <paramref name="link"/> pointing to <paramref name="target"/> exactly as given (relative stays relative).</summary>
    public static Task SymLinkAsync(SftpClient client, string target, string link) => Invoke(client, "RequestSymLink", target, link);

    private static Task InvokeAsync(SftpClient client, string name, params object[] args) =>
        Call(client, name, args) as Task ?? throw Missing(name);

    private static Task Invoke(SftpClient client, string name, params object[] args)
    {
        Call(client, name, args);
        return Task.CompletedTask;
    }

    private static object? Call(SftpClient client, string name, object[] args)
    {
        var session = Session(client) ?? throw new InvalidOperationException("Client not connected.");
        var method = SessionInterface?.GetMethod(name) ?? throw Missing(name);
        try
        {
            return method.Invoke(session, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    /// <summary>Invokes an internal request method returning <c>Task&lt;T&gt;</c> (T internal or public) and awaits it,
    /// rethrowing the request's own exception rather than the reflection wrapper.</summary>
    internal static async Task<T> AwaitAsync<T>(MethodInfo method, object session, params object[] args)
    {
        try
        {
            var task = (Task)method.Invoke(session, args)!;
            await task.ConfigureAwait(false);
            return (T)task.GetType().GetProperty("Result")!.GetValue(task)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    private static SftpInteractiveException Missing(string name) =>
        new($"This SSH.NET version lacks the SFTP request {name} that SftpInteractive needs; use the SSH.NET version pinned in Directory.Packages.props.");

    /// <summary>The internal SFTP session object, or null.</summary>
    internal static object? Session(SftpClient client) => SessionProperty?.GetValue(client);

    /// <summary>True when <see cref="Session"/> can find the internal session in this SSH.NET version.</summary>
    internal static bool HasSession => SessionProperty is not null;

    /// <summary>lstat: attributes of a link itself. Null when unavailable.</summary>
    public static async Task<SftpFileAttributes?> LStatAsync(SftpClient client, string path, CancellationToken cancellationToken)
    {
        var session = Session(client);
        var method = session?.GetType().GetMethod("RequestLStatAsync", [typeof(string), typeof(CancellationToken)]);
        if (method?.Invoke(session, [path, cancellationToken]) is Task<SftpFileAttributes> task)
        {
            return await task.ConfigureAwait(false);
        }

        return null;
    }

    /// <summary>readlink: the target of a symbolic link, or null when unavailable.</summary>
    public static string? ReadLink(SftpClient client, string path)
    {
        var session = Session(client);
        var method = session?.GetType().GetMethod("RequestReadLink", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
        if (method is null)
        {
            return null;
        }

        try
        {
            var args = method.GetParameters().Length == 2 ? new object[] { path, false } : [path];
            var result = method.Invoke(session, args);
            return result switch
            {
                KeyValuePair<string, SftpFileAttributes>[] pairs when pairs.Length > 0 => pairs[0].Key,
                string s => s,
                _ => null,
            };
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    /// <summary>The server's SFTP extensions (name → version) from its version packet.</summary>
    public static IReadOnlyDictionary<string, string> Extensions(SftpClient client)
    {
        var session = Session(client);
        var field = session?.GetType().GetField("_supportedExtensions", BindingFlags.Instance | BindingFlags.NonPublic);
        return field?.GetValue(session) is IDictionary<string, string> extensions
            ? new Dictionary<string, string>(extensions)
            : new Dictionary<string, string>();
    }
}
