using System.Runtime.InteropServices;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;

namespace SftpInteractive.Interactive;

/// <summary>
/// Makes a Jupyter interrupt cancel the running cell inside the engine's Jupyter kernel. Jupyter interrupts a kernel
/// whose kernelspec declares no <c>interrupt_mode</c> (the engine's) with SIGINT; the engine neither handles SIGINT nor
/// answers <c>interrupt_request</c> while a cell runs, and its web host (Microsoft.Extensions.Hosting's
/// <c>ConsoleLifetime</c>) treats SIGINT as "shut down", so an interrupt ended the kernel and the notebook's state.
/// In Jupyter mode only, SIGINT becomes the engine's own <see cref="Cancel"/> command (what Polyglot's stop button
/// sends), and the host's own SIGINT handler (which would stop the engine) does not run; Jupyter still shuts kernels down with
/// <c>shutdown_request</c>, SIGTERM and SIGKILL, which stay untouched.
/// </summary>
internal static class JupyterInterrupt
{
    // How long the running submission gets to end on its own token before the engine's Cancel is sent. A verb stops
    // within this (it closes its requests and throws); sending Cancel while that failure is on its way raced with it
    // inside the engine, which then went idle without an execute_reply (seen under load: the cell never ended).
    private static readonly TimeSpan OwnCancellationGrace = TimeSpan.FromSeconds(3);

    // Never set: the signal threads that wait on it stay parked until the process ends.
    private static readonly ManualResetEventSlim Parked = new(false);

    // The running submission. SIGINT cancels its own token first, so the verbs stop on it whatever the engine does.
    private static Submission? s_running;

    /// <summary>Installs the SIGINT handler when the process is the engine's Jupyter kernel; false otherwise.</summary>
    public static bool Install(Kernel kernel)
    {
        if (!Environment.GetCommandLineArgs().Contains("jupyter", StringComparer.Ordinal))
        {
            return false;
        }

        var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal =>
        {
            signal.Cancel = true;

            // On the kernel's stderr (the Jupyter server's log): whether an interrupt reached the kernel at all.
            Console.Error.WriteLine("SftpInteractive: interrupt (SIGINT): cancelling the running cell.");
            if (!CancelRunningAndWait(OwnCancellationGrace))
            {
                // Code that does not watch the token (a loop, a sleep), or a cell of another kernel: the engine's own
                // Cancel (what Polyglot's stop button sends) ends the command.
                _ = kernel.SendAsync(new Cancel());
            }

            KeepLaterHandlersFromRunning();
        });
        kernel.RegisterForDisposal(interrupt);
        return true;
    }

    /// <summary>Marks <paramref name="submission"/> as the running submission's cancellation until disposed.</summary>
    public static IDisposable Running(CancellationTokenSource submission)
    {
        var running = new Submission(submission);
        running.Previous = Interlocked.Exchange(ref s_running, running);
        return running;
    }

    // Cancels the running submission's token and waits (at most grace) for it to end: true when it ended.
    private static bool CancelRunningAndWait(TimeSpan grace)
    {
        if (Volatile.Read(ref s_running) is not { } running)
        {
            return false;
        }

        try
        {
            running.Cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The submission ended as the signal came.
            return true;
        }

        return running.Ended.Wait(grace);
    }

    // The host's own SIGINT handler must not run after ours: it calls StopApplication. .NET 10 runs a signal's handlers
    // newest first, one after another on a thread of their own for that signal (PosixSignalRegistration.Unix.cs, "in
    // reverse order"), so ours, registered when the extension loads, long after the host started, runs first; keeping
    // that thread parked means the handlers after it never run for this signal. (A later runtime stops at the first
    // handler that sets Cancel; parking is then merely unnecessary.) One parked background thread per interrupt.
    private static void KeepLaterHandlersFromRunning() => Parked.Wait();

    // One submission while it runs: its cancellation, and an event set when it ends (the middleware's next returned).
    private sealed class Submission(CancellationTokenSource cancellation) : IDisposable
    {
        public CancellationTokenSource Cancellation { get; } = cancellation;

        public ManualResetEventSlim Ended { get; } = new(false);

        public Submission? Previous { get; set; }

        public void Dispose()
        {
            Interlocked.CompareExchange(ref s_running, Previous, this);
            Ended.Set();
        }
    }
}
