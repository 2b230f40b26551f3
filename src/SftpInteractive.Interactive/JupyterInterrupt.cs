using System.Collections;
using System.Reflection;
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
/// sends), and the host's SIGINT registration is withdrawn; Jupyter still shuts kernels down with
/// <c>shutdown_request</c>, SIGTERM and SIGKILL, which stay untouched.
/// </summary>
internal static class JupyterInterrupt
{
    private const string HostLifetimeType = "Microsoft.Extensions.Hosting.Internal.ConsoleLifetime";

    // The running submission's own cancellation. SIGINT cancels it directly as well as sending the engine's Cancel,
    // so the verbs stop on this token whatever the engine does with its command.
    private static CancellationTokenSource? s_running;

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
            CancelRunning();
            _ = kernel.SendAsync(new Cancel());
        });
        kernel.RegisterForDisposal(interrupt);
        WithdrawHostRegistration();
        return true;
    }

    /// <summary>Marks <paramref name="submission"/> as the running submission's cancellation until disposed.</summary>
    public static IDisposable Running(CancellationTokenSource submission)
    {
        var previous = Interlocked.Exchange(ref s_running, submission);
        return new Scope(submission, previous);
    }

    private static void CancelRunning()
    {
        try
        {
            Volatile.Read(ref s_running)?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The submission ended as the signal came.
        }
    }

    // The runtime keeps every registration in PosixSignalRegistration.s_registrations (signal number -> tokens); the
    // host's token is the one whose handler belongs to ConsoleLifetime. Best effort: if the runtime's shape differs,
    // the engine keeps its own behaviour (an interrupt still cancels the cell first, then the host stops).
    private static void WithdrawHostRegistration()
    {
        var registry = typeof(PosixSignalRegistration).GetField("s_registrations", BindingFlags.Static | BindingFlags.NonPublic)?.GetValue(null);
        if (registry is not IDictionary byNumber)
        {
            return;
        }

        lock (registry)
        {
            foreach (var tokens in byNumber.Values.OfType<IList>())
            {
                foreach (var token in tokens.Cast<object>().ToList())
                {
                    var type = token.GetType();
                    var signal = type.GetProperty("Signal")?.GetValue(token);
                    var handler = type.GetProperty("Handler")?.GetValue(token) as Delegate;
                    if (signal is PosixSignal.SIGINT && handler?.Target?.GetType().FullName == HostLifetimeType)
                    {
                        tokens.Remove(token);
                    }
                }
            }
        }
    }

    private sealed class Scope(CancellationTokenSource submission, CancellationTokenSource? previous) : IDisposable
    {
        public void Dispose() => Interlocked.CompareExchange(ref s_running, previous, submission);
    }
}
