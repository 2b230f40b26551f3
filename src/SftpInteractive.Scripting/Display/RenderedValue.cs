namespace SftpInteractive.Scripting;

/// <summary>A value rendered by the shared display pipeline: a MIME bundle that always has <c>text/plain</c>
/// (<see cref="Text"/>), <c>text/html</c> (<see cref="Html"/>) where the value has an HTML form, and further
/// representations (<see cref="Parts"/>: markdown, images, SVG, JSON) where the value provides them.</summary>
/// <param name="Text">Plain text (<c>text/plain</c>, terminal).</param>
/// <param name="Html">HTML fragment (<c>text/html</c>) or null.</param>
/// <param name="Value">The original value (the REPL draws tables from <see cref="ITabular"/> values).</param>
public sealed record RenderedValue(string Text, string? Html, object? Value)
{
    /// <summary>Representations beyond text and HTML, in the value's order of preference. Binary content (images) is
    /// base64, as Jupyter carries it.</summary>
    public IReadOnlyList<MimePart> Parts { get; init; } = [];

    /// <summary>The table a sequence of objects was rendered from (null for other values): a terminal host draws
    /// this one rather than building it again, so its columns keep the names the cell gave its tuples.</summary>
    public DisplayTable? Table { get; init; }

    /// <summary>The row limit in force when the value was rendered (<see cref="DisplayOptions.MaxRows"/>, or every row for
    /// <c>DisplayAll</c>); a terminal host drawing its own table for the value keeps to it.</summary>
    public int MaxRows { get; init; } = DisplayOptions.MaxRows;

    /// <summary>True when a formatter registered with <c>Formatters.Register</c> produced this; a terminal host then
    /// prints <see cref="Text"/> instead of drawing its own table for the value.</summary>
    public bool UserFormatted { get; init; }

    /// <summary>The whole bundle: <c>text/plain</c>, <c>text/html</c> when present, then <see cref="Parts"/>; each MIME
    /// type once.</summary>
    public IReadOnlyList<MimePart> Bundle
    {
        get
        {
            var bundle = new List<MimePart> { new(MimeTypes.PlainText, Text) };
            if (!string.IsNullOrEmpty(Html))
            {
                bundle.Add(new MimePart(MimeTypes.Html, Html));
            }

            bundle.AddRange(Parts.Where(p => !bundle.Exists(b => b.MimeType == p.MimeType)));
            return bundle;
        }
    }

    /// <summary>The content for <paramref name="mimeType"/>, or null when the bundle has none.</summary>
    public string? this[string mimeType] => Bundle.FirstOrDefault(p => p.MimeType == mimeType)?.Content;
}
