namespace SftpInteractive;

public sealed partial class SftpSession
{
    /// <summary>
    /// Copies a remote file to another remote path on the server itself (OpenSSH's <c>copy-data</c> extension): no byte
    /// crosses the network. The copy is written as <c>destination.part</c> and renamed into place, so no partial file
    /// appears under the final name; it keeps the source's permissions. A destination that is a directory receives
    /// the file under its own name.
    /// </summary>
    /// <returns>The absolute path of the copy.</returns>
    /// <exception cref="SftpInteractiveException">The destination exists and <paramref name="overwrite"/> is false; the
    /// source is not a file; or the server does not offer <c>copy-data</c> (use Get and Put instead).</exception>
    /// <exception cref="SftpPathNotFoundException">The source does not exist.</exception>
    /// <exception cref="SftpPermissionDeniedException">The source is not readable or the destination's folder not writable.</exception>
    /// <exception cref="SftpConnectionException">The connection was lost or the server did not answer in time (call <see cref="Reconnect"/>).</exception>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    [Verb(VerbGroup.Manage, "copy a file on the server (copy-data)")]
    public async Task<string> CopyAsync([RemotePath] string source, [RemotePath] string destination, bool overwrite = false, CancellationToken cancellationToken = default)
    {
        var from = await ResolvePathAsync(source, cancellationToken).ConfigureAwait(false);
        var to = await ResolvePathAsync(destination, cancellationToken).ConfigureAwait(false);
        var sourceEntry = await StatAsync(from, cancellationToken).ConfigureAwait(false);
        if (!sourceEntry.IsFile)
        {
            throw new SftpInteractiveException($"Cannot copy {from}: it is a {sourceEntry.Type.ToString().ToLowerInvariant()}, not a file.");
        }

        if (await ExistsAsync(to, cancellationToken).ConfigureAwait(false))
        {
            if ((await StatAsync(to, cancellationToken).ConfigureAwait(false)).IsDirectory)
            {
                to = RemotePath.Combine(to, RemotePath.Name(from));
            }

            if (!overwrite && await ExistsAsync(to, cancellationToken).ConfigureAwait(false))
            {
                throw new SftpInteractiveException($"Cannot copy {from} to {to}: it already exists. Pass overwrite: true to replace it.");
            }
        }

        var part = to + FileTransfer.PartSuffix;
        await GuardAsync("copy", from, async (c, t) =>
        {
            var engine = await SftpEngines.ForAsync(c, t).ConfigureAwait(false);
            if (!engine.Supports(ExtensionNames.CopyData))
            {
                throw new SftpInteractiveException($"The server does not offer copy-data (an OpenSSH 9.0 extension), so it cannot copy {from} itself. Use Get and Put.");
            }

            var input = await engine.OpenAsync(from, SftpOpenFlags.Read, t).ConfigureAwait(false);
            try
            {
                var mode = new SftpAttributes { Flags = SftpAttributes.PermissionsFlag, Permissions = (uint)sourceEntry.Mode };
                var output = await engine.OpenAsync(part, SftpOpenFlags.Write | SftpOpenFlags.Create | SftpOpenFlags.Truncate, t, mode).ConfigureAwait(false);
                try
                {
                    await engine.CopyDataAsync(input, 0, 0, output, 0, t).ConfigureAwait(false);
                }
                finally
                {
                    await engine.CloseAsync(output, CancellationToken.None).ConfigureAwait(false);
                }
            }
            catch
            {
                await engine.RemoveAsync(part, CancellationToken.None).ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
                throw;
            }
            finally
            {
                engine.CloseUnanswered(input);
            }

            await engine.RenameAsync(part, to, posix: true, t).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return to;
    }
}
