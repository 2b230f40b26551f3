using System.Text;
using System.Text.RegularExpressions;

namespace SftpInteractive.Tests.Config;

/// <summary>
/// Our <c>.env</c> reader against DotNetEnv 3.0, the library that read users' files before: for every input both accept
/// it with the same assignments, or both refuse it at the same line and column. The inputs are the corner cases of
/// DotNetEnv's grammar and thousands of random lines built from its tokens (fixed seed, so a failure repeats).
/// </summary>
public sealed partial class DotEnvParserParityTests
{
    private const string Alpha = "SFTPI_DOTENV_PARITY_A";
    private const string Beta = "SFTPI_DOTENV_PARITY_B";

    static DotEnvParserParityTests()
    {
        // Interpolation reads the process environment in both readers; these names belong to this test alone.
        Environment.SetEnvironmentVariable(Alpha, "alpha value");
        Environment.SetEnvironmentVariable(Beta, "b$c 'd'");
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("A=1")]
    [InlineData("A=1\nB=2\r\nC=3\n")]
    [InlineData("  A = 1  # comment\n# only a comment\n   \n")]
    [InlineData("export A=1\nset -x B=2\nset C=3\nSET D=4\nexportE=5\nsetting=6\nset -xF=7\nexport\tG=8")]
    [InlineData("A=b c  d\t e # c\nB=b#c\nC=#c\nD=\nE= \nF=$")]
    [InlineData("A=x$" + Alpha + "y\nB=x${" + Alpha + "}y\nC=${" + Alpha + "\nD=$1\nE=${}\nF=$" + Alpha + "#c\nG=a $" + Alpha)]
    [InlineData("A='raw $" + Alpha + " \\n \" # x'\nB=''\nC='multi\nline'\nD='unterminated")]
    [InlineData("A=\"tab\\there\\nnew\\\\ \\' \\\" \\? \\$ \\` \\a\\b\\f\\r\\v \\z \\8\"")]
    [InlineData("A=\"\\x41\\x4\\xe9\\xC3\\xA9\\x\\xG\"\nB=\"\\101\\7\\0\\1011\\18\"\nC=\"\\u00e9\\u4\\u41x\\ud800\\U0001F600\\U1\\U110000\\U41\"")]
    [InlineData("A=\"\\1\\2\\3\\4\\5\\6\\7\\101\\102\"\nB=\"\\x41\\x42\\x43\\x44\\x45\"")]
    [InlineData("A=\"\\400\"")]
    [InlineData("A=\"\\1\\1\\1\\1\\1\\1\\1\\1\\777\"")]
    [InlineData("A=\"multi\nline\r\nvalue\"\nB=\"$" + Beta + " ${" + Beta + "} $\"\nC=\"unterminated\nD=1\n")]
    [InlineData("A=\"x\"y\nB=1")]
    [InlineData("A=1\nB C\nD=2")]
    [InlineData("FOO BAR")]
    [InlineData("=1")]
    [InlineData("1A=1")]
    [InlineData("A.b-c_d=1\n_x=2\né=3\nA\u00e9=4")]
    [InlineData("A=a'b")]
    [InlineData("A=a\"b")]
    [InlineData("A=\u00a0x")]
    [InlineData("A=x\u00a0")]
    [InlineData("A=x\r")]
    [InlineData("A=x\ry")]
    [InlineData("A=\"x\u0001\"")]
    [InlineData("A='x\u0001'")]
    [InlineData("A=x\u0001")]
    [InlineData("A=\"x\\")]
    [InlineData("A=1 # c\r\n  # c\r\nB='2'  # c")]
    public void Corpus_SameAsDotNetEnv(string text) => AssertSame(text);

    [Fact]
    public void RandomLines_SameAsDotNetEnv()
    {
        string[] tokens =
        [
            "A", "_b", "x.y-z", "KEY", "é", "0", "9", "=", "=", "=", " ", " ", "\t", "\n", "\n", "\r\n", "\r", "#", "# c", "\"", "\"", "'", "'",
            "$", "${", "}", "$" + Alpha, "${" + Beta + "}", "$HOME", "\\", "\\n", "\\t", "\\\\", "\\\"", "\\'", "\\$", "\\z", "\\x4", "\\x41", "\\xe9",
            "\\101", "\\7", "\\400", "\\u00e9", "\\u4", "\\U0001F600", "\\U110000", "export ", "set -x ", "set ", "SET ", "\u00a0", "\u0001", "value",
        ];
        var random = new Random(24);
        var read = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var text = new StringBuilder(random.Next(3) == 0 ? string.Empty : "KEY=");
            for (var n = random.Next(1, 12); n > 0; n--)
            {
                text.Append(tokens[random.Next(tokens.Length)]);
            }

            read += AssertSame(text.ToString()) ? 1 : 0;
        }

        Assert.InRange(read, 2_000, 18_000); // both outcomes compared thousands of times
    }

    [Fact]
    public void Values_AsDocumented()
    {
        var pairs = DotEnvParser.Parse("export A=\"x\\ty\" # c\nB='$" + Alpha + "'\nC=$" + Alpha + "\nA=again", Environment.GetEnvironmentVariable);

        Assert.Equal([new("A", "x\ty"), new("B", "$" + Alpha), new("C", "alpha value"), new("A", "again")], pairs);
        var e = Assert.Throws<DotEnvFormatException>(() => DotEnvParser.Parse("A=1\nB=\"secret-value\n", _ => null));
        Assert.Equal("Line 2, Column 1", e.Where);
        Assert.DoesNotContain("secret", e.Message, StringComparison.Ordinal);
    }

    // True when both read it.
    private static bool AssertSame(string text)
    {
        var (expected, expectedWhere) = DotNetEnvReads(text);
        List<KeyValuePair<string, string>>? actual = null;
        string? actualWhere = null;
        try
        {
            actual = DotEnvParser.Parse(text, Environment.GetEnvironmentVariable);
        }
        catch (DotEnvFormatException e)
        {
            actualWhere = e.Where;
        }

        var shown = Show(text);
        Assert.True(expected is null == actual is null,
            $"{shown}: DotNetEnv {(expected is null ? "refused it" : "read it")}, ours {(actual is null ? "refused it (" + actualWhere + ")" : "read it")}");
        if (expected is not null)
        {
            Assert.True(expected.SequenceEqual(actual!), $"{shown}: DotNetEnv read [{Show(expected)}], ours [{Show(actual!)}]");
        }
        else if (expectedWhere is not null)
        {
            Assert.True(expectedWhere == actualWhere, $"{shown}: DotNetEnv refused it at {expectedWhere}, ours at {actualWhere}");
        }

        return expected is not null;
    }

    // DotNetEnv's assignments, or null and where it stopped (null too when its error has no place: an octal overflow).
    private static (List<KeyValuePair<string, string>>? Pairs, string? Where) DotNetEnvReads(string text)
    {
        try
        {
            return ([.. DotNetEnv.Env.LoadContents(text, DotNetEnv.Env.NoEnvVars())], null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var where = Position().Match(e.Message);
            return (null, where.Success ? where.Value : null);
        }
    }

    private static string Show(string text) => string.Concat(text.Select(c => c < ' ' || c > '~' ? $"\\u{(int)c:x4}" : c.ToString()));

    private static string Show(List<KeyValuePair<string, string>> pairs) => string.Join(", ", pairs.Select(p => $"{p.Key}={Show(p.Value)}"));

    [GeneratedRegex(@"Line \d+, Column \d+")]
    private static partial Regex Position();
}
