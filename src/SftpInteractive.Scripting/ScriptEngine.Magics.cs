namespace SftpInteractive.Scripting;

/// <summary>The engine's side of the magics (<see cref="MagicRegistry"/>): a cell is split at its magic lines before
/// Roslyn sees it; its C# parts go the usual way (<see cref="RunCSharpAsync"/>).</summary>
public sealed partial class ScriptEngine
{
    private async Task<SubmissionResult> RunAsync(string code, IDisplaySink display, int generation, CancellationToken token)
    {
        if (MagicCell.Parse(code) is not { } cell)
        {
            return await RunCSharpAsync(code, display, generation, token).ConfigureAwait(false);
        }

        var context = new MagicContext(display, (c, t) => RunCSharpAsync(c, display, generation, t), (c, t) => RunAsync(c, display, generation, t),
            () => CurrentState, Globals.Formatters, _directory);
        return await MagicRunner.RunAsync(cell, context, token).ConfigureAwait(false);
    }

    /// <summary>A cell with magics is complete unless its last part is C# still being typed.</summary>
    private static bool IsCompleteCell(string code) => MagicCell.Parse(code) is not { } cell
        ? IsCompleteCSharp(code)
        : cell.Refused.Count > 0 || cell.Segments.Count == 0 || cell.Segments[^1] is not { IsCSharp: true } last || IsCompleteCSharp(last.Body);
}
