namespace SftpInteractive.Tests.Patterns;

public sealed class WildcardTests
{
    [Theory]
    [InlineData("*.example.com", "a.b.example.com", (int)WildcardOptions.None, true)]
    [InlineData("db-?", "db-1", (int)WildcardOptions.None, true)]
    [InlineData("db-?", "db-10", (int)WildcardOptions.None, false)]
    [InlineData("Web", "web", (int)WildcardOptions.None, false)] // ssh_config Host patterns are case-sensitive
    [InlineData("Web", "web", (int)WildcardOptions.IgnoreCase, true)] // known_hosts and Match host are not
    [InlineData("a[bc]", "ab", (int)WildcardOptions.None, false)] // no character classes in ssh patterns
    [InlineData("a[bc]", "a[bc]", (int)WildcardOptions.None, true)]
    [InlineData("*/x", "a/b/x", (int)WildcardOptions.None, true)]
    [InlineData("*/x", "a/b/x", (int)WildcardOptions.Path, false)]
    [InlineData("**/x", "a/b/x", (int)WildcardOptions.Path, true)]
    [InlineData("a[!b]c", "axc", (int)WildcardOptions.Shell, true)]
    [InlineData("a[bc", "a[bc", (int)(WildcardOptions.CharacterClasses | WildcardOptions.LenientBrackets), true)]
    [InlineData("*", "two\nlines", (int)WildcardOptions.None, true)]
    public void IsMatch_FollowsTheDialect(string pattern, string text, int options, bool expected) =>
        Assert.Equal(expected, Wildcard.IsMatch(pattern, text, (WildcardOptions)options));

    [Theory]
    [InlineData(new[] { "*.example.com", "!secret.example.com" }, "www.example.com", true)]
    [InlineData(new[] { "*.example.com", "!secret.example.com" }, "secret.example.com", false)]
    [InlineData(new[] { "!secret.example.com" }, "other.org", false)] // a negation alone matches nothing
    [InlineData(new[] { "!secret.example.com", "*" }, "other.org", true)]
    public void SshPatternList_NegationWins(string[] patterns, string host, bool expected) =>
        Assert.Equal(expected, SshPatternList.Matches(patterns, host));

    [Fact]
    public void FileGlob_ExpandsPerComponentSortedAndSkipsDotFiles()
    {
        var dir = Directory.CreateTempSubdirectory("sftpi-glob-").FullName;
        try
        {
            foreach (var name in new[] { "b.conf", "a.conf", ".hidden.conf", "c.txt" })
            {
                File.WriteAllText(Path.Combine(dir, name), string.Empty);
            }

            Assert.Equal([Path.Combine(dir, "a.conf"), Path.Combine(dir, "b.conf")], FileGlob.Expand(Path.Combine(dir, "*.conf")));
            Assert.Equal([Path.Combine(dir, ".hidden.conf")], FileGlob.Expand(Path.Combine(dir, ".*.conf")));
            Assert.Empty(FileGlob.Expand(Path.Combine(dir, "nothing-*")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
