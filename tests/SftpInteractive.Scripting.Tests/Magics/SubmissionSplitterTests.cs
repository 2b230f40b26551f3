using SftpInteractive.Scripting;

namespace SftpInteractive.Scripting.Tests.Magics;

/// <summary>How piped scripts and .csx files split at magic lines.</summary>
public sealed class SubmissionSplitterTests
{
    private static string[] Split(string script) => [.. SubmissionSplitter.Split(script, ScriptEngine.IsCompleteCSharp)];

    [Fact]
    public void Split_PlainCSharp_OneSubmissionPerCompleteStatement() =>
        Assert.Equal(["var a = 1;", "if (a > 0)\n{\n}", "a"], Split("var a = 1;\nif (a > 0)\n{\n}\n\na\n"));

    [Fact]
    public void Split_MarkdownBlock_RunsToTheNextMagic() =>
        Assert.Equal(["var a = 1;", "#!markdown\n# Title\n\ntext", "#!csharp\na"], Split("var a = 1;\n#!markdown\n# Title\n\ntext\n#!csharp\na\n"));

    [Fact]
    public void Split_TimeJoinsTheCodeAfterIt() =>
        Assert.Equal(["#!time\nfor (var i = 0; i < 3; i++)\n{\n}", "1"], Split("#!time\nfor (var i = 0; i < 3; i++)\n{\n}\n1\n"));

    [Fact]
    public void Split_ActionAlone_IsASubmission() =>
        Assert.Equal(["var a = 1;", "#!whos", "a"], Split("var a = 1;\n#!whos\na\n"));

    [Fact]
    public void Split_ForeignBlock_EndsAtTheNextMagic() =>
        Assert.Equal(["#!fsharp\nlet x = 1\nlet y = 2", "#!csharp\n1"], Split("#!fsharp\nlet x = 1\nlet y = 2\n#!csharp\n1\n"));

    [Fact]
    public void Split_ScriptRunsInTheEngine()
    {
        var submissions = Split("var a = 20;\n#!markdown\nnotes\n#!csharp\n#!time\na * 2 + 2\n");
        Assert.Equal(["var a = 20;", "#!markdown\nnotes", "#!csharp\n#!time\na * 2 + 2"], submissions);
    }
}
