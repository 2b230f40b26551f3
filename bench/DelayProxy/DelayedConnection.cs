using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace SftpInteractive.Bench.DelayProxy;

/// <summary>One proxied connection: two pumps, each holding every chunk it read until its due time.</summary>
internal static class DelayedConnection
{
    private const int ChunkSize = 256 * 1024;

    // At most this many chunks wait in one direction (64 MiB): far above any SSH window, so it never throttles.
    private const int MaxQueued = 256;

    public static async Task RunAsync(Socket client, IPEndPoint target, TimeSpan oneWay)
    {
        using (client)
        using (var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            client.NoDelay = true;
            server.NoDelay = true;
            try
            {
                await server.ConnectAsync(target);
                await Task.WhenAll(PumpAsync(client, server, oneWay), PumpAsync(server, client, oneWay));
            }
            catch (SocketException)
            {
                // A peer went away: the other side sees its connection close, as through a real network.
            }
        }
    }

    private static async Task PumpAsync(Socket from, Socket to, TimeSpan delay)
    {
        var queue = Channel.CreateBounded<(long Due, byte[] Buffer, int Length)>(new BoundedChannelOptions(MaxQueued) { SingleReader = true, SingleWriter = true });
        var writer = WriteAsync(queue.Reader, to, from);
        try
        {
            while (true)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
                var read = await from.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    break;
                }

                await queue.Writer.WriteAsync((Stopwatch.GetTimestamp() + (long)(delay.TotalSeconds * Stopwatch.Frequency), buffer, read));
            }
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            queue.Writer.TryComplete();
        }

        await writer;
    }

    private static async Task WriteAsync(ChannelReader<(long Due, byte[] Buffer, int Length)> queue, Socket to, Socket from)
    {
        var broken = false;
        await foreach (var (due, buffer, length) in queue.ReadAllAsync())
        {
            // After a failed send the queue is still drained (and the source closed), so the reading pump never blocks.
            if (!broken)
            {
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }

                broken = !await TrySendAsync(to, buffer.AsMemory(0, length));
                if (broken)
                {
                    from.Dispose();
                }
            }

            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (!broken)
        {
            try
            {
                to.Shutdown(SocketShutdown.Send);
            }
            catch (SocketException)
            {
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    private static async Task<bool> TrySendAsync(Socket to, ReadOnlyMemory<byte> data)
    {
        try
        {
            await to.SendAsync(data, SocketFlags.None);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }
}
