using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Renci.SshNet;

namespace SftpInteractive;

/// <summary>
/// Walks a remote tree breadth-first with <see cref="FoldersPerConnection"/> workers per connection: each worker takes a
/// folder from a shared queue, lists it (one OPENDIR/READDIR exchange) and queues the sub-folders. Several listings in
/// flight per connection hide each listing's round trips, which dominate at distance. The walk starts at once on the
/// session's own connection; the pool's join when they are up (opening one costs a key exchange, which on a fast link
/// can take longer than a small walk), and a walk that ends first does not wait for them. A folder that cannot be
/// listed becomes an error event and the walk goes on. Symbolic links are reported but not followed (no loops).
/// </summary>
internal static class TreeWalker
{
    /// <summary>Folders being listed on one connection at a time.</summary>
    internal const int FoldersPerConnection = 4;

    /// <summary>Walks <paramref name="root"/> on <paramref name="first"/> at once and on <paramref name="more"/>'s
    /// connections from when they arrive; the caller returns <paramref name="more"/>'s connections to the pool.</summary>
    public static async IAsyncEnumerable<WalkEvent> WalkAsync(SftpSession session, SftpClient first, Task<SftpClient[]> more, string root, int maxDepth,
        OwnerNames owners, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = stop.Token;
        var queue = Channel.CreateUnbounded<(string Path, string Relative, int Depth)>();
        // Bounded so a slow consumer (a user stepping through results) holds the walk back instead of buffering the server.
        var output = Channel.CreateBounded<WalkEvent>(new BoundedChannelOptions(8192) { SingleReader = true });
        var pending = 1;
        queue.Writer.TryWrite((root, string.Empty, 0));

        async Task WorkAsync(SftpClient client)
        {
            await foreach (var (path, relative, depth) in queue.Reader.ReadAllAsync(token).ConfigureAwait(false))
            {
                try
                {
                    var engine = await SftpEngines.ForAsync(client, token).ConfigureAwait(false);
                    await foreach (var file in engine.ReadDirectoryAsync(path, token).ConfigureAwait(false))
                    {
                        if (file.Name is "." or "..")
                        {
                            continue;
                        }

                        var rel = relative.Length == 0 ? file.Name : relative + "/" + file.Name;
                        await owners.ResolveAsync((int)file.Attributes.UserId, (int)file.Attributes.GroupId, token).ConfigureAwait(false);
                        var entry = SftpSession.ToEntry(file.Name, RemotePath.Combine(path, file.Name), file.Attributes, owners);
                        if (entry.IsDirectory && depth + 1 < maxDepth)
                        {
                            Interlocked.Increment(ref pending);
                            queue.Writer.TryWrite((entry.Path, rel, depth + 1));
                        }

                        await output.Writer.WriteAsync(new WalkEvent(entry, rel, depth + 1, null), token).ConfigureAwait(false);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    var mapped = SftpErrors.Map(e, "list", path, session);
                    await output.Writer.WriteAsync(new WalkEvent(null, relative, depth, new PathError(path, mapped.Message)), token).ConfigureAwait(false);
                    if (!SftpSession.IsUp(client))
                    {
                        // A dead connection would turn every remaining folder into an error; let the others finish.
                        DoneWith(path);
                        return;
                    }
                }

                DoneWith(path);
            }
        }

        void DoneWith(string path)
        {
            if (Interlocked.Decrement(ref pending) == 0)
            {
                queue.Writer.TryComplete();
            }
        }

        Task[] Start(IEnumerable<SftpClient> clients) =>
            [.. clients.SelectMany(c => Enumerable.Repeat(c, FoldersPerConnection)).Select(c => Task.Run(() => WorkAsync(c), token))];

        async Task JoinAsync()
        {
            await Task.WhenAny(more, queue.Reader.Completion).ConfigureAwait(false);
            if (more.IsCompletedSuccessfully && !queue.Reader.Completion.IsCompleted)
            {
                await Task.WhenAll(Start(more.Result)).ConfigureAwait(false);
            }
        }

        Task[] workers = [.. Start([first]), JoinAsync()];
        var all = Task.WhenAll(workers).ContinueWith(t => output.Writer.TryComplete(t.Exception?.GetBaseException()), TaskScheduler.Default);
        try
        {
            await foreach (var item in output.Reader.ReadAllAsync(token).ConfigureAwait(false))
            {
                yield return item;
            }
        }
        finally
        {
            // Leaving early (a break, a cancel, an exception in the consumer) stops the workers before the
            // connections go back to the pool.
            await stop.CancelAsync().ConfigureAwait(false);
            queue.Writer.TryComplete();
            try
            {
                await all.ConfigureAwait(false);
                await Task.WhenAll(workers).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Expected when the walk was stopped early.
            }
        }
    }
}
