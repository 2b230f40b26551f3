using System.Runtime.InteropServices;
using NetMQ;
using SftpInteractive.Kernel.Debugging;
using SftpInteractive.Kernel.Execution;
using SftpInteractive.Kernel.Handlers;
using SftpInteractive.Kernel.Protocol;
using SftpInteractive.Kernel.Transport;
using SftpInteractive.Scripting;
using SftpInteractive.Widgets.Comms;
using SftpInteractive.Widgets.Protocol;

namespace SftpInteractive.Kernel;

/// <summary>
/// Runs the Jupyter kernel: binds the five sockets of a connection file, serves the messaging protocol 5.3 and
/// returns when a front end asks for shutdown (or <c>cancellationToken</c> is cancelled, or SIGTERM arrives).
/// </summary>
public static class KernelHost
{
    /// <summary>Serves one kernel session until shutdown.</summary>
    /// <param name="connectionFile">The connection file Jupyter wrote (the <c>{connection_file}</c> argument).</param>
    /// <param name="engineFactory">Creates the engine that runs cells (called once).</param>
    /// <param name="log">Diagnostics for the person running the front end (the kernel's stderr); never user output.</param>
    /// <param name="cancellationToken">Stops the kernel.</param>
    /// <returns>True when the front end asked for a restart.</returns>
    /// <exception cref="InvalidDataException">The connection file cannot be used.</exception>
    /// <exception cref="IOException">A port of the connection file cannot be listened on (in use by another program).</exception>
    public static async Task<bool> RunAsync(string connectionFile, Func<IInteractiveEngine> engineFactory, TextWriter log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engineFactory);
        ArgumentNullException.ThrowIfNull(log);
        var connection = ConnectionInfo.Load(connectionFile);
        var engine = engineFactory();
        await using (engine.ConfigureAwait(false))
        {
            // Roslyn's first compilation is slow; pay it while the front end is still connecting.
            using var warmUpCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var warmUp = Task.Run(() => engine.WarmUpAsync(warmUpCancel.Token), warmUpCancel.Token);
            try
            {
                return await ServeAsync(connection, engine, log, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // A short kernel life (or a port that cannot be bound) may end before warm-up does: stop it rather
                // than make shutdown wait for it, and before the engine it uses is disposed.
                await warmUpCancel.CancelAsync().ConfigureAwait(false);
                await Task.WhenAny(warmUp, Task.Delay(TimeSpan.FromMilliseconds(500), CancellationToken.None)).ConfigureAwait(false);
            }
        }
    }

    private static async Task<bool> ServeAsync(ConnectionInfo connection, IInteractiveEngine engine, TextWriter log, CancellationToken cancellationToken)
    {
        var signer = new MessageSigner(connection.Key);
        var factory = new MessageFactory(Guid.NewGuid().ToString(), Environment.UserName, TimeProvider.System);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var shutdown = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sockets = new KernelSockets(connection, signer, log);
        using var heartbeat = new Heartbeat(connection);
        var output = new KernelOutput(sockets, factory);
        var prompter = new StdinPrompter(output);
        var history = new KernelHistory();
        var worker = new ExecutionWorker(engine, output, prompter, history, log: log);
        WidgetRegistry.Install(); // the front end opens jupyter.widget.control as soon as it connects
        CommHub.Attach(new KernelComms(output));
        using var detach = new CommTransportScope();
        var dispatcher = new RequestDispatcher(output, worker, prompter, history, new IntrospectionHandlers(engine),
            restart => shutdown.TrySetResult(restart), log, stop.Token, new DebugAdapter(output, engine));
        sockets.Received += dispatcher.Dispatch;

        // SIGINT (Ctrl+C in a terminal front end, or signal-mode interrupt) interrupts the cell instead of killing the
        // process and its session; SIGTERM is a clean shutdown.
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx => { ctx.Cancel = true; worker.Interrupt(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => { ctx.Cancel = true; shutdown.TrySetResult(false); });
        using var cancelled = cancellationToken.Register(() => shutdown.TrySetResult(false));

        heartbeat.Start();
        sockets.Start();
        StartupTrace.Mark("kernel sockets bound");
        output.Status(null, "starting");
        var work = worker.RunAsync(stop.Token);
        log.WriteLine($"SftpInteractive kernel {KernelInfo.ImplementationVersion} listening on {connection.Ip} (shell {connection.ShellPort}).");

        var restart = await shutdown.Task.ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        sockets.StopAfterPendingSends();
        await Task.WhenAny(Task.WhenAll(sockets.Stopped, work), Task.Delay(TimeSpan.FromSeconds(3), CancellationToken.None)).ConfigureAwait(false);
        return restart;
    }

    private sealed class CommTransportScope : IDisposable
    {
        public void Dispose() => CommHub.Attach(null);
    }

    /// <summary>Releases NetMQ's background threads; call once when the process is done with kernels.</summary>
    public static void Cleanup() => NetMQConfig.Cleanup(block: false);
}
