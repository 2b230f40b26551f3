using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Scripting;
using SftpInteractive.Scripting.Packages;

namespace SftpInteractive.Scripting;

/// <summary>
/// The Roslyn C# engine shared by every host. Submissions run one at a time with <see cref="Globals"/> as globals and
/// keep their state; completion and inspection answer at any time, also while a submission runs.
/// </summary>
public sealed partial class ScriptEngine : IInteractiveEngine
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<string> _history = [];
    private readonly Lock _historyLock = new();
    private readonly Lazy<ScriptOptions> _options;
    private readonly ScriptWorkspace _workspace;
    private readonly RemotePathCompleter _paths;
    private readonly PackageManager _packages;
    private readonly string _directory;
    private readonly CellLibraries _libraries = new();
    private readonly CellFrames _cellFrames = new();
    private readonly TaskCompletionSource _firstSubmission = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _stateLock = new();
    private ScriptState<object>? _state;
    private PreparedScript? _prepared;
    private CompiledScript? _compiled;
    private int _generation;

    /// <summary>Creates an engine.</summary>
    /// <param name="globals">The globals (a fresh, unconnected helper when null).</param>
    /// <param name="baseDirectory">Where <c>#r</c> and <c>#load</c> resolve relative paths (default: current directory).</param>
    public ScriptEngine(ScriptGlobals? globals = null, string? baseDirectory = null)
    {
        Globals = globals ?? new ScriptGlobals();
        var directory = baseDirectory ?? Directory.GetCurrentDirectory();
        _directory = directory;
        _options = new(() => ScriptDefaults.CreateOptions(directory)); // the compiler's world: not needed by a stored script
        _workspace = new ScriptWorkspace(directory);
        _paths = new RemotePathCompleter(() => Globals.CurrentSession);
        EngineLog.Install();
        _packages = new PackageManager(directory);
        StartupTrace.Mark("engine created");
    }

    /// <summary>The globals of every submission (the session helper).</summary>
    public ScriptGlobals Globals { get; }

    /// <summary>How long a cancelled submission may take to stop by itself (transfers clean up their <c>.part</c>
    /// files) before the engine stops waiting for it and reports it cancelled (default
    /// <see cref="SubmissionGuard.GracePeriod"/>, the one setting every host's guard uses).</summary>
    public TimeSpan CancellationGracePeriod { get; init; } = SubmissionGuard.GracePeriod;

    /// <summary>How long the completion warm-up waits for the first submission to finish before it starts anyway.
    /// A terminal host sets a few seconds so a quick first command does not share the CPU with loading the editor
    /// services; zero (the default) warms both up at once.</summary>
    public TimeSpan CompletionWarmUpDelay { get; init; } = TimeSpan.Zero;

    /// <inheritdoc />
    public IReadOnlyList<string> History
    {
        get
        {
            lock (_historyLock)
            {
                return [.. _history];
            }
        }
    }

    /// <summary>Whether <see cref="WarmUpAsync"/> also loads the editor services (completion, inspect) once the
    /// compiler is warm. A piped script has no use for them: they would only compete with it for the CPU.</summary>
    public bool WarmUpCompletion { get; init; } = true;

    /// <inheritdoc />
    public async Task<SubmissionResult> ExecuteAsync(string code, IDisplaySink display, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(display);
        using var submission = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        return await RunGatedAsync(
            () =>
            {
                lock (_historyLock)
                {
                    _history.Add(code);
                }

                BeginDebugCell(code);
                int generation;
                lock (_stateLock)
                {
                    generation = ++_generation;
                }

                return Task.Run(() => RunAsync(code, display, generation, submission.Token), CancellationToken.None);
            },
            "cancelled; the submission ignored cancellation and keeps running in the background",
            onAbandon: () =>
            {
                // The code ignores the token: bumping the generation keeps it from replacing the state of later
                // submissions when it finally ends.
                lock (_stateLock)
                {
                    _generation++;
                }
            },
            after: () =>
            {
                if (StartupTrace.Enabled && !_firstSubmission.Task.IsCompleted)
                {
                    StartupTrace.Mark("first submission done");
                }

                EndDebugCell();
                _firstSubmission.TrySetResult();
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<CompletionList> CompleteAsync(string code, int cursor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        cursor = Math.Clamp(cursor, 0, code.Length);
        if ((WhoDirective.Complete(code, cursor) ?? MagicRegistry.Complete(code, cursor)) is { } directive)
        {
            return directive;
        }

        var remote = await _paths.CompleteAsync(code, cursor, cancellationToken).ConfigureAwait(false);
        if (remote is not null)
        {
            return remote;
        }

        var list = await _workspace.CompleteAsync(code, cursor, cancellationToken).ConfigureAwait(false);
        return VariableInspection.TagVariables(list, code, CurrentState);
    }

    /// <inheritdoc />
    public async Task<InspectionResult?> InspectAsync(string code, int cursor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        cursor = Math.Clamp(cursor, 0, code.Length);
        var docs = await _workspace.InspectAsync(code, cursor, cancellationToken).ConfigureAwait(false);
        return VariableInspection.Add(docs, code, cursor, CurrentState, Globals.Formatters);
    }

    /// <inheritdoc />
    public bool IsComplete(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (string.IsNullOrWhiteSpace(code))
        {
            return true;
        }

        return IsCompleteCell(code);
    }

    /// <summary>True when <paramref name="code"/>, C# without magics, is a complete submission.</summary>
    internal static bool IsCompleteCSharp(string code)
    {
        if (WhoDirective.Strip(code, out var rest) && string.IsNullOrWhiteSpace(rest))
        {
            return true;
        }

        var tree = CSharpSyntaxTree.ParseText(rest, ScriptWorkspace.ParseOptions);
        return SyntaxFactory.IsCompleteSubmission(tree) && !CellSplitter.IsOpenNamespace(tree);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Globals.Disconnect();
        _workspace.Dispose();
        _paths.Dispose();
        _gate.Dispose();
        await Task.CompletedTask.ConfigureAwait(false);
    }

    private async Task<SubmissionResult> RunCSharpAsync(string code, IDisplaySink display, int generation, CancellationToken token)
    {
        await DeclareCopiesAsync(token).ConfigureAwait(false);

        // Engine-level directives are taken out before Roslyn compiles the rest (it would reject them).
        if (!WhoDirective.Strip(code, out var rest))
        {
            return await CompileAndRunAsync(code, display, generation, token).ConfigureAwait(false);
        }

        var result = string.IsNullOrWhiteSpace(rest) ? null : await CompileAndRunAsync(rest, display, generation, token).ConfigureAwait(false);
        var table = DisplayRenderer.Render(WhoDirective.Table(CurrentState, Globals.Formatters), Globals.Formatters);
        if (result is null)
        {
            return new SubmissionResult.Success(table.Value, true, table);
        }

        if (result is SubmissionResult.Success)
        {
            display.Display(table);
        }

        return result;
    }

    private ScriptState<object>? CurrentState
    {
        get
        {
            lock (_stateLock)
            {
                return _state;
            }
        }
    }

    private async Task<SubmissionResult> CompileAndRunAsync(string code, IDisplaySink display, int generation, CancellationToken token)
    {
        using var submission = ScriptSubmission.Enter(display, Globals.Formatters, token, log: true);
        if (LogDirective.TryRun(code, display) is { } directive)
        {
            return directive;
        }

        if (_compiled is { } compiled)
        {
            return await RunCompiledAsync(compiled, code, token).ConfigureAwait(false);
        }

        ScriptState<object> state;
        CellParts? cell = null;
        LibraryBuild? library = null;
        try
        {
            // #r "nuget:" and #i lines are restored and taken out first; what remains is what Roslyn compiles.
            var (prepared, failure) = await _packages.PrepareAsync(code, display, token).ConfigureAwait(false);
            if (failure is not null)
            {
                return failure;
            }

            if (string.IsNullOrWhiteSpace(prepared) && !string.IsNullOrWhiteSpace(code))
            {
                // Only directives: the references apply from the next submission on, nothing to compile now; completion
                // sees the packages at once.
                _workspace.AddSubmission(prepared, _packages.Apply(_options.Value).MetadataReferences);
                return new SubmissionResult.Success(null, false, null);
            }

            // Type and namespace declarations compile as a library first (CellSplitter); Roslyn gets the rest.
            (cell, library, var options) = BuildLibrary(prepared, _packages.Apply(_options.Value), display, token);
            if (library?.Failure is { } libraryFailure)
            {
                return libraryFailure;
            }

            code = cell?.Script ?? prepared;
            state = await RunScriptAsync(code, options, token).ConfigureAwait(false);
        }
        catch (CompilationErrorException e)
        {
            return ErrorReport.FromCompilation(e);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return new SubmissionResult.Cancelled("cancelled");
        }
#pragma warning disable CA1031 // Errors are values at the interactive boundary: the host's loop must never die.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return ErrorReport.FromException(e, _cellFrames);
        }

        _cellFrames.Record(state.Script.GetCompilation().AssemblyName ?? string.Empty);

        // Keep the state even when the code threw: variables declared before the failing line stay usable.
        var usings = cell?.Usings ?? CellSplitter.Usings(code); // later cells' libraries compile with them
        lock (_stateLock)
        {
            if (generation != _generation)
            {
                return new SubmissionResult.Cancelled("abandoned");
            }

            _state = state;
            _libraries.Commit(cell, library, usings);
        }

        _workspace.AddSubmission(code, state.Script.GetCompilation().References);
        if (state.Exception is { } error)
        {
            return error is OperationCanceledException && token.IsCancellationRequested
                ? new SubmissionResult.Cancelled("cancelled")
                : ErrorReport.FromException(error, _cellFrames);
        }

        var hasValue = SubmissionValue.HasValue(state.Script.GetCompilation());
        using var tupleNames = state.ReturnValue is System.Collections.IEnumerable and not string ? ObjectTable.UseTupleNames(SubmissionValue.TupleNames(state.Script.GetCompilation())) : null;
        return new SubmissionResult.Success(state.ReturnValue, hasValue, hasValue ? DisplayRenderer.Render(state.ReturnValue, Globals.Formatters) : null);
    }
}
