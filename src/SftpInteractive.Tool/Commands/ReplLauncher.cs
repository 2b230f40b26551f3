using SftpInteractive.Repl;
using SftpInteractive.Scripting;
using SftpInteractive.Tool.Warm;
using Spectre.Console;

namespace SftpInteractive.Tool.Commands;

/// <summary>Wires the real console, terminal, history and engine into a <see cref="ReplHost"/>. The prompt comes
/// first; the engine is created and warmed up on a background thread meanwhile.</summary>
internal static class ReplLauncher
{
    public static readonly IReadOnlyList<string> DefaultBanner =
        ["sftpi — C# REPL for SFTP. #help lists the verbs, Tab completes, Ctrl+C cancels, Ctrl+D leaves."];

    /// <remarks><paramref name="leaveSpare"/>: start a warm spare for the next start once this session is warm
    /// (docs/warm-start.md).</remarks>
    public static async Task<int> RunAsync(SftpOptions defaults, ConnectMode mode, IReadOnlyList<string> banner, CancellationToken cancellationToken, bool leaveSpare = false)
    {
        var interactive = !Console.IsInputRedirected;
        var stdout = Console.Out;
        var globals = new ScriptGlobals(defaults, stdout);
        EngineLog.Writer = Console.Error; // the connection log (SFTP_LOG, #log) on stderr, start-up connect included
        // The connection opens while Roslyn loads and warms up: the first submission needs both.
        var connected = Task.Run(() => ConnectAsync(globals, defaults, mode, cancellationToken), CancellationToken.None);
        var engine = Task.Run(() =>
        {
            // A piped script needs no warm-up: it runs its compiled form stored by an earlier run, or its first
            // submission is compiled while the connection opens (IInteractiveEngine.Prepare); completion has no use there.
            var created = new ScriptEngine(globals)
            {
                CompletionWarmUpDelay = TimeSpan.FromSeconds(3),
                CompiledScripts = interactive ? null : CompiledScriptCache.FromEnvironment(),
            };
            if (interactive)
            {
                var warmUp = created.WarmUpAsync(CancellationToken.None);
                if (leaveSpare)
                {
                    // After this session's own warm-up (its first command, or 3 s): the spare does not take the CPU
                    // from it.
                    _ = warmUp.ContinueWith(_ => { if (OperatingSystem.IsLinux()) { WarmSpawner.StartNext(); } }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                }
            }

            return (IInteractiveEngine)created;
        }, CancellationToken.None);

        using var terminal = interactive ? new SystemTerminal(stdout) : null;
        var options = new ReplOptions
        {
            Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout) }),
            ErrorConsole = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }),
            Input = Console.In,
            Terminal = terminal,
            HistoryPath = ReplHistoryLocation.Path(),
            Banner = interactive ? banner : [],
            Startup = (_, token) => connected.WaitAsync(token),
        };
        StartupTrace.Mark("consoles ready");
        try
        {
            return await new ReplHost(options, engine).RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await (await engine.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Connects <paramref name="globals"/> at start-up as <paramref name="mode"/> says (the piped REPL and <c>sftpi run</c>);
    /// returns the notice to show, or null when it did not connect.</summary>
    internal static async Task<string?> ConnectAsync(ScriptGlobals globals, SftpOptions defaults, ConnectMode mode, CancellationToken cancellationToken)
    {
        if (mode == ConnectMode.None)
        {
            return null;
        }

        if (mode == ConnectMode.IfConfigured)
        {
            try
            {
                Sftp.LoadSettings(defaults);
            }
            catch (SftpConfigException)
            {
                return null; // nothing configured: an unconnected REPL where Connect(...) works is the right start
            }
        }

        StartupTrace.Mark("connecting");
        var session = await globals.ConnectAsync(new SftpOptions(), cancellationToken).ConfigureAwait(false);
        StartupTrace.Mark("connected");
        return $"connected to {session.Settings.Target}, cwd {session.WorkingDirectory}";
    }
}
