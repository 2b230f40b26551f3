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
    [InlineData("[127.0.0.1]:2222", "[127.0.0.1]:2222")]
    [InlineData("[127.0.0.1]:2222", "[127.0.0.1]:22")]
    [InlineData("Web.Example.COM", "web.example.com")]
    [InlineData("web", "web\n")] // '$' matches before a final line feed
    [InlineData("\u212A", "k")] // the Kelvin sign folds to k in the expression, not ordinally
    [InlineData("k", "\u212A")]
    [InlineData("stra\u00DFe", "STRASSE")]
    [InlineData("a.b", "axb")] // '.' is literal
    [InlineData("a\\b", "a\\b")]
    [InlineData("", "")]
    [InlineData("x", "")]
    public void IsMatch_PatternWithoutWildcards_AnswersAsTheExpressionWould(string pattern, string text)
    {
        foreach (var options in new[] { WildcardOptions.None, WildcardOptions.IgnoreCase, WildcardOptions.Shell | WildcardOptions.IgnoreCase })
        {
            Assert.Equal(Wildcard.Parse(pattern, options).IsMatch(text), Wildcard.IsMatch(pattern, text, options));
        }
    }

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
