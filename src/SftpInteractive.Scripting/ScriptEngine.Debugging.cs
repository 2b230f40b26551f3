using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using SftpInteractive.Scripting.Debugging;

namespace SftpInteractive.Scripting;

/// <summary>The engine's side of the debugger (<see cref="ScriptDebugger"/>): while one is attached, each cell's
/// script is instrumented before Roslyn compiles it; otherwise cells compile exactly as before.</summary>
public sealed partial class ScriptEngine
{
    private readonly List<(string Name, object? Value)> _copies = [];
    private ScriptDebugger? _debugger;
    private string? _debugCell;

    /// <summary>The debugger of this engine (created on first use; attached by the host).</summary>
    internal ScriptDebugger Debugger => LazyInitializer.EnsureInitialized(ref _debugger, () => new ScriptDebugger(EvaluateAsync));

    /// <summary>The session's variables (the latest of each name), for the variable explorer: those of the cells run
    /// so far, then the values copied to globals from a stop (<see cref="CopyToGlobals"/>) that the next cell declares.</summary>
    internal IReadOnlyList<(string Name, object? Value, Type Type)> SessionVariables()
    {
        var variables = WhoDirective.Latest(CurrentState).Select(v => (v.Name, (object?)v.Value, v.Type)).ToList();
        lock (_stateLock)
        {
            foreach (var (name, value) in _copies)
            {
                variables.RemoveAll(v => v.Name == name);
                variables.Add((name, value, value?.GetType() ?? typeof(object)));
            }
        }

        return variables;
    }

    /// <summary>Makes <paramref name="value"/> a session variable called <paramref name="name"/> (JupyterLab's "copy to
    /// globals" on a stopped frame's local). The stopped cell still runs from the state before it, so the variable is
    /// declared in a submission of its own right before the next cell; until then the explorer lists it.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a C# identifier.</exception>
    internal void CopyToGlobals(string name, object? value)
    {
        if (!SyntaxFacts.IsValidIdentifier(name))
        {
            throw new ArgumentException($"'{name}' is not a C# variable name.", nameof(name));
        }

        lock (_stateLock)
        {
            _copies.RemoveAll(c => c.Name == name);
            _copies.Add((name, value));
        }
    }

    /// <summary>Declares the values copied to globals since the last cell (typed as their runtime type when C# can name
    /// it), continuing the session's state; runs under the engine's gate, before the next cell.</summary>
    private async Task DeclareCopiesAsync(CancellationToken cancellationToken)
    {
        List<(string Name, object? Value)> copies;
        lock (_stateLock)
        {
            if (_copies.Count == 0)
            {
                return;
            }

            copies = [.. _copies];
            _copies.Clear();
        }

        var (script, values) = DebugEvaluation.Declarations(copies);
        ScriptState<object> state;
        try
        {
            state = await ContinueDetachedAsync(script, values, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is CompilationErrorException or OperationCanceledException)
        {
            return; // the cell runs as it would have without the copies
        }

        lock (_stateLock)
        {
            _state = state;
        }

        _workspace.AddSubmission(script, state.Script.GetCompilation().References);
    }

    /// <summary>Evaluates <paramref name="expression"/> with <paramref name="locals"/> as variables, over the session's
    /// state (its variables and types), without changing that state.</summary>
    internal async Task<object?> EvaluateAsync(string expression, IReadOnlyList<(string Name, object? Value)> locals, CancellationToken cancellationToken)
    {
        var (script, values) = DebugEvaluation.Build(expression, locals);
        ScriptState<object> state;
        try
        {
            state = await ContinueDetachedAsync(script, values, cancellationToken).ConfigureAwait(false);
        }
        catch (CompilationErrorException e) when (locals.Any(l => l.Name == "this") && UnboundNames(e) is { Count: > 0 } unbound)
        {
            // In a method, a bare name may be a member the class inherits or a record's positional property: read it
            // from this, as the method would.
            (script, values) = DebugEvaluation.Build(expression, locals, unbound);
            state = await ContinueDetachedAsync(script, values, cancellationToken).ConfigureAwait(false);
        }

        if (state.Exception is { } error)
        {
            throw new TargetInvocationFailure(error);
        }

        return state.ReturnValue;
    }

    /// <summary>The names a failed compilation could not find (CS0103).</summary>
    private static HashSet<string> UnboundNames(CompilationErrorException error) =>
        [.. error.Diagnostics.Where(d => d.Id == "CS0103" && d.Location.SourceTree is not null)
            .Select(d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan))];

    /// <summary>Runs <paramref name="script"/> over the session's state, outside every debug frame, with
    /// <paramref name="values"/> for <see cref="DebugHooks.Local"/>.</summary>
    private async Task<ScriptState<object>> ContinueDetachedAsync(string script, object?[] values, CancellationToken cancellationToken)
    {
        var options = _packages.Apply(_options.Value);
        if (_libraries.Any)
        {
            options = options.AddReferences(_libraries.References);
        }

        using (DebugFrame.Detached())
        using (DebugEvaluation.Use(values))
        {
            return CurrentState is { } current
                ? await current.ContinueWithAsync(script, options, static _ => true, cancellationToken).ConfigureAwait(false)
                : await CSharpScript.RunAsync(script, options, Globals, typeof(ScriptGlobals), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Remembers the cell being run (its file is named from its whole code).</summary>
    private void BeginDebugCell(string code) => _debugCell = _debugger is { IsAttached: true } ? code : null;

    private void EndDebugCell()
    {
        _debugCell = null;
        _debugger?.CellFinished();
    }

    /// <summary>Compiles and runs the script part of a cell: instrumented while a debugger is attached (and, should the
    /// instrumented code not compile, say for a span among its locals, without locals, then as written).</summary>
    private async Task<ScriptState<object>> RunScriptAsync(string code, ScriptOptions options, CancellationToken token)
    {
        if (_debugCell is { } cell && _debugger is { IsAttached: true } debugger)
        {
            var path = debugger.Files.PathOf(cell);
            const string name = "Cell";
            foreach (var captureLocals in new[] { true, false })
            {
                try
                {
                    var state = await RunScriptCodeAsync(DebugRewriter.Instrument(code, path, name, captureLocals), options, token).ConfigureAwait(false);
                    if (state.Exception is { } exception)
                    {
                        debugger.OnUnhandled(exception);
                    }

                    return state;
                }
                catch (CompilationErrorException)
                {
                    // Try the next, plainer form; the code as written reports its own errors.
                }
            }
        }

        return await RunScriptCodeAsync(code, options, token).ConfigureAwait(false);
    }

    /// <summary>The instrumentation of a cell's types while a debugger is attached, else null.</summary>
    private Func<SyntaxTree, SyntaxTree>? DebugLibraryRewrite() =>
        _debugCell is { } cell && _debugger is { IsAttached: true } debugger
            ? tree => DebugRewriter.InstrumentLibrary(tree, debugger.Files.PathOf(cell))
            : null;

    private async Task<ScriptState<object>> RunScriptCodeAsync(string code, ScriptOptions options, CancellationToken token) =>
        _state is null
            ? await (await FirstScriptAsync(code, options).ConfigureAwait(false)).RunAsync(Globals, static _ => true, token).ConfigureAwait(false)
            : await _state.ContinueWithAsync(code, options, static _ => true, token).ConfigureAwait(false);
}
