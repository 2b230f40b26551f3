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

    [Fact]
    public void Resolve_LocalFolderLinkPointingOutside_IsRefusedAndNamesTheLink()
    {
        using var dirs = new TempDirs();
        Directory.CreateSymbolicLink(Path.Combine(dirs.Root, "sub"), dirs.Outside);

        var e = Assert.Throws<SftpTransferException>(() => LocalPathGuard.Resolve(dirs.Root, "sub/wmr1006.csv", "/data/sub/wmr1006.csv"));

        Assert.Contains("symbolic link", e.Message, StringComparison.Ordinal);
        Assert.Contains(dirs.Outside, e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(dirs.Outside));
    }

    [Fact]
    public void Resolve_DeepLinkBelowARealFolder_IsRefused()
    {
        using var dirs = new TempDirs();
        Directory.CreateDirectory(Path.Combine(dirs.Root, "North"));
        Directory.CreateSymbolicLink(Path.Combine(dirs.Root, "North", "history"), dirs.Outside);

        Assert.Throws<SftpTransferException>(() => LocalPathGuard.Resolve(dirs.Root, "North/history/wmr1006.csv", "/data/North/history/wmr1006.csv"));
    }

    [Theory]
    [InlineData("wmr1006.csv")]
    [InlineData("wmr1006.csv.part")]
    public void Resolve_DanglingFileOrPartLinkPointingOutside_IsRefused(string linkName)
    {
        using var dirs = new TempDirs();
        File.CreateSymbolicLink(Path.Combine(dirs.Root, linkName), Path.Combine(dirs.Outside, "planted"));

        Assert.Throws<SftpTransferException>(() => LocalPathGuard.Resolve(dirs.Root, "wmr1006.csv", "/data/wmr1006.csv"));
    }

    [Fact]
    public void Resolve_ExistingRealFoldersAndFile_AreAccepted()
    {
        using var dirs = new TempDirs();
        Directory.CreateDirectory(Path.Combine(dirs.Root, "North", "history"));
        File.WriteAllText(Path.Combine(dirs.Root, "North", "history", "wmr1006.csv"), "old");

        var path = LocalPathGuard.Resolve(dirs.Root, "North/history/wmr1006.csv", "/data/North/history/wmr1006.csv");

        Assert.Equal(Path.Combine(dirs.Root, "North", "history", "wmr1006.csv"), path);
    }

    [Fact]
    public void Resolve_TargetFolderItselfALink_IsTheUsersChoiceAndAccepted()
    {
        using var dirs = new TempDirs();
        var linkedRoot = Path.Combine(dirs.Outside, "root-link");
        Directory.CreateSymbolicLink(linkedRoot, dirs.Root);

        var path = LocalPathGuard.Resolve(linkedRoot, "a/b.csv", "/data/a/b.csv");

        Assert.Equal(Path.Combine(linkedRoot, "a", "b.csv"), path);
    }

    /// <summary>A target folder and a sibling folder outside it, both removed afterwards.</summary>
    private sealed class TempDirs : IDisposable
    {
        private readonly DirectoryInfo _base = Directory.CreateTempSubdirectory("sftpi-guard-");

        public TempDirs()
        {
            Root = Directory.CreateDirectory(Path.Combine(_base.FullName, "target")).FullName;
            Outside = Directory.CreateDirectory(Path.Combine(_base.FullName, "elsewhere")).FullName;
        }

        public string Root { get; }

        public string Outside { get; }

        public void Dispose() => _base.Delete(recursive: true);
    }
}
