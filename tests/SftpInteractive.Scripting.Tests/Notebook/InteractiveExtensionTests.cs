namespace SftpInteractive.Scripting.Tests.Notebook;

/// <summary>Packages that carry a .NET Interactive extension (interactive-extensions/dotnet) format their types in our
/// engine after <c>#r "nuget:"</c>, as in the engine: real packages from the NuGet source, restored in process.</summary>
[Collection(FormatterState.Name)]
public sealed class InteractiveExtensionTests
{
    private static async Task<(SubmissionResult.Success Result, RecordingSink Sink)> Run(ScriptEngine engine, string code)
    {
        var sink = new RecordingSink();
        var result = await engine.ExecuteAsync(code, sink, TestContext.Current.CancellationToken);
        Assert.True(result is SubmissionResult.Success, $"{result}");
        return ((SubmissionResult.Success)result, sink);
    }

    [Fact]
    public async Task DataFrame_AfterNuGetReference_HtmlTableWithPaging()
    {
        await using var engine = new ScriptEngine();

        var (_, restore) = await Run(engine, "#r \"nuget: Microsoft.Data.Analysis, 0.24.0\"");
        var (frame, _) = await Run(engine, "using Microsoft.Data.Analysis;\n" +
            "var df = new DataFrame(new PrimitiveDataFrameColumn<int>(\"n\", Enumerable.Range(0, 30)), " +
            "new StringDataFrameColumn(\"file\", Enumerable.Range(0, 30).Select(i => $\"wmr{i}.csv\")));\ndf");

        var status = Assert.Single(restore.Updates).Value.Text;
        Assert.Contains("Loaded the .NET Interactive extension Microsoft.Data.Analysis.Interactive.DataFrameKernelExtension.", status, StringComparison.Ordinal);
        // The engine assembly restored to run the extension is ours to need: its dependencies' notes are not the user's.
        Assert.DoesNotContain(" brings ", status, StringComparison.Ordinal);
        var html = frame.Rendered!.Html!;
        Assert.Contains("<th>file</th>", html, StringComparison.Ordinal);
        Assert.Contains("DataFrame - 30 rows", html, StringComparison.Ordinal);
        Assert.Contains("wmr29.csv", html, StringComparison.Ordinal);
        Assert.Contains("<button", html, StringComparison.Ordinal);

        // As in the engine, the extension's own helpers are visible to later cells.
        var (converted, _) = await Run(engine, "new[] { new { Size = 7L } }.ToTabularDataResource().ToDataFrame().Rows.Count");
        Assert.Equal(1L, converted.Value);

        // The engine's Kernel type is initialized now; its own displayed-value handler must not print updates again.
        var (_, update) = await Run(engine, "var d = display(1);\nd.Update(2);");
        Assert.Equal("2", Assert.Single(update.Updates).Value.Text);
        Assert.Equal(string.Empty, update.Out);
    }

    [Fact]
    public async Task EnginePackage_Restored_CompletionOfANewSessionStillWorks()
    {
        // The .NET Interactive engine (what an extension needs; here referenced directly, so the extensions' own tests
        // keep their first load) depends on Roslyn 5.0 with Visual Basic; if those were loadable, the next completion
        // workspace's MEF composition would load Visual Basic 5.0 beside our Roslyn and fail.
        await using (var first = new ScriptEngine())
        {
            _ = await Run(first, "#r \"nuget: Microsoft.DotNet.Interactive, 1.0.0-beta.26120.1\"");
        }

        await using var second = new ScriptEngine();
        const string code = "Console.WriteLi";
        var list = await second.CompleteAsync(code, code.Length, TestContext.Current.CancellationToken);
        Assert.Contains(list.Items, i => i.Text == "WriteLine");
    }

    [Fact]
    public async Task PlotlyChart_AfterNuGetReference_InteractiveHtml()
    {
        await using var engine = new ScriptEngine();

        var (_, restore) = await Run(engine, "#r \"nuget: Plotly.NET.Interactive, 6.0.0\"");
        var (chart, _) = await Run(engine, "Plotly.NET.Chart.Invisible()");

        Assert.Contains("Loaded the .NET Interactive extension Plotly.NET.Interactive.FormatterKernelExtension.",
            Assert.Single(restore.Updates).Value.Text, StringComparison.Ordinal);
        var html = chart.Rendered!.Html!;
        Assert.Contains("<div id=", html, StringComparison.Ordinal);
        Assert.Contains("plotly", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("newPlot", html, StringComparison.Ordinal);
    }
}
