namespace SftpInteractive.Tests.Transfer;

public sealed class LocalPathGuardTests
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "sftpi-guard-root");

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("..\\x")]
    [InlineData("a\0b")]
    [InlineData("/etc/passwd")]
    [InlineData("C:\\x")]
    public void CheckName_UnsafeName_IsRefused(string name) =>
        Assert.Throws<SftpTransferException>(() => LocalPathGuard.CheckName(name, "/remote/" + name));

    [Theory]
    [InlineData("wmr1006.csv")]
    [InlineData("..hidden")]
    [InlineData("a..b")]
    [InlineData(".bashrc")]
    public void CheckName_PlainName_IsAccepted(string name) => LocalPathGuard.CheckName(name, "/remote/" + name);

    [Theory]
    [InlineData("../x")]
    [InlineData("a/../../x")]
    [InlineData("/etc/x")]
    [InlineData("a/./b")]
    [InlineData("a//b")]
    [InlineData("a/b\\..\\..\\..\\x")]
    public void Resolve_EscapingRelativePath_IsRefusedWithTheName(string relative)
    {
        var e = Assert.Throws<SftpTransferException>(() => LocalPathGuard.Resolve(Root, relative, "/r/" + relative));
        Assert.Contains("Refused", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_NestedPath_StaysBelowRoot()
    {
        var path = LocalPathGuard.Resolve(Root, "North/history/wmr1006.csv", "/data/North/history/wmr1006.csv");
        Assert.Equal(Path.Combine(Path.GetFullPath(Root), "North", "history", "wmr1006.csv"), path);
    }
}
