namespace SftpInteractive.Tests.Transfer;

public sealed class GlobTests
{
    [Theory]
    [InlineData("*.csv", "wmr1006.csv", "a/b/wmr1006.csv", true)]
    [InlineData("*.csv", "wmr1006.txt", "wmr1006.txt", false)]
    [InlineData("wmr1???.csv", "wmr1006.csv", "x/wmr1006.csv", true)]
    [InlineData("wmr1???.csv", "wmr10066.csv", "x/wmr10066.csv", false)]
    [InlineData("wmr[0-1]*.csv", "wmr1006.csv", "wmr1006.csv", true)]
    [InlineData("wmr[!1]*.csv", "wmr1006.csv", "wmr1006.csv", false)]
    [InlineData("*.{csv,txt}", "a.txt", "a.txt", true)]
    [InlineData("*.{csv,txt}", "a.bin", "a.bin", false)]
    [InlineData("**/wmr1*.csv", "wmr1006.csv", "North/history/wmr1006.csv", true)]
    [InlineData("**/wmr1*.csv", "wmr1006.csv", "wmr1006.csv", true)]
    [InlineData("**/wmr1*.csv", "wmr2006.csv", "North/history/wmr2006.csv", false)]
    [InlineData("*/history/*.csv", "a.csv", "North/history/a.csv", true)]
    [InlineData("*/history/*.csv", "a.csv", "WMR/North/history/a.csv", false)]
    [InlineData("WMR_Spots/**", "a.csv", "WMR_Spots/North/history/a.csv", true)]
    [InlineData("/data/*.txt", "a.txt", "data/a.txt", true)]
    [InlineData("a+b(1).csv", "a+b(1).csv", "a+b(1).csv", true)]
    public void IsMatch_MatchesNameOrPath(string pattern, string name, string relative, bool expected) =>
        Assert.Equal(expected, Glob.Parse(pattern).IsMatch(name, relative));

    [Theory]
    [InlineData("[abc")]
    [InlineData("{a,b")]
    public void Parse_Unclosed_Throws(string pattern) => Assert.Throws<ArgumentException>(() => Glob.Parse(pattern));
}
