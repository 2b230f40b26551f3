using Microsoft.CodeAnalysis.Scripting;

namespace SftpInteractive.Scripting;

/// <summary>What a <see cref="Magic"/> may use of the engine running its cell.</summary>
/// <param name="Display">The submission's output.</param>
/// <param name="RunCSharp">Compiles and runs C# (the engine's <c>#</c> directives included) in the session.</param>
/// <param name="RunCell">Runs a whole cell, magics included (<c>#!time</c>'s rest, <c>#!import</c>'s cells).</param>
/// <param name="State">The session's script state (variables), or null before anything ran.</param>
/// <param name="Formatters">The user's formatters, for rendering.</param>
/// <param name="BaseDirectory">Where relative paths resolve (<c>#!import</c>).</param>
internal sealed record MagicContext(
    IDisplaySink Display,
    Func<string, CancellationToken, Task<SubmissionResult>> RunCSharp,
    Func<string, CancellationToken, Task<SubmissionResult>> RunCell,
    Func<ScriptState?> State,
    FormatterRegistry Formatters,
    string BaseDirectory);
