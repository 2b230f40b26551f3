using SftpInteractive.Kernel.Handlers;

namespace SftpInteractive.Kernel.Tests.Handlers;

public sealed class SyntaxCheckTests
{
    [Theory]
    [InlineData("1 + 1", true, "complete")]
    [InlineData("var = ;", true, "invalid")]
    [InlineData("if (x) {", false, "incomplete")]
    public void Classify_CombinesEngineAnswerAndParser(string code, bool engineSaysComplete, string expected) =>
        Assert.Equal(expected, SyntaxCheck.Classify(code, engineSaysComplete).Status);

    [Fact]
    public void Classify_NestedOpenBraces_IndentsPerLevel() =>
        Assert.Equal(new string(' ', 8), SyntaxCheck.Classify("class C {\n void M() {", false).Indent);
}
