using SftpInteractive.Scripting;

namespace SftpInteractive.Scripting.Tests.Magics;

/// <summary><c>#!import</c> of each file kind: the C# cells run into the session, markdown is shown.</summary>
public sealed class ImportMagicTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sftpi-import");

    public void Dispose() => _folder.Delete(recursive: true);

    [Theory]
    [InlineData("lib.dib", "#!meta\n\n{\"kernelInfo\":{\"defaultKernelName\":\"csharp\",\"items\":[{\"aliases\":[],\"name\":\"csharp\"}]}}\n\n#!markdown\n\n# Library\n\n#!csharp\n\nvar imported = 40;\n\n#!csharp\n\nint Twice(int x) => x * 2;\n")]
    [InlineData("lib.ipynb", """{"cells":[{"cell_type":"markdown","metadata":{},"source":["# Library"]},{"cell_type":"code","execution_count":null,"metadata":{},"outputs":[],"source":["var imported = 40;"]},{"cell_type":"code","execution_count":null,"metadata":{},"outputs":[],"source":["int Twice(int x) => x * 2;"]}],"metadata":{},"nbformat":4,"nbformat_minor":5}""")]
    [InlineData("lib.csx", "var imported = 40;\nint Twice(int x) => x * 2;\n")]
    [InlineData("lib.cs", "// #!markdown\n// # Library\n\n// #!csharp\nvar imported = 40;\nint Twice(int x) => x * 2;\n")]
    public async Task Import_RunsCSharpCellsIntoTheSession(string name, string content)
    {
        await File.WriteAllTextAsync(Path.Combine(_folder.FullName, name), content, TestContext.Current.CancellationToken);
        await using var engine = new ScriptEngine(baseDirectory: _folder.FullName);
        var sink = new RecordingSink();
        var imported = await engine.ExecuteAsync("#!import " + name, sink, TestContext.Current.CancellationToken);
        Assert.IsType<SubmissionResult.Success>(imported);
        // The markdown cell is shown as text/markdown, as the engine shows an imported notebook's prose (.csx has none).
        Assert.Equal(name == "lib.csx" ? [] : ["# Library"], sink.Displays.Select(d => d.Value["text/markdown"]).ToList());
        var result = Assert.IsType<SubmissionResult.Success>(await engine.ExecuteAsync("imported + Twice(1)", new RecordingSink(), TestContext.Current.CancellationToken));
        Assert.Equal(42, result.Value);
    }

    [Fact]
    public async Task Import_MissingFile_OneLine()
    {
        await using var engine = new ScriptEngine(baseDirectory: _folder.FullName);
        var failure = Assert.IsType<SubmissionResult.Failure>(await engine.ExecuteAsync("#!import nope.ipynb", new RecordingSink(), TestContext.Current.CancellationToken));
        Assert.Equal("ImportFailed", failure.Name);
        Assert.Equal($"#!import {Path.Combine(_folder.FullName, "nope.ipynb")}: no such file", failure.Message);
    }

    [Fact]
    public async Task Import_FailingCell_ReportsItsError()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder.FullName, "bad.csx"), "var ok = 1;\nvar bad = missing;\n", TestContext.Current.CancellationToken);
        await using var engine = new ScriptEngine(baseDirectory: _folder.FullName);
        var failure = Assert.IsType<SubmissionResult.Failure>(await engine.ExecuteAsync("#!import bad.csx", new RecordingSink(), TestContext.Current.CancellationToken));
        Assert.Equal("CS0103", Assert.Single(failure.Diagnostics).Id);
    }
}
