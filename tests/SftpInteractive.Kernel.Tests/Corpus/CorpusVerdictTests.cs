using System.Text.Json.Nodes;

namespace SftpInteractive.Kernel.Tests.Corpus;

/// <summary>The corpus test's rules, without kernels: what passes, what fails, and that the corpus, its documented
/// differences and the engine's recorded results agree with each other.</summary>
public sealed class CorpusVerdictTests
{
    private const string Magics = "04-math-and-magics.ipynb";
    private const string Formatting = "02-formatting.ipynb";

    [Fact]
    public void Unsupported_CompilerErrorAboutTheMagic_IsAProblem()
    {
        var problems = CorpusVerdict.Problems(Magics, 14, "#!fsharp", CellOutcome.Ok("text/html"), CellOutcome.Failed("CS1003: (2,17): Syntax error, ']' expected"));

        Assert.Contains(problems, p => p.Contains("compiler error", StringComparison.Ordinal));
    }

    [Fact]
    public void Unsupported_OneLineNamingTheMagic_Passes() =>
        Assert.Empty(CorpusVerdict.Problems(Magics, 14, "#!fsharp", CellOutcome.Ok("text/html"),
            CellOutcome.Failed("#!fsharp: this kernel runs C# only; F# cells need the .NET Interactive engine.")));

    [Fact]
    public void Unsupported_RunningAsCSharp_IsAProblem() =>
        Assert.Contains(CorpusVerdict.Problems(Magics, 15, "#!pwsh", CellOutcome.Ok("stream:stdout"), CellOutcome.Ok("text/plain")),
            p => p.Contains("cannot run #!pwsh", StringComparison.Ordinal));

    [Fact]
    public void Unsupported_ErrorWithMoreOutput_IsAProblem() =>
        Assert.Contains(CorpusVerdict.Problems(Magics, 16, "#!value --name notes", CellOutcome.Ok("text/plain"),
            CellOutcome.Failed("#!value is not supported", "stream:stderr")), p => p.Contains("one clear error only", StringComparison.Ordinal));

    [Fact]
    public void RunsInEngineFailsInOurs_IsAProblem() =>
        Assert.Contains(CorpusVerdict.Problems(Formatting, 7, "Formatter.Register<Person>(", CellOutcome.Ok("text/html"),
            CellOutcome.Failed("CS0103: The name 'Formatter' does not exist")), p => p.StartsWith("runs in the engine", StringComparison.Ordinal));

    [Fact]
    public void TextPlainBesideEnginesHtml_Passes() =>
        Assert.Empty(CorpusVerdict.Problems(Formatting, 1, "new { Name = \"Grace\"", CellOutcome.Ok("text/html"), CellOutcome.Ok("text/html,text/plain")));

    [Fact]
    public void HtmlBesideEnginesPlainText_IsAProblem() =>
        Assert.Contains(CorpusVerdict.Problems(Formatting, 9, "people[2]", CellOutcome.Ok("text/plain"), CellOutcome.Ok("text/html,text/plain")),
            p => p.StartsWith("outputs differ", StringComparison.Ordinal));

    [Fact]
    public void TimeWithoutItsWallTimeOutput_IsAProblem() =>
        Assert.NotEmpty(CorpusVerdict.Problems(Magics, 3, "#!time", CellOutcome.Ok("text/html", "text/plain"), CellOutcome.Ok("text/html,text/plain")));

    [Fact]
    public void TimeWithItsWallTimeOutput_Passes() =>
        Assert.Empty(CorpusVerdict.Problems(Magics, 3, "#!time", CellOutcome.Ok("text/html", "text/plain"), CellOutcome.Ok("text/html,text/plain", "text/plain")));

    [Fact]
    public void TextPlainWhereEngineShowsNothing_IsAProblem() =>
        Assert.NotEmpty(CorpusVerdict.Problems(Magics, 6, "var answer = 42;", CellOutcome.Ok(), CellOutcome.Ok("text/plain")));

    [Fact]
    public void EnginesCompilerWarningOnStderr_IsLeftOut()
    {
        var engine = CellOutcome.Ok("stream:stderr", "text/html") with { Stderr = "warning CS1701: Assuming assembly reference" };
        Assert.NotEmpty(CorpusVerdict.Problems("03-html-and-pocketview.ipynb", 2, "display(HTML(", engine with { Stderr = "an error of its own" }, CellOutcome.Ok("text/html")));

        Assert.Empty(CorpusVerdict.Problems("03-html-and-pocketview.ipynb", 2, "display(HTML(", engine, CellOutcome.Ok("text/html,text/plain")));
    }

    [Fact]
    public void EngineUpdatedInPlaceOursDidNot_IsAProblem() =>
        Assert.Contains(CorpusVerdict.Problems("01-displaying-output.ipynb", 4, "var steps", CellOutcome.Ok("text/plain") with { Updates = 4 }, CellOutcome.Ok("text/plain")),
            p => p.Contains("update_display_data", StringComparison.Ordinal));

    [Fact]
    public void ListedCellWhereTheEngineFails_MustRunInOurs()
    {
        var engine = CellOutcome.Failed("Error: compilation error");

        Assert.Contains(CorpusVerdict.Problems("05-full-csharp.ipynb", 3, "namespace Corpus.Geometry", engine, CellOutcome.Failed("CS7021: Cannot declare namespace in script code")),
            p => p.StartsWith("must run", StringComparison.Ordinal));
        Assert.Empty(CorpusVerdict.Problems("05-full-csharp.ipynb", 3, "namespace Corpus.Geometry", engine, CellOutcome.Ok()));
    }

    [Fact]
    public void PreDumpWhereTheEngineShowsATable_IsAProblem()
    {
        var engine = CellOutcome.Ok("text/html") with { HtmlFeatures = ["table"] };

        Assert.Contains(CorpusVerdict.Problems("06-packages.ipynb", 2, "using Microsoft.Data.Analysis;", engine, CellOutcome.Ok("text/html,text/plain")),
            p => p.Contains("table view", StringComparison.Ordinal));
        Assert.Empty(CorpusVerdict.Problems("06-packages.ipynb", 2, "using Microsoft.Data.Analysis;", engine, CellOutcome.Ok("text/html,text/plain") with { HtmlFeatures = ["table"] }));
    }

    [Fact]
    public void ChartWithoutPlotly_IsAProblem() =>
        Assert.Contains(CorpusVerdict.Problems("06-packages.ipynb", 7, "using Plotly.NET.CSharp;", CellOutcome.Failed("FileNotFoundException"), CellOutcome.Ok("text/html,text/plain")),
            p => p.Contains("plotly", StringComparison.Ordinal));

    [Fact]
    public void FailsInBoth_Passes() =>
        Assert.Empty(CorpusVerdict.Problems("05-full-csharp.ipynb", 10, "int broken = \"not a number\";", CellOutcome.Failed("Error: compilation error"), CellOutcome.Failed("CS0029")));

    [Fact]
    public void DocumentedDifferences_NameCellsOfTheCorpusWithAReason()
    {
        var cells = CorpusNotebooks.CodeCells();

        Assert.All(CorpusDifferences.Cells, d =>
        {
            Assert.Contains(cells, c => c.Notebook == d.Notebook && c.Index == d.Cell && c.FirstLine.StartsWith(d.FirstLine, StringComparison.Ordinal));
            Assert.True(d.Reason.Length > 40, $"{d.Notebook} cell {d.Cell}: say why");
            Assert.True(d.Ours == CorpusDifference.Expect.Unsupported || d.Alternatives.Count > 0, $"{d.Notebook} cell {d.Cell}: say what ours shows");
        });
    }

    [Fact]
    public void RecordedEngineResults_CoverEveryCodeCellOfTheCorpus()
    {
        var recorded = JsonNode.Parse(File.ReadAllText(CorpusNotebooks.RecordedEngineResults))!;
        var byCell = recorded["cells"]!.AsArray().ToDictionary(c => (c!["notebook"]!.GetValue<string>(), c["cell"]!.GetValue<int>()), c => c!["id"]!.GetValue<string>());

        Assert.StartsWith("Microsoft.dotnet-interactive 1.0.", recorded["engine"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.All(CorpusNotebooks.CodeCells(), c => Assert.True(byCell.TryGetValue((c.Notebook, c.Index), out var id) && id == c.Id,
            $"engine-results.json has no result for {c.Notebook} cell {c.Index} as it is now: re-record with python/polyglot_corpus.py --only engine --record"));
    }

    [Fact]
    public void CorpusNotebooks_AreSavedAsPolyglotSavesThem()
    {
        foreach (var path in Directory.GetFiles(CorpusNotebooks.Folder, "*.ipynb", SearchOption.AllDirectories))
        {
            var nb = JsonNode.Parse(File.ReadAllText(path))!;
            Assert.Equal(".net-csharp", nb["metadata"]!["kernelspec"]!["name"]!.GetValue<string>());
            Assert.Equal("polyglot-notebook", nb["metadata"]!["language_info"]!["name"]!.GetValue<string>());
            foreach (var cell in nb["cells"]!.AsArray().Where(c => c!["cell_type"]!.GetValue<string>() == "code"))
            {
                var kernel = cell!["metadata"]!["polyglot_notebook"]!["kernelName"]!.GetValue<string>();
                Assert.Equal(kernel, cell["metadata"]!["dotnet_interactive"]!["language"]!.GetValue<string>());
                var source = Client.Notebooks.Text(cell["source"]!);
                Assert.True(kernel == "csharp" || source.StartsWith("#!" + kernel, StringComparison.Ordinal), $"{Path.GetFileName(path)}: a {kernel} cell must start with #!{kernel}");
                Assert.Empty(cell["outputs"]!.AsArray());
            }
        }
    }
}
