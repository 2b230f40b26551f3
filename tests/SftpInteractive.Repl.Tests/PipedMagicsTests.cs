namespace SftpInteractive.Repl.Tests;

/// <summary>Magics in a piped script (the built sftpi, stdin not a terminal): split and run as in a notebook.</summary>
public sealed class PipedMagicsTests
{
    [Fact]
    public async Task Piped_MagicsRun_ForeignMagicStopsWithOneLine()
    {
        const string script = "var n = 20;\n#!markdown\n# Notes\n\nmore notes\n#!csharp\n#!time\nn * 2 + 2\n#!who\n#!pwsh\nGet-Date\n#!csharp\nConsole.WriteLine(\"not reached\");\n";

        var (code, output, errors) = await Tool.RunPiped(Tool.Executable, script, "--no-connect");

        Assert.Equal(1, code);
        Assert.Contains("# Notes\n\nmore notes\n", output, StringComparison.Ordinal);
        Assert.Matches(@"Wall time: \d+(\.\d+)?ms\n42\n", output);
        Assert.Contains("\nn\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("not reached", output, StringComparison.Ordinal);
        Assert.Contains("#!pwsh is not supported: PowerShell cells do not run here", errors.Replace("\n", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("CS1024", errors, StringComparison.Ordinal);
    }
}
