namespace SftpInteractive.Scripting;

/// <summary>One part of a cell split at its magic lines.</summary>
/// <param name="Magic">The magic that opens the part; null for C# that no magic opened (the cell's start, or the lines
/// after an action such as <c>#!who</c>).</param>
/// <param name="Argument">The rest of the magic's line, trimmed.</param>
/// <param name="Body">The lines the part holds, with a blank line in front for each line of the cell before them, so
/// compiler positions stay the cell's.</param>
internal sealed record MagicSegment(Magic? Magic, string Argument, string Body)
{
    /// <summary>True for C#: no magic, or <c>#!csharp</c>.</summary>
    public bool IsCSharp => Magic is null or CSharpMagic;
}
