using Microsoft.CodeAnalysis.Scripting;

namespace SftpInteractive.Scripting;

/// <summary>The engine's side of <see cref="CompiledScriptCache"/>: a piped script stored by an earlier run, loaded
/// and run without the compiler, and storing one that ran.</summary>
public sealed partial class ScriptEngine
{
    /// <summary>Where piped scripts' compiled forms are kept between runs (<see cref="LoadCompiledScript"/>); null
    /// (the default) keeps none.</summary>
    public CompiledScriptCache? CompiledScripts { get; init; }

    /// <inheritdoc />
    /// <remarks>Only before anything ran, and only with <see cref="CompiledScripts"/> set.</remarks>
    public IReadOnlyList<string>? LoadCompiledScript(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        if (CompiledScripts is not { } cache || CurrentState is not null || _compiled is not null || Volatile.Read(ref _prepared) is not null)
        {
            return null;
        }

        _compiled = cache.TryLoad(script);
        if (_compiled is null)
        {
            _ = Task.Run(() => _options.Value); // the compiler will be needed: load its references meanwhile
        }
        else
        {
            StartupTrace.Mark("compiled script loaded from the cache");
        }

        return _compiled?.Submissions;
    }

    /// <inheritdoc />
    /// <remarks>Stored only when the submissions that ran are exactly the script's (no directives, no warm-up).</remarks>
    public void SaveCompiledScript(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        // A script whose cells declared types is stored with their libraries, unless a redefinition rebuilt one.
        if (CompiledScripts is not { } cache || _compiled is not null || CurrentState is not { } state || !CompiledScriptCache.MayStore(script) || _libraries.Rebuilt)
        {
            return;
        }

        if (SubmissionEmitter.Emit(state.Script, History, _libraries.CompiledCode, CancellationToken.None) is { } submissions)
        {
            cache.Store(script, submissions, _libraries.Compiled);
        }
    }

    /// <summary>Runs the next submission of a script loaded from <see cref="CompiledScripts"/>: no compiler, no
    /// <see cref="ScriptState"/> (completion and <c>#!who</c> see nothing of it; a piped script needs neither).</summary>
    private async Task<SubmissionResult> RunCompiledAsync(CompiledScript compiled, string code, CancellationToken token)
    {
        if (!compiled.IsNext(code))
        {
            return new SubmissionResult.Failure("CompiledScript", "This engine runs a stored compiled script, and this is not its next submission.", [], string.Empty);
        }

        try
        {
            var (value, hasValue) = await compiled.RunNextAsync(Globals).ConfigureAwait(false);
            return new SubmissionResult.Success(value, hasValue, hasValue ? DisplayRenderer.Render(value, Globals.Formatters) : null);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return new SubmissionResult.Cancelled("cancelled");
        }
#pragma warning disable CA1031 // Errors are values at the interactive boundary, as for compiled submissions.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return ErrorReport.FromException(e);
        }
    }
}
