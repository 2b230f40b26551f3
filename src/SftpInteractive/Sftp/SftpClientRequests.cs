using Renci.SshNet;
using Renci.SshNet.Common;

namespace SftpInteractive;

/// <summary>
/// The requests the verbs send on a connected client's engine (<see cref="SftpEngines"/>) with paths we resolved
/// ourselves, each bounded by the client's operation timeout (as SSH.NET's own requests were). SSH.NET's own
/// DeleteFile, DeleteDirectory, RenameFile and SymbolicLink canonicalise the path first (<c>realpath</c> follows links,
/// so they acted on a link's target and made a relative link target absolute).
/// </summary>
internal static class SftpClientRequests
{
    /// <summary>SSH_FXP_REMOVE on exactly <paramref name="path"/> (a link is removed, not its target).</summary>
    public static Task RemoveAsync(SftpClient client, string path, CancellationToken cancellationToken) =>
        BoundedAsync(client, (e, t) => e.RemoveAsync(path, t), cancellationToken);

    /// <summary>SSH_FXP_RMDIR on exactly <paramref name="path"/>.</summary>
    public static Task RmDirAsync(SftpClient client, string path, CancellationToken cancellationToken) =>
        BoundedAsync(client, (e, t) => e.RmDirAsync(path, t), cancellationToken);

    /// <summary>Renames exactly <paramref name="from"/>; with <paramref name="posix"/> the target is replaced atomically.</summary>
    public static Task RenameAsync(SftpClient client, string from, string to, bool posix, CancellationToken cancellationToken) =>
        BoundedAsync(client, (e, t) => e.RenameAsync(from, to, posix, t), cancellationToken);

    /// <summary>Creates <paramref name="link"/> pointing to <paramref name="target"/> exactly as given (relative stays relative).</summary>
    public static Task SymLinkAsync(SftpClient client, string target, string link, CancellationToken cancellationToken) =>
        BoundedAsync(client, (e, t) => e.SymLinkAsync(target, link, t), cancellationToken);

    /// <summary><c>hardlink@openssh.com</c>: <paramref name="link"/> becomes another name of <paramref name="existing"/>.</summary>
    /// <exception cref="SftpInteractiveException">The server does not offer the extension.</exception>
    public static Task HardLinkAsync(SftpClient client, string existing, string link, CancellationToken cancellationToken) =>
        BoundedAsync(client, (e, t) => e.Supports(ExtensionNames.HardLink)
            ? e.HardLinkAsync(existing, link, t)
            : throw new SftpInteractiveException($"The server does not offer {ExtensionNames.HardLink}, so HardLink() cannot make {link} " +
                $"another name of {existing}. Copy(\"{existing}\", \"{link}\") makes a separate copy instead."),
            cancellationToken);

    /// <summary>lstat: attributes of a link itself.</summary>
    public static Task<SftpAttributes> LStatAsync(SftpClient client, string path, CancellationToken cancellationToken) =>
        BoundedAsync(client, (e, t) => e.LStatAsync(path, t), cancellationToken);

    /// <summary>readlink: the target of a symbolic link as stored.</summary>
    public static Task<string> ReadLinkAsync(SftpClient client, string path, CancellationToken cancellationToken) =>
        BoundedAsync(client, (e, t) => e.ReadLinkAsync(path, t), cancellationToken);

    /// <summary>The server's SFTP extensions (name → version) from its version packet.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ExtensionsAsync(SftpClient client, CancellationToken cancellationToken) =>
        (await SftpEngines.ForAsync(client, cancellationToken).ConfigureAwait(false)).Extensions;

    /// <summary>stat: attributes of <paramref name="path"/>, following links.</summary>
    public static Task<SftpAttributes> StatAsync(SftpClient client, string path, CancellationToken cancellationToken) =>
        BoundedAsync(client, (e, t) => e.StatAsync(path, t), cancellationToken);

    /// <summary>mkdir of exactly <paramref name="path"/> (the server's default mode).</summary>
    public static Task MkDirAsync(SftpClient client, string path, CancellationToken cancellationToken) =>
        BoundedAsync(client, (e, t) => e.MkDirAsync(path, t), cancellationToken);

    /// <summary>setstat with only the fields whose flags <paramref name="attributes"/> carries.</summary>
    public static Task SetStatAsync(SftpClient client, string path, SftpAttributes attributes, CancellationToken cancellationToken) =>
        BoundedAsync(client, (e, t) => e.SetStatAsync(path, attributes, t), cancellationToken);

    /// <summary>Sets the modification time of <paramref name="path"/>, keeping its access time (one stat, one setstat).</summary>
    public static Task SetModifiedAsync(SftpClient client, string path, DateTime modifiedUtc, CancellationToken cancellationToken) =>
        BoundedAsync(client, async (e, t) =>
        {
            var current = await e.StatAsync(path, t).ConfigureAwait(false);
            await e.SetStatAsync(path, SftpAttributes.ModifiedAt(modifiedUtc, current), t).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Sets the modification time of <paramref name="path"/> itself, a link's and not its target's, keeping its
    /// access time (lstat, then <c>lsetstat@openssh.com</c>).</summary>
    /// <exception cref="SftpInteractiveException">The server does not offer <c>lsetstat@openssh.com</c>.</exception>
    public static Task SetLinkModifiedAsync(SftpClient client, string path, DateTime modifiedUtc, CancellationToken cancellationToken) =>
        BoundedAsync(client, async (e, t) =>
        {
            if (!e.Supports(ExtensionNames.LSetStat))
            {
                throw new SftpInteractiveException($"Setting the time of {path} without following a link needs {ExtensionNames.LSetStat}, which " +
                    "the server does not offer. Pass followLinks: true to set the time of what it points to.");
            }

            var current = await e.LStatAsync(path, t).ConfigureAwait(false);
            await e.LSetStatAsync(path, SftpAttributes.ModifiedAt(modifiedUtc, current), t).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Like <c>touch</c>: opens <paramref name="path"/> for writing, creating it empty when missing (never
    /// truncating), closes it, and sets its modification time to <paramref name="modifiedUtc"/>.</summary>
    public static Task TouchAsync(SftpClient client, string path, DateTime modifiedUtc, CancellationToken cancellationToken) =>
        BoundedAsync(client, async (e, t) =>
        {
            var handle = await e.OpenAsync(path, SftpOpenFlags.Write | SftpOpenFlags.Create, t).ConfigureAwait(false);
            await e.CloseAsync(handle, t).ConfigureAwait(false);
            var current = await e.StatAsync(path, t).ConfigureAwait(false);
            await e.SetStatAsync(path, SftpAttributes.ModifiedAt(modifiedUtc, current), t).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary><c>fsync@openssh.com</c>: the server flushes <paramref name="path"/> to its disk. fsync(2) flushes the
    /// file, not the descriptor, so a handle opened for it covers every write made through other handles.</summary>
    /// <exception cref="SftpTransferException">The server does not offer the extension.</exception>
    public static Task FsyncAsync(SftpClient client, string path, CancellationToken cancellationToken) =>
        BoundedAsync(client, async (e, t) =>
        {
            if (!e.Supports(ExtensionNames.Fsync))
            {
                throw new SftpTransferException($"TransferOptions.Fsync asks the server to flush {path} to its disk, but it does not offer " +
                    $"{ExtensionNames.Fsync}. Turn Fsync off to upload without it.");
            }

            var handle = await e.OpenAsync(path, SftpOpenFlags.Write, t).ConfigureAwait(false);
            try
            {
                await e.FsyncAsync(handle, t).ConfigureAwait(false);
            }
            finally
            {
                await e.CloseAsync(handle, CancellationToken.None).ConfigureAwait(false);
            }
        }, cancellationToken);

    /// <summary><c>statvfs@openssh.com</c> of the file system holding <paramref name="path"/>.</summary>
    /// <exception cref="SftpInteractiveException">The server does not offer the extension.</exception>
    public static Task<SftpFileSystem> StatVfsAsync(SftpClient client, string path, CancellationToken cancellationToken) =>
        BoundedAsync(client, (e, t) => e.Supports(ExtensionNames.StatVfs)
            ? e.StatVfsAsync(path, t)
            : throw new SftpInteractiveException($"The server does not offer {ExtensionNames.StatVfs}, so Df() cannot ask it for the disk usage of {path}."),
            cancellationToken);

    /// <summary>Opens <paramref name="path"/> for reading as a seekable stream over the engine.</summary>
    public static Task<SftpReadStream> OpenReadAsync(SftpClient client, string path, CancellationToken cancellationToken) =>
        BoundedAsync(client, (e, t) => SftpReadStream.OpenAsync(e, path, t), cancellationToken);

    private static Task<bool> BoundedAsync(SftpClient client, Func<SftpEngine, CancellationToken, Task> request, CancellationToken cancellationToken) =>
        BoundedAsync<bool>(client, async (e, t) =>
        {
            await request(e, t).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    // A server (or a link) that stops answering must not hang a verb: SSH.NET's OperationTimeout bounded its own
    // requests, and ours keep the same promise (the session maps the timeout to its SFTP_OPERATION_TIMEOUT message).
    private static async Task<T> BoundedAsync<T>(SftpClient client, Func<SftpEngine, CancellationToken, Task<T>> request, CancellationToken cancellationToken)
    {
        var timeout = client.OperationTimeout;
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout > TimeSpan.Zero)
        {
            bounded.CancelAfter(timeout);
        }

        try
        {
            var engine = await SftpEngines.ForAsync(client, bounded.Token).ConfigureAwait(false);
            return await request(engine, bounded.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested && bounded.IsCancellationRequested)
        {
            throw new SshOperationTimeoutException($"The server did not answer within {timeout.TotalSeconds:N1} s.", e);
        }
    }
}
