using SftpInteractive.Scripting;
using Spectre.Console;

namespace SftpInteractive.Repl;

/// <summary>What the REPL runs on: injected console, input and terminal, so tests and hosts swap them.</summary>
public sealed class ReplOptions
{
    /// <summary>Results, tables and messages.</summary>
    public required IAnsiConsole Console { get; init; }

    /// <summary>Errors in script mode (piped stdin); null: <see cref="Console"/>.</summary>
    public IAnsiConsole? ErrorConsole { get; init; }

    /// <summary>The piped script when <see cref="Terminal"/> is null.</summary>
    public TextReader Input { get; init; } = TextReader.Null;

    /// <summary>The interactive terminal, or null to run <see cref="Input"/> as a script.</summary>
    public ITerminal? Terminal { get; init; }

    /// <summary>History file; null keeps history in memory only.</summary>
    public string? HistoryPath { get; init; }

    /// <summary>Lines printed before the first prompt (the demo's examples).</summary>
    public IReadOnlyList<string> Banner { get; init; } = [];

    /// <summary>Runs once the engine exists (connect from .env), before any submission; what it returns is shown
    /// above the prompt.</summary>
    public Func<IInteractiveEngine, CancellationToken, Task<string?>>? Startup { get; init; }
}
