using System.Collections.Immutable;

namespace SftpInteractive.Scripting;

/// <summary>
/// A cell split by <see cref="CellSplitter"/>: the declarations a script cannot hold become a library, the rest stays
/// a script. Both texts keep the cell's lines and columns (what moved to the other part is blanked, newlines kept), so
/// the script's diagnostics need no mapping and the library's need only <see cref="ToCellPosition"/>.
/// </summary>
/// <param name="Cell">The cell as submitted (after engine and package directives were taken out).</param>
/// <param name="Script">The cell without its type and namespace declarations.</param>
/// <param name="Library">The cell's using directives and declarations, everything else blanked; top-level types
/// without an access modifier, or <c>internal</c>, are made public so the script and later cells can use them.</param>
/// <param name="Insertions">Cell positions where <c>public </c> was inserted into <paramref name="Library"/>, ascending.</param>
/// <param name="NeedsLibrary">True when the cell declares what a script rejects (a namespace, an extension method or
/// extension block); false when it only declares types a script would also accept.</param>
/// <param name="Usings">The cell's own using directives (their text), for the libraries of later cells.</param>
/// <param name="References">The files of the cell's <c>#r</c> directives (the library compiles against them too).</param>
internal sealed record CellParts(string Cell, string Script, string Library, ImmutableArray<int> Insertions, bool NeedsLibrary,
    ImmutableArray<string> Usings, ImmutableArray<string> References)
{
    /// <summary>The length of the modifier inserted at each of <see cref="Insertions"/>.</summary>
    public const int InsertionLength = 7; // "public "

    /// <summary>Maps a position in <see cref="Library"/> back to the cell.</summary>
    public int ToCellPosition(int libraryPosition)
    {
        var shift = 0;
        foreach (var insertion in Insertions)
        {
            var start = insertion + shift;
            if (libraryPosition < start)
            {
                break;
            }

            if (libraryPosition < start + InsertionLength)
            {
                return insertion; // inside the inserted modifier: the declaration it belongs to
            }

            shift += InsertionLength;
        }

        return libraryPosition - shift;
    }
}
