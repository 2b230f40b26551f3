using System.Runtime.Versioning;
using System.Globalization;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using SftpInteractive.Scripting;

namespace SftpInteractive.Tool.Warm;

/// <summary><c>sftpi --warm-spare</c>: a detached process that loads and warms the compiler as an interactive
/// session does, waits on its socket for one launcher, takes over that launcher's terminal, environment and directory,
/// and then runs exactly the code a cold <c>sftpi</c> runs with the launcher's arguments. It ends by itself when idle
/// (<c>SFTPI_WARM_IDLE</c> seconds, 15 minutes by default), when the tool is replaced, or when its socket or directory
/// is removed.</summary>
[SupportedOSPlatform("linux")]
internal static class WarmSpare
{
    private static readonly TimeSpan DefaultIdle = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan HandoffTimeout = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(Func<string[], Task<int>> session)
    {
        if (!OperatingSystem.IsLinux())
        {
            return 2;
        }

        Detach();
        WarmPaths paths;
        try
        {
            paths = WarmPaths.ForThisTool(create: true);
        }
        catch (IOException)
        {
            return 2;
        }

        var identity = paths.Identity;
        var claimed = ClaimOrNull(paths);
        if (claimed is null)
        {
            return 0; // another spare of this tool is warming up or waiting
        }

        Socket? client;
        using (claimed)
        {
            paths.Log("warming up");
            await WarmUpAsync().ConfigureAwait(false);
            client = await WaitForLauncherAsync(paths, identity).ConfigureAwait(false);
        }

        if (client is null)
        {
            return 0;
        }

        return await ServeAsync(paths, client, session).ConfigureAwait(false);
    }

    /// <summary>Its own session (no terminal: a Ctrl+C in the terminal that started it does not reach it) and
    /// /dev/null for its standard streams until it takes a launcher's terminal. The spawner did both already when
    /// it could; doing them again is harmless.</summary>
    private static void Detach()
    {
        _ = Libc.SetSid();
        var devNull = Libc.Open("/dev/null", Libc.ReadWrite);
        if (devNull >= 0)
        {
            Libc.OnStandardStreams(devNull);
        }
    }

    /// <summary>The lock that makes this the one spare of its identity, or null when another holds it.</summary>
    private static FileStream? ClaimOrNull(WarmPaths paths)
    {
        try
        {
            // FileShare.None is an exclusive flock on Unix: released by the kernel when this process ends, however.
            return new FileStream(paths.Lock, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The REPL's own warm-up (<see cref="ScriptEngine.WarmUpAsync"/>: the compiler, then the editor
    /// services) on an engine thrown away afterwards: what stays warm is the process (Roslyn loaded, its code
    /// compiled, its metadata read); the session creates its own engine with the launcher's arguments.</summary>
    private static async Task WarmUpAsync()
    {
        var engine = new ScriptEngine(new ScriptGlobals(new SftpOptions(), TextWriter.Null));
        try
        {
            await engine.WarmUpAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await engine.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task<Socket?> WaitForLauncherAsync(WarmPaths paths, string identity)
    {
        File.Delete(paths.Socket); // left by a spare that was killed: the lock says nobody listens on it
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(paths.Socket));
        listener.Listen(1);
        await File.WriteAllTextAsync(paths.PidFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        paths.Log("ready");
        var idle = IdleTime();
        using var stop = new CancellationTokenSource(idle);
        var watch = WatchAsync(paths, identity, stop);
        var served = false;
        try
        {
            while (true)
            {
                Socket client;
                try
                {
                    client = await listener.AcceptAsync(stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    paths.Log(await watch.ConfigureAwait(false) ?? $"ends: idle for {idle.TotalSeconds:0} s");
                    return null;
                }

                if (!PeerCredentials.Of(client).IsThisUser)
                {
                    client.Dispose(); // another user got in (a directory not 0700): not served
                    continue;
                }

                // One client only: the socket goes first, so no other launcher can reach this process.
                File.Delete(paths.Socket);
                served = true;
                return client;
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            TryDelete(paths.PidFile);
            if (!served)
            {
                TryDelete(paths.Socket);
            }
        }
    }

    /// <summary>Cancels <paramref name="stop"/> when this spare should end before its idle time: the tool was
    /// replaced (its identity changed), or the socket or the directory was removed (<c>sftpi warm stop</c>).</summary>
    private static async Task<string?> WatchAsync(WarmPaths paths, string identity, CancellationTokenSource stop)
    {
        using var timer = new PeriodicTimer(CheckEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false))
            {
                string? reason = !File.Exists(paths.Socket) ? "ends: its socket was removed"
                    : WarmPaths.ComputeIdentity() != identity ? "ends: the tool was replaced"
                    : null;
                if (reason is not null)
                {
                    await stop.CancelAsync().ConfigureAwait(false);
                    return reason;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        return null;
    }

    private static async Task<int> ServeAsync(WarmPaths paths, Socket client, Func<string[], Task<int>> session)
    {
        WarmHandoff handoff;
        var launcher = PeerCredentials.Of(client);
        try
        {
            client.ReceiveTimeout = (int)HandoffTimeout.TotalMilliseconds;
            handoff = WarmHandoff.Receive(client);
            client.ReceiveTimeout = 0;

            // The launcher's own terminal, reopened through /proc (the pid is the kernel's word, not the message's),
            // without making it this process's controlling terminal. Nothing has touched System.Console yet, so the
            // console starts on it exactly as in a cold start.
            var terminal = Libc.Open($"/proc/{launcher.Pid}/fd/0", Libc.ReadWrite | Libc.NoControllingTerminal);
            if (terminal < 0)
            {
                throw new IOException($"cannot open the terminal of process {launcher.Pid} (errno {Marshal.GetLastPInvokeError()})");
            }

            Libc.OnStandardStreams(terminal);
            handoff.Apply();
            client.Send([WarmHandoff.Taken]);
        }
        catch (Exception e) when (e is IOException or SocketException or UnauthorizedAccessException)
        {
            paths.Log($"ends: the handoff from process {launcher.Pid} failed: {e.Message}");
            client.Dispose();
            return 1;
        }

        paths.Log($"serves process {launcher.Pid} ({handoff.Arguments.Count} arguments, cwd {handoff.CurrentDirectory})");
        var exit = new SessionExit(client);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => exit.Send(Environment.ExitCode); // Environment.Exit in a submission
        _ = Task.Factory.StartNew(() => exit.WatchLauncher(), TaskCreationOptions.LongRunning);
        var code = await session([.. handoff.Arguments]).ConfigureAwait(false);
        Environment.ExitCode = code;
        return code;
    }

    private static TimeSpan IdleTime() =>
        double.TryParse(Environment.GetEnvironmentVariable("SFTPI_WARM_IDLE"), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : DefaultIdle;

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
    }
}
