namespace SftpInteractive.Scripting;

/// <summary>
/// A C# script as cells: split as the REPL splits piped input (<see cref="SubmissionSplitter"/>), so each complete
/// submission is a cell, and a block another magic opens (<c>#!markdown</c>…) is a cell of that language. Written
/// back as one script: C# cells one after another, other cells behind their magic line, and <c>#!csharp</c> where C#
/// follows them (this engine runs such a script; other C# script runners accept only plain C#).
/// </summary>
internal static class CsxFormat
{
    public static NotebookDocument Read(string text)
    {
        var document = new NotebookDocument();
        var script = text.ReplaceLineEndings("\n");
        var comments = string.Empty; // comment-only submissions belong to the code they introduce
        foreach (var submission in SubmissionSplitter.Split(script, ScriptEngine.IsCompleteCSharp))
        {
            if (IsCommentOnly(submission))
            {
                comments += submission + "\n";
                continue;
            }

            var lines = submission.Split('\n').ToList();
            var language = NotebookLanguages.CSharp;
            if (MagicCell.NameOf(lines, 0) is { } name && NotebookLanguages.FromMagicLine(name) is { } named)
            {
                language = named;
                lines.RemoveAt(0);
            }

            var body = string.Join('\n', lines).Trim('\n');
            if (language == NotebookLanguages.CSharp)
            {
                (body, comments) = (comments + body, string.Empty);
            }

            if (body.Trim().Length > 0)
            {
                document.Cells.Add(new NotebookCell(language, body.TrimEnd()));
            }
        }

        if (comments.Trim().Length > 0)
        {
            document.Cells.Add(new NotebookCell(NotebookLanguages.CSharp, comments.TrimEnd()));
        }

        return document;
    }

    private static bool IsCommentOnly(string submission) =>
        submission.Split('\n').All(l => l.Trim().Length == 0 || l.TrimStart().StartsWith("//", StringComparison.Ordinal));

    public static string Write(NotebookDocument document)
    {
        var parts = new List<string>();
        var afterOther = false;
        foreach (var cell in document.Cells.Where(c => c.Language != NotebookLanguages.Raw && c.Source.Trim().Length > 0))
        {
            var text = cell.Source.ReplaceLineEndings("\n").Trim('\n');
            if (cell.Language == NotebookLanguages.CSharp)
            {
                parts.Add(afterOther ? "#!csharp\n" + text : text);
                afterOther = false;
            }
            else
            {
                parts.Add($"#!{cell.Language}\n{text}");
                afterOther = true;
            }
        }

        return string.Join("\n\n", parts) + "\n";
    }
}
