using System.Collections.Concurrent;

namespace SftpInteractive;

public sealed partial class SftpSession
{
    // Home directories of other users named as ~user, asked once per session.
    private readonly ConcurrentDictionary<string, string> _userHomes = new(StringComparer.Ordinal);

    /// <summary>
    /// Turns a relative or <c>~</c> path into an absolute, normalised remote path, as every verb does: a leading
    /// <c>~user</c> is expanded by the server (OpenSSH's <c>expand-path@openssh.com</c>, else <c>home-directory</c>),
    /// once per user and session; <c>~</c> alone is <see cref="Home"/>.
    /// </summary>
    /// <exception cref="SftpInteractiveException">The path names <c>~user</c> and the server offers neither extension,
    /// or knows no such user.</exception>
    /// <exception cref="SftpConnectionException">The connection was lost or the server did not answer in time.</exception>
    public async ValueTask<string> ResolvePathAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!IsTildeUser(path))
        {
            return ResolvePath(path);
        }

        var slash = path.IndexOf('/', StringComparison.Ordinal);
        var user = slash < 0 ? path[1..] : path[1..slash];
        var rest = slash < 0 ? string.Empty : path[slash..];
        if (!_userHomes.TryGetValue(user, out var home))
        {
            home = await GuardAsync("find the home directory of", "~" + user, (c, t) => UserHomeAsync(c, user, t), cancellationToken).ConfigureAwait(false);
            _userHomes.TryAdd(user, home);
        }

        return RemotePath.Normalize(home + rest);
    }

    private async Task<string> UserHomeAsync(Renci.SshNet.SftpClient client, string user, CancellationToken cancellationToken)
    {
        var engine = await SftpEngines.ForAsync(client, cancellationToken).ConfigureAwait(false);
        try
        {
            // expand-path first: OpenSSH 9.2 (the test server) answers home-directory with the session user's own home, whoever is asked.
            if (engine.Supports(ExtensionNames.ExpandPath))
            {
                return await engine.ExpandPathAsync("~" + user, cancellationToken).ConfigureAwait(false);
            }

            if (engine.Supports(ExtensionNames.HomeDirectory))
            {
                return await engine.HomeDirectoryAsync(user, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Renci.SshNet.Common.SshException e) when (e is not Renci.SshNet.Common.SshConnectionException)
        {
            // OpenSSH answers a plain failure for a user it does not know.
            throw new SftpInteractiveException($"~{user}: {Settings.Host} knows no user named \"{user}\" (it said: {e.Message}).", e);
        }

        throw new SftpInteractiveException($"~{user} needs the server to expand it, and {Settings.Host} offers neither the expand-path@openssh.com " +
            "nor the home-directory SFTP extension (OpenSSH 8.7+ does). Write the absolute path instead.");
    }
}
