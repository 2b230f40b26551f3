namespace SftpInteractive.Scripting;

/// <summary>What <see cref="CellLibraries.Build"/> made of a cell's declarations: the libraries visible once the cell
/// has run (<see cref="CellLibraries.Commit"/>), and notes for the user; or the compile errors, in cell positions.</summary>
/// <param name="Visible">The libraries later code sees: the earlier ones (some rebuilt) and the new one.</param>
/// <param name="Notes">Lines worth telling (a type from an earlier cell that no longer compiles against a redefined one).</param>
/// <param name="Failure">The library part did not compile; the session is unchanged.</param>
/// <param name="Built">The libraries this cell compiled: rebuilt ones, then its own.</param>
internal sealed record LibraryBuild(IReadOnlyList<CellLibrary> Visible, IReadOnlyList<string> Notes, SubmissionResult.Failure? Failure,
    IReadOnlyList<CellLibrary> Built);
