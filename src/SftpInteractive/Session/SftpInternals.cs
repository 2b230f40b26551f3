using System.Reflection;
using Renci.SshNet;
using Renci.SshNet.Sftp;

namespace SftpInteractive;

/// <summary>
/// The few SFTP requests SSH.NET 2026.0.0 implements but does not expose publicly (lstat, readlink, the server's
/// extension list). Reached by reflection on the pinned version; every caller has a fallback, and the integration
/// tests fail loudly if an upgrade renames them.
/// </summary>
internal static class SftpInternals
{
    private static readonly PropertyInfo? SessionProperty =
        typeof(SftpClient).GetProperty("SftpSession", BindingFlags.Instance | BindingFlags.NonPublic);

    /// <summary>The internal SFTP session object, or null.</summary>
    private static object? Session(SftpClient client) => SessionProperty?.GetValue(client);

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
