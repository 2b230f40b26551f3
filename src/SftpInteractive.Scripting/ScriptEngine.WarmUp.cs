using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace SftpInteractive.Scripting;

// Start-up: warming the compiler and the editor services, and compiling the first submission ahead.
public sealed partial class ScriptEngine
{
    /// <inheritdoc />
    public async Task WarmUpAsync(CancellationToken cancellationToken = default)
    {
        CompilerPrimer.Start();
        await Task.Run(() => WarmUpCompilerAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
        StartupTrace.Mark("Roslyn warmed up");
        if (!WarmUpCompletion)
        {
            return;
        }

        if (CompletionWarmUpDelay > TimeSpan.Zero)
        {
            await Task.WhenAny(_firstSubmission.Task, Task.Delay(CompletionWarmUpDelay, cancellationToken)).ConfigureAwait(false);
        }

        await _workspace.WarmUpAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>Only plain C# is compiled ahead (no <c>#</c> directives, which change what is compiled), and only
    /// before anything ran.</remarks>
    public void Prepare(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code.Contains('#', StringComparison.Ordinal) || CurrentState is not null || Volatile.Read(ref _prepared) is not null || _compiled is not null)
        {
            return;
        }

        CompilerPrimer.Start();
        var compiled = Task.Run(() =>
        {
            var script = CSharpScript.Create(code, _packages.Apply(_options.Value), typeof(ScriptGlobals));
            if (!CellSplitter.MayDeclareTypes(code))
            {
                _ = script.Compile(); // a cell declaring types is split first (CellSplitter); this script goes unused
            }

            return script;
        });
        Interlocked.CompareExchange(ref _prepared, new PreparedScript(code, compiled), null);
    }

    private async Task WarmUpCompilerAsync(CancellationToken cancellationToken)
    {
        // The warm-up is the session's first submission, an empty one, followed by a trivial one through
        // ContinueWithAsync: exactly the path every user submission then takes, so loading and JIT-compiling the
        // compiler and the script runner is paid here, while the user types or the connection opens, and only once.
        // It holds the gate, so a submission arriving meanwhile waits for it rather than competing for the CPU.
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_state is not null)
            {
                return;
            }

            var state = await CSharpScript.Create(string.Empty, _options.Value, typeof(ScriptGlobals)).RunAsync(Globals, cancellationToken).ConfigureAwait(false);
            state = await state.ContinueWithAsync("1+1", _options.Value, cancellationToken).ConfigureAwait(false);
            _ = state.ReturnValue;
            lock (_stateLock)
            {
                _state ??= state;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The first submission's script: the one <see cref="Prepare"/> compiled when the code is the same.</summary>
    private async Task<Script<object>> FirstScriptAsync(string code, ScriptOptions options)
    {
        if (Interlocked.Exchange(ref _prepared, null) is { } prepared && string.Equals(prepared.Code, code, StringComparison.Ordinal))
        {
            return await prepared.Compiled.ConfigureAwait(false);
        }

        CompilerPrimer.Start();
        return CSharpScript.Create(code, options, typeof(ScriptGlobals));
    }

    private sealed record PreparedScript(string Code, Task<Script<object>> Compiled);
}
