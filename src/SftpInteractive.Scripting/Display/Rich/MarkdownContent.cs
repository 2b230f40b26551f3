namespace SftpInteractive.Scripting;

/// <summary>Markdown for the notebook (<c>text/markdown</c>); the terminal shows the source, which reads well as is.</summary>
public sealed class MarkdownContent : IMimeDisplay
{
    /// <summary>Wraps <paramref name="markdown"/>.</summary>
    public MarkdownContent(string markdown) => Markdown = markdown ?? throw new ArgumentNullException(nameof(markdown));

    /// <summary>The markdown source.</summary>
    public string Markdown { get; }

    /// <inheritdoc />
    public string ToText() => Markdown;

    /// <inheritdoc />
    public IReadOnlyList<MimePart> ToMimeParts() => [new(MimeTypes.Markdown, Markdown)];

    /// <inheritdoc />
    public override string ToString() => Markdown;
}
