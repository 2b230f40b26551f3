using SftpInteractive.Testing;
using System.Text.Json.Nodes;
using SftpInteractive.Scripting;

namespace SftpInteractive.Scripting.Tests.Notebooks;

/// <summary>Reading and writing .ipynb, .dib, .csx and .cs, and what survives a round trip.</summary>
public sealed class NotebookFormatTests
{
    // Shaped as Polyglot Notebooks saves a notebook: kernelspec .net-csharp, polyglot_notebook kernel info, cell
    // metadata naming each cell's kernel, non-C# code cells opened by their magic line.
    private const string PolyglotIpynb = """
        {
         "cells": [
          {"cell_type": "markdown", "metadata": {}, "source": ["# Title\n", "\n", "Text."]},
          {"cell_type": "code", "execution_count": 1, "metadata": {"dotnet_interactive": {"language": "csharp"}, "polyglot_notebook": {"kernelName": "csharp"}},
           "outputs": [{"output_type": "execute_result", "execution_count": 1, "data": {"text/plain": "2"}, "metadata": {}}], "source": ["1+1"]},
          {"cell_type": "code", "execution_count": null, "metadata": {"dotnet_interactive": {"language": "html"}, "polyglot_notebook": {"kernelName": "html"}},
           "outputs": [], "source": ["#!html\n", "<b>hi</b>"]},
          {"cell_type": "code", "execution_count": null, "metadata": {"polyglot_notebook": {"kernelName": "fsharp"}}, "outputs": [], "source": ["let x = 1"]},
          {"cell_type": "code", "execution_count": null, "metadata": {"tags": ["parameters"]}, "outputs": [], "source": "var region = \"South\";"}
         ],
         "metadata": {
          "kernelspec": {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"},
          "language_info": {"name": "polyglot-notebook"},
          "polyglot_notebook": {"kernelInfo": {"defaultKernelName": "csharp", "items": [{"aliases": [], "name": "csharp"}]}}
         },
         "nbformat": 4,
         "nbformat_minor": 5
        }
        """;

    [Fact]
    public void Ipynb_Polyglot_CellsLanguagesTagsAndOutputs()
    {
        var document = NotebookFiles.Parse(PolyglotIpynb, NotebookFormat.Ipynb);
        Assert.Equal(["markdown", "csharp", "html", "fsharp", "csharp"], document.Cells.Select(c => c.Language));
        Assert.Equal("# Title\n\nText.", document.Cells[0].Source);
        Assert.Equal("<b>hi</b>", document.Cells[2].Source);
        Assert.Equal("#!html\n<b>hi</b>", document.Cells[2].ToSubmission());
        Assert.Equal("#!fsharp\nlet x = 1", document.Cells[3].ToSubmission());
        Assert.Null(document.Cells[0].ToSubmission());
        Assert.Equal(1, document.Cells[1].ExecutionCount);
        Assert.Equal("2", document.Cells[1].Outputs[0]["data"]!["text/plain"]!.GetValue<string>());
        Assert.Equal(["parameters"], document.Cells[4].Tags);
        Assert.Same(document.Cells[4], document.Tagged("parameters"));
    }

    [Fact]
    public void Ipynb_RoundTrip_KeepsWhatItRead()
    {
        var document = NotebookFiles.Parse(PolyglotIpynb, NotebookFormat.Ipynb);
        var written = NotebookFiles.Write(document, NotebookFormat.Ipynb);
        var json = JsonNode.Parse(written)!;
        Assert.Equal(".net-csharp", json["metadata"]!["kernelspec"]!["name"]!.GetValue<string>());
        Assert.Equal(4, json["nbformat"]!.GetValue<int>());
        var cells = json["cells"]!.AsArray();
        Assert.Equal("markdown", cells[0]!["cell_type"]!.GetValue<string>());
        Assert.Equal(["#!html\n", "<b>hi</b>"], cells[2]!["source"]!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.Equal("html", cells[2]!["metadata"]!["polyglot_notebook"]!["kernelName"]!.GetValue<string>());
        Assert.Equal("parameters", cells[4]!["metadata"]!["tags"]![0]!.GetValue<string>());
        Assert.All(cells, c => Assert.False(string.IsNullOrEmpty(c!["id"]?.GetValue<string>())));
        var again = NotebookFiles.Parse(written, NotebookFormat.Ipynb);
        Assert.Equal(document.Cells.Select(c => (c.Language, c.Source)), again.Cells.Select(c => (c.Language, c.Source)));
        Assert.Equal(written, NotebookFiles.Write(again, NotebookFormat.Ipynb));
    }

    [Fact]
    public void Ipynb_CodeCellOpenedByMarkdownMagic_StaysACodeCellThatShowsMarkdown()
    {
        const string json = """{"cells": [{"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": "#!markdown\n# Shown when run"}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}""";
        var cell = Assert.Single(NotebookFiles.Parse(json, NotebookFormat.Ipynb).Cells);
        Assert.True(cell.IsCode);
        Assert.Equal("#!markdown\n# Shown when run", cell.ToSubmission());
    }

    [Fact]
    public void Ipynb_Outputs_WrittenAsNbformatWrites()
    {
        var document = new NotebookDocument();
        var cell = new NotebookCell("csharp", "x");
        cell.Outputs.Add(new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = "a\nb\n" });
        cell.Outputs.Add(new JsonObject { ["output_type"] = "display_data", ["metadata"] = new JsonObject(), ["data"] = new JsonObject { ["text/plain"] = "1\n2", ["application/json"] = new JsonObject { ["z"] = 1, ["a"] = 2 } } });
        document.Cells.Add(cell);
        var outputs = JsonNode.Parse(NotebookFiles.Write(document, NotebookFormat.Ipynb))!["cells"]![0]!["outputs"]!;
        Assert.Equal("""[{"name":"stdout","output_type":"stream","text":["a\n","b\n"]},{"data":{"application/json":{"a":2,"z":1},"text/plain":["1\n","2"]},"metadata":{},"output_type":"display_data"}]""", outputs.ToJsonString());
    }

    [Fact]
    public void Ipynb_OurKernelsNotebook_CodeCellsAreCSharp()
    {
        var document = NotebookFiles.Load(Path.Combine(TestServer.RepoRoot, "notebooks", "01-connect-and-explore.ipynb"));
        Assert.Contains(document.Cells, c => c.IsMarkdown);
        Assert.All(document.Cells.Where(c => c.IsCode), c => Assert.Equal("csharp", c.Language));
        Assert.Equal("sftpinteractive", document.Metadata["kernelspec"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Dib_ReadsMetaAndCells_OtherMagicsStayInTheirCell()
    {
        const string dib = "#!meta\n\n{\"kernelInfo\":{\"defaultKernelName\":\"csharp\",\"items\":[{\"aliases\":[],\"name\":\"csharp\"},{\"aliases\":[],\"name\":\"markdown\"}]}}\n\n#!markdown\n\n# Title\n\n#!csharp\n\n#!time\nvar x = 1;\n\n#!c#\n\nx\n\n#!mermaid\n\ngraph TD;\n";
        var document = NotebookFiles.Parse(dib, NotebookFormat.Dib);
        Assert.Equal(["markdown", "csharp", "csharp", "mermaid"], document.Cells.Select(c => c.Language));
        Assert.Equal("#!time\nvar x = 1;", document.Cells[1].Source);
        Assert.Equal("csharp", document.Metadata["polyglot_notebook"]!["kernelInfo"]!["defaultKernelName"]!.GetValue<string>());
        Assert.Equal(dib.Replace("#!c#", "#!csharp", StringComparison.Ordinal), NotebookFiles.Write(document, NotebookFormat.Dib));
    }

    [Fact]
    public void Dib_TutorialNotebook_Reads()
    {
        var document = NotebookFiles.Load(Path.Combine(TestServer.RepoRoot, "notebooks", "01-connect-and-explore.dib"));
        Assert.Contains(document.Cells, c => c.IsMarkdown);
        Assert.Contains(document.Cells, c => c.Language == "csharp");
    }

    [Fact]
    public void Csx_SplitAsPipedInput_CommentsJoinTheirCode_MagicBlocksAreCells()
    {
        const string csx = "// Connect first\nvar s = 1;\nif (s > 0)\n{\n    s++;\n}\n\n#!markdown\n# Notes\n\nmore\n#!csharp\ns\n";
        var document = NotebookFiles.Parse(csx, NotebookFormat.Csx);
        Assert.Equal(["csharp", "csharp", "markdown", "csharp"], document.Cells.Select(c => c.Language));
        Assert.Equal("// Connect first\nvar s = 1;", document.Cells[0].Source);
        Assert.Equal("if (s > 0)\n{\n    s++;\n}", document.Cells[1].Source);
        Assert.Equal("# Notes\n\nmore", document.Cells[2].Source);
        Assert.Equal("s", document.Cells[3].Source);
        var written = NotebookFiles.Write(document, NotebookFormat.Csx);
        Assert.Equal("// Connect first\nvar s = 1;\n\nif (s > 0)\n{\n    s++;\n}\n\n#!markdown\n# Notes\n\nmore\n\n#!csharp\ns\n", written);
        Assert.Equal(document.Cells.Select(c => (c.Language, c.Source)), NotebookFiles.Parse(written, NotebookFormat.Csx).Cells.Select(c => (c.Language, c.Source)));
    }

    [Fact]
    public void FileApp_PackagesBecomeDirectives_MarkdownComments_RoundTrip()
    {
        var document = new NotebookDocument();
        document.Cells.Add(new NotebookCell("csharp", "#r \"nuget: Humanizer, 2.14.1\"\n#r \"nuget: Newtonsoft.Json\"\n#i \"nuget: https://example.org/v3/index.json\""));
        document.Cells.Add(new NotebookCell("markdown", "# Title\n\nText."));
        document.Cells.Add(new NotebookCell("csharp", "#!time\nvar x = 1;\nConsole.WriteLine(x);"));
        var written = NotebookFiles.Write(document, NotebookFormat.FileApp);
        Assert.Equal(
            "#:package Humanizer@2.14.1\n#:package Newtonsoft.Json@*\n#:property RestoreAdditionalProjectSources=https://example.org/v3/index.json\n\n"
            + "// #!csharp\n\n// #!markdown\n// # Title\n//\n// Text.\n\n// #!csharp\n//#!time\nvar x = 1;\nConsole.WriteLine(x);\n",
            written);
        var back = NotebookFiles.Parse(written, NotebookFormat.FileApp);
        Assert.Equal(document.Cells.Select(c => (c.Language, c.Source)), back.Cells.Select(c => (c.Language, c.Source)));
    }

    [Fact]
    public void FileApp_CellValue_PrintedAsAProgramMust_AndReadBack()
    {
        var document = new NotebookDocument();
        document.Cells.Add(new NotebookCell("csharp", "var x = 6;\n  x * 7"));
        document.Cells.Add(new NotebookCell("csharp", "var y = 1; y"));
        document.Cells.Add(new NotebookCell("csharp", "new[] { 1,\n 2 }"));
        var written = NotebookFiles.Write(document, NotebookFormat.FileApp);
        Assert.Contains("var x = 6;\n  Console.WriteLine(x * 7); // sftpi: the cell's value\n", written, StringComparison.Ordinal);
        Assert.Contains("var y = 1; y\n", written, StringComparison.Ordinal); // not at a line's start: left as is
        var back = NotebookFiles.Parse(written, NotebookFormat.FileApp);
        Assert.Equal(document.Cells.Select(c => c.Source), back.Cells.Select(c => c.Source));
    }

    [Fact]
    public void FileApp_WithoutMarkers_SplitLikeCsx_ShebangDropped()
    {
        var document = NotebookFiles.Parse("#!/usr/bin/env dotnet\n#:package Humanizer@2.14.1\n#:sdk Microsoft.NET.Sdk\nConsole.WriteLine(1);\nConsole.WriteLine(2);\n", NotebookFormat.FileApp);
        Assert.Equal(["#r \"nuget: Humanizer, 2.14.1\"\nConsole.WriteLine(1);", "Console.WriteLine(2);"], document.Cells.Select(c => c.Source));
    }

    [Theory]
    [InlineData("nb.ipynb", NotebookFormat.Ipynb)]
    [InlineData("nb.IPYNB", NotebookFormat.Ipynb)]
    [InlineData("nb.dib", NotebookFormat.Dib)]
    [InlineData("a.csx", NotebookFormat.Csx)]
    [InlineData("app.cs", NotebookFormat.FileApp)]
    public void FormatOf_Extension(string path, NotebookFormat format) => Assert.Equal(format, NotebookFiles.FormatOf(path));

    [Fact]
    public void BadFiles_OneLineNamingTheFile()
    {
        var folder = Directory.CreateTempSubdirectory("sftpi-badfiles").FullName;
        try
        {
            var missing = Path.Combine(folder, "missing.ipynb");
            Assert.Equal($"{missing}: no such file", Assert.Throws<NotebookFileException>(() => NotebookFiles.Load(missing)).Message);
            Assert.Equal("notes.txt: unknown extension .txt; expected .ipynb, .dib, .csx or .cs",
                Assert.Throws<NotebookFileException>(() => NotebookFiles.FormatOf("notes.txt")).Message);
            var broken = Path.Combine(folder, "broken.ipynb");
            File.WriteAllText(broken, "{\"cells\": [");
            Assert.StartsWith($"{broken}: not valid JSON (", Assert.Throws<NotebookFileException>(() => NotebookFiles.Load(broken)).Message, StringComparison.Ordinal);
            var other = Path.Combine(folder, "other.ipynb");
            File.WriteAllText(other, "{\"worksheets\": []}");
            Assert.Equal($"{other}: not a Jupyter notebook: no \"cells\" list (nbformat 4 is read)", Assert.Throws<NotebookFileException>(() => NotebookFiles.Load(other)).Message);
            var badMeta = Path.Combine(folder, "bad.dib");
            File.WriteAllText(badMeta, "#!meta\n{oops\n#!csharp\n1");
            Assert.StartsWith($"{badMeta}: its #!meta is not valid JSON", Assert.Throws<NotebookFileException>(() => NotebookFiles.Load(badMeta)).Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
