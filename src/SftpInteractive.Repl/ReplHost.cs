using SftpInteractive.Scripting;
using Spectre.Console;

namespace SftpInteractive.Repl;

/// <summary>
/// The terminal host: an interactive loop over a line editor when there is a terminal, otherwise a script runner over
/// the piped input that stops at the first error. The engine may still be warming up when the prompt appears.
/// </summary>
public sealed class ReplHost : IInteractiveEngineAccess
{
    private readonly ReplOptions _options;
    private readonly IAnsiConsole _console;
    private readonly IAnsiConsole? _errorConsole;
    private readonly RedactingWriter _out;
    private readonly RedactingWriter? _errors;
    private readonly Task<IInteractiveEngine> _engine;
    private readonly ReplSink _sink;
    private readonly ResultPrinter _printer;
    private Task<string?>? _startup;
    private string? _lastTrace;

    /// <summary>Creates the host; <paramref name="engine"/> is usually still being created in the background.</summary>
    public ReplHost(ReplOptions options, Task<IInteractiveEngine> engine)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _engine = engine;
        // The one output boundary: everything this host shows passes these two redacting writers.
        (_console, _out) = RedactingConsoleOutput.Wrap(options.Console);
        if (options.ErrorConsole is not null)
        {
            (_errorConsole, _errors) = RedactingConsoleOutput.Wrap(options.ErrorConsole);
        }

        var prompt = options.Terminal is { } terminal ? MaskedPrompt.Create(terminal) : null;
        _sink = new ReplSink(_console, options.Terminal is not null, prompt, _errorConsole?.Profile.Out.Writer);
        _printer = new ResultPrinter(_console, _sink, options.Terminal is not null);
    }

    /// <summary>Runs until <c>#exit</c>, Ctrl+D or the end of the piped script. Returns the process exit code: 0, or
    /// in script mode 1 for the first error and 130 for a cancelled submission.</summary>
    public Task<int> RunAsync(CancellationToken cancellationToken = default) =>
        _options.Terminal is { } terminal ? RunInteractiveAsync(terminal, cancellationToken) : RunScriptAsync(cancellationToken);

    async Task<bool> IInteractiveEngineAccess.IsCompleteAsync(string code, CancellationToken cancellationToken) =>
        (await _engine.WaitAsync(cancellationToken).ConfigureAwait(false)).IsComplete(code);

    async Task<CompletionList> IInteractiveEngineAccess.CompleteAsync(string code, int cursor, CancellationToken cancellationToken) =>
        await (await _engine.WaitAsync(cancellationToken).ConfigureAwait(false)).CompleteAsync(code, cursor, cancellationToken).ConfigureAwait(false);

    async Task<InspectionResult?> IInteractiveEngineAccess.InspectAsync(string code, int cursor, CancellationToken cancellationToken) =>
        await (await _engine.WaitAsync(cancellationToken).ConfigureAwait(false)).InspectAsync(code, cursor, cancellationToken).ConfigureAwait(false);

    async Task<IReadOnlyList<ClassifiedRange>> IInteractiveEngineAccess.ClassifyAsync(string code, CancellationToken cancellationToken) =>
        await (await _engine.WaitAsync(cancellationToken).ConfigureAwait(false)).ClassifyAsync(code, cancellationToken).ConfigureAwait(false);

    private async Task<int> RunInteractiveAsync(ITerminal terminal, CancellationToken cancellationToken)
    {
        var history = new ReplHistory(_options.HistoryPath);
        var editor = new LineEditor(terminal, history, this, _out, Palette.FromEnvironment());
        foreach (var line in _options.Banner)
        {
            terminal.Write(line + "\r\n");
        }

        _startup = StartAsync(editor.Notify, cancellationToken);
        StartupTrace.Mark("line editor ready"); // the prompt is drawn next
        while (!cancellationToken.IsCancellationRequested)
        {
            terminal.ControlCAsKey = true;
            var code = await editor.ReadSubmissionAsync(cancellationToken).ConfigureAwait(false);
            terminal.ControlCAsKey = false;
            if (code is null)
            {
                return 0;
            }

            history.Add(code);
            if (TryDirective(code, out var exit))
            {
                if (exit is { } leave)
                {
                    return leave;
                }

                continue;
            }

            using var submission = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            void OnInterrupt(object? sender, EventArgs e) => submission.Cancel();
            terminal.Interrupt += OnInterrupt;
            try
            {
                await ExecuteAsync(code, submission.Token).ConfigureAwait(false);
            }
            finally
            {
                terminal.Interrupt -= OnInterrupt;
            }
        }

        return 0;
    }

    private async Task<int> RunScriptAsync(CancellationToken cancellationToken)
    {
        // In script mode stdout is the script's output; start-up notices go to the error stream.
        var notices = _errorConsole ?? _console;
        _startup = StartAsync(message =>
        {
            notices.WriteLine(message);
            Drain();
        }, cancellationToken);
        var script = await _options.Input.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        var engine = await _engine.WaitAsync(cancellationToken).ConfigureAwait(false);
        // A script that ran before runs its stored compiled form; otherwise its first submission compiles while the
        // connection opens.
        var stored = engine.LoadCompiledScript(script);
        var submissions = stored?.ToList() ?? SubmissionSplitter.Split(script, engine.IsComplete, ReplDirectives.IsDirective).ToList();
        if (stored is null && submissions.Count > 0)
        {
            engine.Prepare(submissions[0]);
        }

        foreach (var code in submissions)
        {
            if (TryDirective(code, out var exit))
            {
                if (exit is { } leave)
                {
                    return leave;
                }

                continue;
            }

            var result = await ExecuteAsync(code, cancellationToken).ConfigureAwait(false);
            switch (result)
            {
                case SubmissionResult.Failure:
                    return 1;
                case SubmissionResult.Cancelled:
                    return 130;
            }
        }

        if (stored is null)
        {
            engine.SaveCompiledScript(script);
        }

        return 0;
    }

    private async Task<SubmissionResult> ExecuteAsync(string code, CancellationToken cancellationToken)
    {
        try
        {
            return await ExecuteUndrainedAsync(code, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Drain();
        }
    }

    /// <summary>Releases what the boundary held back as a possible secret's start: the submission's output has ended.</summary>
    private void Drain()
    {
        _out.Drain();
        _errors?.Drain();
    }

    private async Task<SubmissionResult> ExecuteUndrainedAsync(string code, CancellationToken cancellationToken)
    {
        var engine = await _engine.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (_startup is not null)
        {
            await _startup.ConfigureAwait(false);
        }

        SubmissionResult result;
        using (new SubmissionContext { Token = cancellationToken }.Enter())
        {
            result = await engine.ExecuteAsync(code, _sink, cancellationToken).ConfigureAwait(false);
        }

        if (result is SubmissionResult.Failure failure)
        {
            _lastTrace = failure.StackTrace.Length > 0 ? failure.StackTrace : failure.Message;
            var printer = _options.Terminal is null && _errorConsole is { } errors ? new ResultPrinter(errors, _sink, interactive: false) : _printer;
            printer.Print(code, result);
        }
        else
        {
            _printer.Print(code, result);
        }

        return result;
    }

    /// <summary>Handles the host's own directives; <paramref name="exit"/> is set when the REPL should leave.</summary>
    private bool TryDirective(string code, out int? exit)
    {
        exit = null;
        if (!ReplDirectives.IsDirective(code))
        {
            return false;
        }

        var console = _console;
        var word = code.Trim();
        if (word == DirectiveRegistry.Exit.Name)
        {
            exit = 0;
        }
        else if (word == DirectiveRegistry.Help.Name)
        {
            console.Write(SpectreTables.ToSpectre(VerbCatalog.ToTable(typeof(ScriptGlobals))));
            var table = new DisplayTable("REPL", "Command / key", "What it does");
            foreach (var directive in ReplDirectives.Listed)
            {
                table.AddRow(directive.Usage, directive.Description);
            }

            foreach (var (keys, what) in LineEditor.Keys)
            {
                table.AddRow(keys, what);
            }

            console.Write(SpectreTables.ToSpectre(table));
        }
        else if (word == DirectiveRegistry.Trace.Name)
        {
            console.WriteLine(_lastTrace ?? "no error yet");
        }
        else if (word == DirectiveRegistry.Clear.Name)
        {
            console.Clear();
        }

        Drain();

        return true;
    }

    private async Task<string?> StartAsync(Action<string> notify, CancellationToken cancellationToken)
    {
        if (_options.Startup is null)
        {
            return null;
        }

        try
        {
            var engine = await _engine.WaitAsync(cancellationToken).ConfigureAwait(false);
            var message = await _options.Startup(engine, cancellationToken).ConfigureAwait(false);
            if (message is not null)
            {
                notify(message);
            }

            return message;
        }
#pragma warning disable CA1031 // A failed start-up connect leaves an unconnected REPL where Connect() still works.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var message = e is SftpInteractiveException sftp ? $"not connected: {sftp.Message}" : $"start-up failed: {e.Message}";
            notify(message);
            return message;
        }
    }
}
