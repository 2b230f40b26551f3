using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SftpInteractive.Scripting;

/// <summary>
/// A .NET 10 file-based app (<c>dotnet run app.cs</c>), where Microsoft pointed C# notebook users. Written: every
/// <c>#r "nuget: X, V"</c> becomes <c>#:package X@V</c> at the top (<c>#i "nuget: S"</c> becomes
/// <c>#:property RestoreAdditionalProjectSources=S</c>), each cell starts with a marker comment <c>// #!csharp</c> or
/// <c>// #!markdown</c> (as percent-format scripts mark cells), other cells are comments, and other <c>#</c> lines of
/// a C# cell (<c>#!time</c>, <c>#load</c>) are commented out as <c>//#</c>. A cell's value (a last expression without
/// a semicolon, which a program does not allow) is printed: <c>Console.WriteLine(value); // sftpi: the cell's value</c>.
/// Read back: the markers split the cells and the rest is undone; a file without markers is split as a <c>.csx</c> is.
/// </summary>
internal static partial class FileAppFormat
{
    private const string Marker = "// #!";
    private const string ValueMarker = " // sftpi: the cell's value";

    public static string Write(NotebookDocument document)
    {
        var head = new List<string>();
        var body = new List<string>();
        foreach (var cell in document.Cells.Where(c => c.Language != NotebookLanguages.Raw && c.Source.Trim().Length > 0))
        {
            body.Add(Marker + cell.Language);
            var source = cell.Source.ReplaceLineEndings("\n").Trim('\n');
            if (cell.Language != NotebookLanguages.CSharp)
            {
                body.AddRange(source.Split('\n').Select(line => line.Length == 0 ? "//" : "// " + line));
                body.Add(string.Empty);
                continue;
            }

            var code = new List<string>();
            foreach (var line in source.Split('\n'))
            {
                if (NuGetReference().Match(line) is { Success: true } package)
                {
                    var version = package.Groups["version"].Success ? package.Groups["version"].Value.Trim() : "*";
                    head.Add($"#:package {package.Groups["name"].Value.Trim()}@{version}");
                }
                else if (NuGetSource().Match(line) is { Success: true } feed)
                {
                    head.Add($"#:property RestoreAdditionalProjectSources={feed.Groups["source"].Value.Trim()}");
                }
                else
                {
                    code.Add(line.TrimStart().StartsWith('#') ? "//" + line : line);
                }
            }

            // After the directives are comments, so the compiler sees the cell as the program will.
            if (code.Count > 0)
            {
                body.AddRange(PrintValue(string.Join('\n', code)).Split('\n'));
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

    /// <summary>The cell with its value (a last expression on one line, no semicolon) printed, as a program must.</summary>
    private static string PrintValue(string source)
    {
        var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(source, ScriptWorkspace.ParseOptions).GetRoot();
        if (root.Members.LastOrDefault() is not GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } statement }
            || statement.Expression.IsMissing)
        {
            return source;
        }

        var span = statement.Expression.Span;
        var expression = source[span.Start..span.End];
        var lineEnd = source.IndexOf('\n', span.End);
        var after = lineEnd < 0 ? source[span.End..] : source[span.End..lineEnd];
        var before = source[(source.LastIndexOf('\n', Math.Max(span.Start - 1, 0)) + 1)..span.Start];
        return expression.Contains('\n', StringComparison.Ordinal) || after.Trim().Length > 0 || before.Trim().Length > 0
            ? source
            : source[..span.Start] + "Console.WriteLine(" + expression + ");" + ValueMarker + source[span.End..];
    }

    private static string Uncomment(string line) =>
        PrintedValue().Match(line) is { Success: true } value ? value.Groups["indent"].Value + value.Groups["expression"].Value : UncommentDirective(line);

    private static string UncommentDirective(string line) => line.TrimStart().StartsWith("//#", StringComparison.Ordinal) ? line.Replace("//#", "#", StringComparison.Ordinal) : line;

    private static string Comment(string line) =>
        line.StartsWith("// ", StringComparison.Ordinal) ? line[3..] : line.StartsWith("//", StringComparison.Ordinal) ? line[2..] : line;

    [GeneratedRegex("""^\s*#r\s+"nuget:\s*(?<name>[^,"]+?)\s*(,\s*(?<version>[^"]+?))?\s*"\s*$""", RegexOptions.CultureInvariant)]
    private static partial Regex NuGetReference();

    [GeneratedRegex("""^\s*#i\s+"nuget:\s*(?<source>[^"]+?)\s*"\s*$""", RegexOptions.CultureInvariant)]
    private static partial Regex NuGetSource();

    [GeneratedRegex("""^(?<indent>\s*)Console\.WriteLine\((?<expression>.*)\); // sftpi: the cell's value$""", RegexOptions.CultureInvariant)]
    private static partial Regex PrintedValue();

    [GeneratedRegex("""^#:package\s+(?<name>[^@\s]+)(@(?<version>\S+))?\s*$""", RegexOptions.CultureInvariant)]
    private static partial Regex Package();

    [GeneratedRegex("""^#:property\s+RestoreAdditionalProjectSources\s*=\s*(?<source>.+)$""", RegexOptions.CultureInvariant)]
    private static partial Regex SourceProperty();
}
