namespace SftpInteractive.Repl.Tests;

/// <summary>The built sftpi with stdin piped in (not a terminal): runs the script, exits non-zero on the first error.</summary>
public sealed class ProcessTests
{
    [Fact]
    public async Task Piped_Script_PrintsResultExitsZero()
    {
        var (code, output, errors) = await Tool.RunPiped(Tool.Executable, "6*7\n", "--no-connect");
        Assert.True(code == 0, errors);
        Assert.Equal("42", output.Trim());
    }

    [Fact]
    public async Task Piped_Script_FirstErrorExitsNonZero()
    {
        var (code, output, errors) = await Tool.RunPiped(Tool.Executable, "1+1\nthrow new Exception(\"stop here\");\nConsole.WriteLine(\"after\");\n", "--no-connect");
        Assert.Equal(1, code);
        Assert.Contains("stop here", errors);
        Assert.DoesNotContain("after", output);
    }
}
