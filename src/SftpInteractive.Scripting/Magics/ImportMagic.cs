namespace SftpInteractive.Scripting;

/// <summary><c>#!import &lt;file&gt;</c>: runs the cells of a <c>.dib</c>, <c>.ipynb</c>, <c>.csx</c> or <c>.cs</c> into the
/// session, in order, as the engine does: C# and the other languages this engine shows run, markdown cells are shown as
/// <c>text/markdown</c> (the engine shows an imported notebook's prose too). A
/// relative path is relative to the engine's folder (the notebook's). The first failing cell ends the import.</summary>
internal sealed class ImportMagic : Magic
{
    public override string Name => "#!import";

    public override string Description => "Run the cells of a .dib, .ipynb, .csx or .cs file: #!import path";

    public override MagicKind Kind => MagicKind.Action;

    public override async Task<SubmissionResult> RunAsync(MagicContext context, string argument, string body, CancellationToken cancellationToken)
    {
        var path = argument.Trim().Trim('"');
        if (path.Length == 0)
        {
            return new SubmissionResult.Failure("ImportFailed", "#!import needs a file: #!import path/to/notebook.ipynb", [], string.Empty);
        }

        NotebookDocument document;
        try
        {
            document = NotebookFiles.Load(Path.GetFullPath(path, context.BaseDirectory));
        }
        catch (NotebookFileException e)
        {
            return new SubmissionResult.Failure("ImportFailed", "#!import " + e.Message, [], string.Empty);
        }

        foreach (var cell in document.Cells)
        {
            if (cell.IsMarkdown && !string.IsNullOrWhiteSpace(cell.Source))
            {
                context.Display.Display(DisplayRenderer.Render(new MarkdownContent(cell.Source), context.Formatters));
                continue;
            }

            if (cell.ToSubmission() is not { } code || string.IsNullOrWhiteSpace(code))
            {
                continue;
            }

            var result = await context.RunCell(code, cancellationToken).ConfigureAwait(false);
            if (result is not SubmissionResult.Success)
            {
                return result;
            }
        }

        return Done;
    }
}
