using System.Text.Json.Nodes;
using SftpInteractive.Testing;

namespace SftpInteractive.Repl.Tests;

/// <summary><c>sftpi convert</c> as a user runs it (the built sftpi).</summary>
public sealed class ConvertCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("sftpi-convert-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private Task<(int Code, string Out, string Err)> Sftpi(params string[] arguments) =>
        Tool.RunPipedIn(_root, null, Tool.Executable, string.Empty, arguments);

    private string Read(string name) => File.ReadAllText(Path.Combine(_root, name));

    [Fact]
    public async Task Convert_Dib_ToIpynbCsxAndCs_AndBack()
    {
        File.Copy(Path.Combine(TestServer.RepoRoot, "notebooks", "01-connect-and-explore.dib"), Path.Combine(_root, "walk.dib"));

        Assert.Equal(0, (await Sftpi("convert", "walk.dib", "walk.ipynb")).Code);
        Assert.Equal(0, (await Sftpi("convert", "walk.ipynb", "again.dib")).Code);
        Assert.Equal(Read("walk.dib").ReplaceLineEndings("\n").TrimEnd(), Read("again.dib").TrimEnd()); // lossless through .ipynb

        var notebook = JsonNode.Parse(Read("walk.ipynb"))!;
        Assert.Equal("sftpinteractive", notebook["metadata"]!["kernelspec"]!["name"]!.GetValue<string>());
        Assert.Contains(notebook["cells"]!.AsArray(), c => c!["cell_type"]!.GetValue<string>() == "markdown");

        var (code, output, errors) = await Sftpi("convert", "walk.ipynb", "walk.cs");
        Assert.True(code == 0, errors);
        Assert.Equal("Wrote walk.cs (", output[..15]);
        var app = Read("walk.cs");
        Assert.StartsWith("#:package SftpInteractive.Interactive@", app, StringComparison.Ordinal);
        Assert.DoesNotContain("#r \"nuget:", app, StringComparison.Ordinal);
        Assert.Contains("// #!markdown", app, StringComparison.Ordinal);

        Assert.Equal(0, (await Sftpi("convert", "walk.cs", "back.dib")).Code);
        Assert.Equal(Read("walk.dib").ReplaceLineEndings("\n").TrimEnd(), Read("back.dib").TrimEnd()); // and through the .cs

        Assert.Equal(0, (await Sftpi("convert", "walk.dib", "walk.txt", "--to", "csx")).Code);
        Assert.Contains("#!markdown", Read("walk.txt"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing.dib", "out.ipynb", "sftpi convert: missing.dib: no such file")]
    [InlineData("in.csx", "out.docx", "sftpi convert: out.docx: unknown extension .docx; expected .ipynb, .dib, .csx or .cs")]
    public async Task Convert_BadFiles_OneLine_ExitCodeTwo(string input, string output, string message)
    {
        await File.WriteAllTextAsync(Path.Combine(_root, "in.csx"), "1", TestContext.Current.CancellationToken);

        var (code, _, errors) = await Sftpi("convert", input, output);

        Assert.Equal(2, code);
        Assert.Equal(message, errors.Trim());
    }
}
