namespace SftpInteractive;

/// <summary>
/// A value that renders itself for every host: plain text for the terminal and <c>text/plain</c>, HTML for
/// notebooks. Hosts never format core types themselves, so the REPL, the kernel and Polyglot show the same thing.
/// </summary>
public interface IRichDisplay
{
    /// <summary>Plain text rendering (aligned columns for tables).</summary>
    string ToText();

    /// <summary>HTML fragment rendering (self-contained, no external resources).</summary>
    string ToHtml();
}

/// <summary>A value that is best shown as a table; the terminal host draws it with its own table widget.</summary>
public interface ITabular
{
    /// <summary>The table to show.</summary>
    DisplayTable ToTable();
}
