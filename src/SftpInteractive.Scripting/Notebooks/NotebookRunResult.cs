namespace SftpInteractive.Scripting;

/// <summary>What a <see cref="NotebookRunner"/> run did.</summary>
/// <param name="Executed">Code cells run (the last execution count).</param>
/// <param name="Failed">Cells that failed (at most one without <see cref="NotebookRunner.AllowErrors"/>).</param>
/// <param name="Cancelled">True when a cell was cancelled, which ends the run.</param>
public sealed record NotebookRunResult(int Executed, int Failed, bool Cancelled);
