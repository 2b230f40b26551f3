namespace SftpInteractive.Scripting;

/// <summary>
/// Where a submission's output goes. The REPL writes to the terminal; the kernel turns calls into Jupyter
/// <c>stream</c>, <c>display_data</c> and <c>update_display_data</c> messages. Hosts redact secrets before output.
/// </summary>
public interface IDisplaySink
{
    /// <summary>Standard output of the submission (<c>Console.Out</c> is redirected here while it runs).</summary>
    TextWriter StandardOutput { get; }

    /// <summary>Standard error of the submission (<c>Console.Error</c> is redirected here while it runs).</summary>
    TextWriter StandardError { get; }

    /// <summary>Shows a rendered value. With a <paramref name="displayId"/> it can later be replaced in place.</summary>
    void Display(RenderedValue value, string? displayId = null);

    /// <summary>Replaces the display with <paramref name="displayId"/> (progress bars).</summary>
    void UpdateDisplay(RenderedValue value, string displayId);

    /// <summary>Clears what the running submission has shown so far (a notebook cell's output); with
    /// <paramref name="wait"/> the clearing happens when the next output arrives, so the cell does not flicker. Hosts
    /// without an output area to clear (a terminal) ignore it.</summary>
    void ClearOutput(bool wait = false)
    {
    }

    /// <summary>Asks the user for a value (keyboard-interactive password or verification code), masked when the
    /// prompt is not echoed; null when this host cannot ask (the helper then says which .env key to set).</summary>
    PromptHandler? Prompt { get; }
}

/// <summary>Completion items and the span of text they replace.</summary>
/// <param name="Items">The items, best first.</param>
/// <param name="Start">Start offset of the replaced span in the submission.</param>
/// <param name="End">End offset of the replaced span.</param>
public sealed record CompletionList(IReadOnlyList<CompletionEntry> Items, int Start, int End)
{
    /// <summary>No completions.</summary>
    public static CompletionList Empty(int cursor) => new([], cursor, cursor);
}

/// <summary>One completion.</summary>
/// <param name="Text">Text to insert.</param>
/// <param name="DisplayText">Text to show in the menu.</param>
/// <param name="Kind">method, property, local, class, keyword, remote-file, remote-directory…</param>
/// <param name="Detail">Signature or size, when known.</param>
public sealed record CompletionEntry(string Text, string DisplayText, string Kind, string? Detail);

/// <summary>Documentation of the symbol at a cursor.</summary>
/// <param name="Text">Signature and summary as plain text.</param>
/// <param name="Html">The same as HTML, or null.</param>
public sealed record InspectionResult(string Text, string? Html);

/// <summary>How a stretch of a submission reads, for highlighting.</summary>
/// <param name="Start">Offset in the submission.</param>
/// <param name="Length">Length in characters.</param>
/// <param name="Kind">keyword, type, string, number, comment, method, verb (a method of the session helper), member,
/// variable.</param>
public sealed record ClassifiedRange(int Start, int Length, string Kind);
