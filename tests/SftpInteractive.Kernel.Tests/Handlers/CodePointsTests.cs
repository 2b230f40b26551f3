using SftpInteractive.Kernel.Handlers;

namespace SftpInteractive.Kernel.Tests.Handlers;

public sealed class CodePointsTests
{
    [Theory]
    [InlineData("abc", 2, 2)]
    [InlineData("😀x", 1, 2)]
    [InlineData("😀x", 2, 3)]
    [InlineData("ab", 10, 2)]
    public void ToUtf16_CountsSurrogatePairsAsOne(string text, int codePoints, int expected) =>
        Assert.Equal(expected, CodePoints.ToUtf16(text, codePoints));

    [Theory]
    [InlineData("abc", 3, 3)]
    [InlineData("😀x", 2, 1)]
    [InlineData("😀x", 3, 2)]
    public void FromUtf16_IsTheInverse(string text, int utf16, int expected) =>
        Assert.Equal(expected, CodePoints.FromUtf16(text, utf16));
}
