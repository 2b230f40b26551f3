using System.Text.Json.Nodes;
using SftpInteractive.Testing;

namespace SftpInteractive.Repl.Tests;

/// <summary><c>sftpi run</c> as a user runs it: the built sftpi (not the packed tool: the only packed-tool test packs
/// and installs once for itself), in a folder with the test server's .env.</summary>
public sealed class RunCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("sftpi-run-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private const string Report = """
        {
         "cells": [
          {"cell_type": "markdown", "metadata": {}, "source": ["# Regional report"]},
          {"cell_type": "code", "execution_count": null, "metadata": {"tags": ["parameters"]}, "outputs": [], "source": ["var region = \"South\";\n", "var limit = 3;"]},
          {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": ["var s = Connect();\n", "var entries = s.Ls($\"/data/WMR_Spots/{region}\");\n", "Console.WriteLine($\"{region}: {entries.Count} entries, limit {limit}\");"]},
          {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": ["#!time\n", "entries"]},
          {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": ["#!html\n", "<b>done</b>"]}
         ],
         "metadata": {"kernelspec": {"display_name": "C# (SftpInteractive)", "language": "csharp", "name": "sftpinteractive"}},
         "nbformat": 4,
         "nbformat_minor": 5
        }
        """;

    // nbformat's multi-line strings: one string, or its lines.
    private static string Text(JsonNode node) =>
        node is JsonArray lines ? string.Concat(lines.Select(l => l!.GetValue<string>())) : node.GetValue<string>();

    private Task<(int Code, string Out, string Err)> Sftpi(params string[] arguments) =>
        Tool.RunPipedIn(_root, null, Tool.Executable, string.Empty, arguments);

    [Fact]
    public async Task Run_NotebookWithParameters_ConnectsListsAndWritesTheExecutedNotebook()
    {
        var server = TestServer.Require("password");
        File.Copy(server.EnvFile("password"), Path.Combine(_root, ".env"));
        await File.WriteAllTextAsync(Path.Combine(_root, "nb.ipynb"), Report, TestContext.Current.CancellationToken);

        var (code, output, errors) = await Sftpi("run", "nb.ipynb", "-p", "region=North", "-p", "limit=5", "--output", "out.ipynb");

        Assert.True(code == 0, errors);
        Assert.Contains("North: 2 entries, limit 5", output, StringComparison.Ordinal);
        Assert.Contains("history/", output, StringComparison.Ordinal);
        Assert.DoesNotContain(server.EnvValue("password", "SFTP_PASSWORD"), output + errors, StringComparison.Ordinal);
        var executed = await File.ReadAllTextAsync(Path.Combine(_root, "out.ipynb"), TestContext.Current.CancellationToken);
        Assert.DoesNotContain(server.EnvValue("password", "SFTP_PASSWORD"), executed, StringComparison.Ordinal);
        var cells = JsonNode.Parse(executed)!["cells"]!.AsArray();
        Assert.Equal(6, cells.Count);
        var injected = cells[2]!;
        Assert.Equal("injected-parameters", injected["metadata"]!["tags"]![0]!.GetValue<string>());
        Assert.Equal("var region = \"North\";\nvar limit = 5;", string.Concat(injected["source"]!.AsArray().Select(l => l!.GetValue<string>())));
        Assert.Equal([1, 2, 3, 4, 5], cells.Skip(1).Select(c => c!["execution_count"]!.GetValue<int>()));
        var stream = Assert.Single(cells[3]!["outputs"]!.AsArray())!;
        Assert.Equal("North: 2 entries, limit 5\n", Text(stream["text"]!));
        var timed = cells[4]!["outputs"]!.AsArray();
        Assert.StartsWith("Wall time: ", Text(timed[0]!["data"]!["text/plain"]!), StringComparison.Ordinal);
        Assert.Equal("execute_result", timed[1]!["output_type"]!.GetValue<string>());
        Assert.Contains("stations/", Text(timed[1]!["data"]!["text/html"]!), StringComparison.Ordinal); // the listing's own table
        Assert.Equal("<b>done</b>", Text(cells[5]!["outputs"]![0]!["data"]!["text/html"]!));
    }

    [Fact]
    public async Task Run_Explore_WithoutAWidgetFrontEnd_ShowsTheFoldersTableAndSaysWhy()
    {
        var server = TestServer.Require("password");
        File.Copy(server.EnvFile("password"), Path.Combine(_root, ".env"));
        await File.WriteAllTextAsync(Path.Combine(_root, "explore.dib"),
            "#!csharp\n\nConnect();\n\n#!csharp\n\nExplore(\"/data/WMR_Spots\")\n", TestContext.Current.CancellationToken);

        var (code, output, errors) = await Sftpi("run", "explore.dib", "--output", "out.ipynb");

        Assert.True(code == 0, errors);
        Assert.Contains("Explore needs a front end with Jupyter widgets (JupyterLab 4, Notebook 7, VS Code); here is /data/WMR_Spots as a table:", output, StringComparison.Ordinal);
        Assert.Contains("North/", output, StringComparison.Ordinal);
        var cells = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_root, "out.ipynb"), TestContext.Current.CancellationToken))!["cells"]!.AsArray();
        var data = cells[1]!["outputs"]![0]!["data"]!;
        Assert.Contains("Explore needs a front end with Jupyter widgets", Text(data["text/html"]!), StringComparison.Ordinal);
        Assert.Contains("North/", Text(data["text/html"]!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_FailingCell_ExitCodeOne_StopsThere_ErrorInTheOutput()
    {
        await File.WriteAllTextAsync(Path.Combine(_root, "bad.dib"), "#!csharp\n\nvar a = 1;\n\n#!csharp\n\nvar b = nope;\n\n#!csharp\n\nConsole.WriteLine(\"not reached\");\n", TestContext.Current.CancellationToken);

        var (code, output, errors) = await Sftpi("run", "bad.dib", "--output", "out.ipynb");

        Assert.Equal(1, code);
        Assert.DoesNotContain("not reached", output, StringComparison.Ordinal);
        Assert.Contains("Cell 2 failed: (1,9): error CS0103: The name 'nope' does not exist in the current context", errors, StringComparison.Ordinal);
        var cells = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_root, "out.ipynb"), TestContext.Current.CancellationToken))!["cells"]!.AsArray();
        Assert.Equal("CS0103", cells[1]!["outputs"]![0]!["ename"]!.GetValue<string>());
        Assert.Empty(cells[2]!["outputs"]!.AsArray());
    }

    [Fact]
    public async Task Run_AllowErrors_RunsTheRest_StillExitCodeOne()
    {
        await File.WriteAllTextAsync(Path.Combine(_root, "script.csx"), "var b = nope;\n#!fsharp\nlet x = 1\n#!csharp\nConsole.WriteLine(\"reached\");\n", TestContext.Current.CancellationToken);

        var (code, output, errors) = await Sftpi("run", "script.csx", "--allow-errors", "--no-connect");

        Assert.Equal(1, code);
        Assert.Contains("reached", output, StringComparison.Ordinal);
        Assert.Contains("#!fsharp is not supported: F# cells do not run in this C# kernel", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("CS1024", errors, StringComparison.Ordinal); // never a compiler error about '#'
    }

    [Theory]
    [InlineData("missing.ipynb", "sftpi run: missing.ipynb: no such file")]
    [InlineData("notes.txt", "sftpi run: notes.txt: unknown extension .txt; expected .ipynb, .dib, .csx or .cs")]
    [InlineData("broken.ipynb", "sftpi run: broken.ipynb: not valid JSON (")]
    public async Task Run_BadFile_OneLine_ExitCodeTwo(string file, string message)
    {
        await File.WriteAllTextAsync(Path.Combine(_root, "notes.txt"), "hello", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(_root, "broken.ipynb"), "{\"cells\": [", TestContext.Current.CancellationToken);

        var (code, output, errors) = await Sftpi("run", file);

        Assert.Equal(2, code);
        Assert.StartsWith(message, errors, StringComparison.Ordinal);
        Assert.Single(errors.Trim().Split('\n'));
        Assert.Empty(output);
    }

    [Fact]
    public async Task Run_BadParameter_OneLine_ExitCodeTwo()
    {
        await File.WriteAllTextAsync(Path.Combine(_root, "a.csx"), "1", TestContext.Current.CancellationToken);

        var (code, _, errors) = await Sftpi("run", "a.csx", "-p", "novalue");

        Assert.Equal(2, code);
        Assert.Equal("sftpi run: -p novalue: expected name=value", errors.Trim());
    }
}
