using System.Runtime.CompilerServices;
using Renci.SshNet;

namespace SftpInteractive;

/// <summary>
/// The SFTP engine of each connected SSH.NET client: opened on first use over the client's own SSH connection and
/// opened afresh after the client reconnects. Every SFTP request of a session and of its transfer pool goes through it.
/// </summary>
internal static class SftpEngines
{
    private static readonly ConditionalWeakTable<SftpClient, Holder> Engines = [];

    /// <summary>Makes <paramref name="engine"/> (already started, over the client's own channel) <paramref name="client"/>'s
    /// engine: once it closes, the client is not connected and is never opened again.</summary>
    public static void Adopt(SftpClient client, SftpEngine engine)
    {
        var holder = Engines.GetValue(client, static _ => new Holder());
        lock (holder)
        {
            holder.Engine = Task.FromResult(engine);
        }
    }

    /// <summary>The open engine of <paramref name="client"/>.</summary>
    /// <exception cref="Renci.SshNet.Common.SshConnectionException">The client is not connected.</exception>
    public static Task<SftpEngine> ForAsync(SftpClient client, CancellationToken cancellationToken)
    {
        var holder = Engines.GetValue(client, static _ => new Holder());
        lock (holder)
        {
            if (holder.Engine is { } current && (!current.IsCompleted || current.IsCompletedSuccessfully && current.Result.IsOpen))
            {
                // An engine still starting (its server stalled) must not outlast the caller's bound.
                return current.IsCompleted ? current : current.WaitAsync(cancellationToken);
            }

            if (holder.Engine is { IsCompletedSuccessfully: true } stale)
            {
                stale.Result.Dispose();
            }

            if (!client.IsConnected)
            {
                throw new Renci.SshNet.Common.SshConnectionException("Client not connected.");
            }

            holder.Engine = StartAsync(SshNetSubsystemChannel.Open(client));
            return holder.Engine.WaitAsync(cancellationToken);
        }
    }

    /// <summary>The engine <paramref name="client"/> has started, or null while none has (nothing opened here).</summary>
    public static SftpEngine? Current(SftpClient client)
    {
        if (!Engines.TryGetValue(client, out var holder))
        {
            return null;
        }

        lock (holder)
        {
            return holder.Engine is { IsCompletedSuccessfully: true } engine ? engine.Result : null;
        }
    }

    /// <summary>Closes <paramref name="client"/>'s engine (before the client disconnects or is disposed).</summary>
    public static void Close(SftpClient client)
    {
        if (Engines.TryGetValue(client, out var holder))
        {
            lock (holder)
            {
                if (holder.Engine is { IsCompletedSuccessfully: true } engine)
                {
                    engine.Result.Dispose();
                }

                holder.Engine = null;
            }
        }
    }

    private static async Task<SftpEngine> StartAsync(ISftpTransport transport)
    {
        try
        {
            return await SftpEngine.StartAsync(transport, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Renci.SshNet.Common.SshConnectionException e) when (e.InnerException is SftpInteractiveException said)
        {
            // The transport knew why it ended (OpenSSH refused the login or the host key): that is the message.
            throw said;
        }
    }

    private sealed class Holder
    {
        public Task<SftpEngine>? Engine { get; set; }
    }
}
