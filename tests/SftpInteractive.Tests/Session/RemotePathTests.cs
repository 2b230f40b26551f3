namespace SftpInteractive.Tests.Session;

public sealed class RemotePathTests
{
    [Theory]
    [InlineData("/home/u", "data", "/home/u/data")]
    [InlineData("/home/u", "/data/x/../y", "/data/y")]
    [InlineData("/home/u", "..", "/home")]
    [InlineData("/", "../..", "/")]
    [InlineData("/a", "./b//c/.", "/a/b/c")]
    [InlineData("/a", "~/x", "/home/me/x")]
    [InlineData("/a", "~", "/home/me")]
    [InlineData("/a", "", "/a")]
    public void Resolve_NormalisesAgainstBaseAndHome(string cwd, string path, string expected) =>
        Assert.Equal(expected, RemotePath.Resolve(cwd, path.Length == 0 ? "." : path, "/home/me"));

    [Theory]
    [InlineData("/a/b/c", "/a/b", "c")]
    [InlineData("/a", "/", "a")]
    [InlineData("/", "/", "/")]
    public void ParentAndName_SplitPaths(string path, string parent, string name)
    {
        Assert.Equal(parent, RemotePath.Parent(path));
        Assert.Equal(name, RemotePath.Name(path));
    }
}
