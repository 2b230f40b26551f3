namespace SftpInteractive.Scripting;

/// <summary>A value that carries its own MIME representations (what <c>Markdown(...)</c>, <c>Image(...)</c>,
/// <c>Svg(...)</c> and <c>Json(...)</c> return). Terminals show <see cref="ToText"/>; notebooks pick the richest part.</summary>
public interface IMimeDisplay
{
    /// <summary>The <c>text/plain</c> form: readable in a terminal, never a dump of binary content.</summary>
    string ToText();

    /// <summary>The other representations, best first (binary content base64-encoded).</summary>
    IReadOnlyList<MimePart> ToMimeParts();
}
