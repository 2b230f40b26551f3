using System.Text.RegularExpressions;

namespace SftpInteractive.Scripting;

/// <summary>
/// A .NET 10 file-based app (<c>dotnet run app.cs</c>), where Microsoft pointed C# notebook users. Written: every
/// <c>#r "nuget: X, V"</c> becomes <c>#:package X@V</c> at the top (<c>#i "nuget: S"</c> becomes
/// <c>#:property RestoreAdditionalProjectSources=S</c>), each cell starts with a marker comment <c>// #!csharp</c> or
/// <c>// #!markdown</c> (as percent-format scripts mark cells), other cells are comments, and other <c>#</c> lines of
/// a C# cell (<c>#!time</c>, <c>#load</c>) are commented out as <c>//#</c>. Read back: the markers split the cells and
/// the rest is undone; a file without markers is split as a <c>.csx</c> is.
/// </summary>
internal static partial class FileAppFormat
{
    private const string Marker = "// #!";

    public static string Write(NotebookDocument document)
    {
        var head = new List<string>();
        var body = new List<string>();
        foreach (var cell in document.Cells.Where(c => c.Language != NotebookLanguages.Raw && c.Source.Trim().Length > 0))
        {
            body.Add(Marker + cell.Language);
            foreach (var line in cell.Source.ReplaceLineEndings("\n").Trim('\n').Split('\n'))
            {
                if (cell.Language != NotebookLanguages.CSharp)
                {
                    body.Add(line.Length == 0 ? "//" : "// " + line);
                }
                else if (NuGetReference().Match(line) is { Success: true } package)
                {
                    var version = package.Groups["version"].Success ? package.Groups["version"].Value.Trim() : "*";
                    head.Add($"#:package {package.Groups["name"].Value.Trim()}@{version}");
                }
                else if (NuGetSource().Match(line) is { Success: true } source)
                {
                    head.Add($"#:property RestoreAdditionalProjectSources={source.Groups["source"].Value.Trim()}");
                }
                else
                {
                    body.Add(line.TrimStart().StartsWith('#') ? "//" + line : line);
                }
            }

            body.Add(string.Empty);
        }

        var lines = head.Count > 0 ? [.. head.Distinct(), string.Empty, .. body] : body;
        return string.Join('\n', lines).TrimEnd('\n') + "\n";
    }

    public static NotebookDocument Read(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n').ToList();
        var references = new List<string>();
        var rest = new List<string>();
        foreach (var (line, index) in lines.Select((l, i) => (l, i)))
        {
            if (index == 0 && line.StartsWith("#!/", StringComparison.Ordinal))
            {
                continue; // the shebang `dotnet run` needs on Unix; a notebook has none
            }

            if (Package().Match(line) is { Success: true } package)
            {
                var version = package.Groups["version"].Value;
                references.Add(version is "" or "*" ? $"#r \"nuget: {package.Groups["name"].Value}\"" : $"#r \"nuget: {package.Groups["name"].Value}, {version}\"");
            }
            else if (SourceProperty().Match(line) is { Success: true } source)
            {
                references.Add($"#i \"nuget: {source.Groups["source"].Value.Trim()}\"");
            }
            else if (!line.StartsWith("#:", StringComparison.Ordinal))
            {
                rest.Add(line);
            }
        }

        var document = rest.Any(l => l.StartsWith(Marker, StringComparison.Ordinal)) ? Cells(rest) : CsxFormat.Read(string.Join('\n', rest));
        if (references.Count > 0)
        {
            var first = document.Cells.FirstOrDefault(c => c.Language == NotebookLanguages.CSharp);
            if (first is null)
            {
                document.Cells.Insert(0, new NotebookCell(NotebookLanguages.CSharp, string.Join('\n', references)));
            }
            else
            {
                first.Source = string.Join('\n', [.. references, .. first.Source.Length > 0 ? new[] { first.Source } : []]);
            }
        }

        foreach (var empty in document.Cells.Where(c => c.Source.Trim().Length == 0).ToList())
        {
            document.Cells.Remove(empty);
        }

        return document;
    }

    private static NotebookDocument Cells(List<string> lines)
    {
        var document = new NotebookDocument();
        string? language = null;
        var cell = new List<string>();
        foreach (var line in lines)
        {
            if (line.StartsWith(Marker, StringComparison.Ordinal) && line[Marker.Length..].Trim() is { Length: > 0 } name && !name.Contains(' ', StringComparison.Ordinal))
            {
                Flush();
                language = NotebookLanguages.Canonical(name);
                continue;
            }

            cell.Add(language is null or NotebookLanguages.CSharp ? Uncomment(line) : Comment(line));
        }

        Flush();
        return document;

        void Flush()
        {
            // A marked cell stays even when empty: its #r lines went to the top and come back into it.
            var text = string.Join('\n', cell).Trim('\n');
            if (text.Trim().Length > 0 || language is not null)
            {
                document.Cells.Add(new NotebookCell(language ?? NotebookLanguages.CSharp, text.TrimEnd()));
            }

            cell.Clear();
        }
    }

    private static string Uncomment(string line) => line.TrimStart().StartsWith("//#", StringComparison.Ordinal) ? line.Replace("//#", "#", StringComparison.Ordinal) : line;

    private static string Comment(string line) =>
        line.StartsWith("// ", StringComparison.Ordinal) ? line[3..] : line.StartsWith("//", StringComparison.Ordinal) ? line[2..] : line;

    [GeneratedRegex("""^\s*#r\s+"nuget:\s*(?<name>[^,"]+?)\s*(,\s*(?<version>[^"]+?))?\s*"\s*$""", RegexOptions.CultureInvariant)]
    private static partial Regex NuGetReference();

    [GeneratedRegex("""^\s*#i\s+"nuget:\s*(?<source>[^"]+?)\s*"\s*$""", RegexOptions.CultureInvariant)]
    private static partial Regex NuGetSource();

    [GeneratedRegex("""^#:package\s+(?<name>[^@\s]+)(@(?<version>\S+))?\s*$""", RegexOptions.CultureInvariant)]
    private static partial Regex Package();

    [GeneratedRegex("""^#:property\s+RestoreAdditionalProjectSources\s*=\s*(?<source>.+)$""", RegexOptions.CultureInvariant)]
    private static partial Regex SourceProperty();
}
