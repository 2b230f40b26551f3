using Renci.SshNet.Common;

namespace SftpInteractive;

/// <summary>The protocol's start: SSH_FXP_INIT, the server's VERSION and extensions, then its limits (and, when asked, the
/// directory it starts in) in one round trip.</summary>
internal sealed partial class SftpEngine
{
    // A server that opened the subsystem answers SSH_FXP_INIT at once; one that does not is given up.
    private static readonly TimeSpan VersionTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Starts the protocol over <paramref name="transport"/> (SSH_FXP_INIT, VERSION, then the server's limits).</summary>
    /// <exception cref="SshException">The server does not speak SFTP version 3.</exception>
    public static async Task<SftpEngine> StartAsync(ISftpTransport transport, CancellationToken cancellationToken) =>
        (await StartAsync(transport, askHome: false, null, cancellationToken).ConfigureAwait(false)).Engine;

    /// <summary><see cref="StartAsync(ISftpTransport, CancellationToken)"/>, and the directory the server starts in
    /// (SSH_FXP_REALPATH of <c>.</c>), asked together with the limits: one round trip less than asking after. With
    /// <paramref name="loggedIn"/> (a transport whose ssh is still logging in: SSH_FXP_INIT waits in its pipe, as OpenSSH's
    /// sftp sends it) the answer is waited for without a limit until that login completes (a prompt may wait on a person).</summary>
    /// <exception cref="SshException">The server does not speak SFTP version 3.</exception>
    public static async Task<(SftpEngine Engine, string Home)> StartWithHomeAsync(ISftpTransport transport, Task? loggedIn, CancellationToken cancellationToken)
    {
        var (engine, home) = await StartAsync(transport, askHome: true, loggedIn, cancellationToken).ConfigureAwait(false);
        return (engine, home!);
    }

    private static async Task<(SftpEngine Engine, string? Home)> StartAsync(ISftpTransport transport, bool askHome, Task? loggedIn, CancellationToken cancellationToken)
    {
        var engine = new SftpEngine(transport);
        try
        {
            transport.Start(engine);
            var init = new SftpPacketWriter(SftpPacketType.Init, 16);
            try
            {
                init.WriteUInt32(3);
                var bytes = init.FinishWithoutId();
                lock (engine._sendGate)
                {
                    transport.Send(bytes.Array!, bytes.Offset, bytes.Count);
                }
            }
            finally
            {
                init.Dispose();
            }

            await Task.WhenAny(engine._version.Task, loggedIn ?? Task.CompletedTask).WaitAsync(cancellationToken).ConfigureAwait(false);
            var (version, extensions) = await engine._version.Task.WaitAsync(VersionTimeout, cancellationToken).ConfigureAwait(false);
            (engine.Version, engine.Extensions) = (version, extensions);
            var limits = extensions.ContainsKey(ExtensionNames.Limits) ? engine.LimitsAsync(cancellationToken) : null;
            var home = askHome ? engine.RealPathAsync(".", cancellationToken) : null;
            await Task.WhenAll(new Task?[] { limits, home }.OfType<Task>()).ConfigureAwait(false); // both in flight at once
            if (limits is not null)
            {
                engine.MaxRead = Clamp(limits.Result.MaxRead);
                engine.MaxWrite = Clamp(limits.Result.MaxWrite);
            }

            return (engine, home?.Result);
        }
        catch (TimeoutException e)
        {
            engine.Dispose();
            throw new SshOperationTimeoutException($"The server did not answer SSH_FXP_INIT within {VersionTimeout.TotalSeconds:N0} s.", e);
        }
        catch
        {
            engine.Dispose();
            throw;
        }

        static int Clamp(ulong limit) => limit == 0 ? DefaultChunk : (int)Math.Clamp(limit, 1024UL, 1024UL * 1024);
    }

    private void OnVersion(ReadOnlySpan<byte> payload)
    {
        try
        {
            var reader = new SftpPacketReader(payload);
            var version = reader.ReadUInt32();
            var extensions = new Dictionary<string, string>(StringComparer.Ordinal);
            while (!reader.IsEmpty)
            {
                extensions[reader.ReadString()] = reader.ReadString();
            }

            _version.TrySetResult((version, extensions));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _version.TrySetException(e);
        }
    }
}
