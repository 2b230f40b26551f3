namespace SftpInteractive.Tests.Display;

public sealed class LocalPathsTests
{
    [Theory]
    [InlineData("/work/nb/downloads/a.csv", "./downloads/a.csv")]
    [InlineData("/work/nb", ".")]
    [InlineData("/home/me/.ssh/known_hosts", "~/.ssh/known_hosts")]
    [InlineData("/home/me", "~")]
    [InlineData("/work/nbx/a.csv", "/work/nbx/a.csv")]
    [InlineData("/etc/ssh/ssh_known_hosts", "/etc/ssh/ssh_known_hosts")]
    [InlineData("relative/a.csv", "relative/a.csv")]
    [InlineData("", "")]
    public void Display_BelowWorkingDirectoryOrHome_IsShortened(string path, string expected) =>
        Assert.Equal(expected, LocalPaths.Display(path, "/work/nb", "/home/me"));

    [Fact]
    public void Display_WorkingDirectoryIsTheRoot_KeepsFullPaths() =>
        Assert.Equal("/etc/passwd", LocalPaths.Display("/etc/passwd", "/", "/"));

    [Fact]
    public void Display_WorkingDirectoryInsideHome_PrefersTheWorkingDirectory()
    {
        Assert.Equal("./out/a.csv", LocalPaths.Display("/home/me/nb/out/a.csv", "/home/me/nb", "/home/me"));
        Assert.Equal("~/other/a.csv", LocalPaths.Display("/home/me/other/a.csv", "/home/me/nb", "/home/me"));
    }
}
