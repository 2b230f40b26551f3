using SftpInteractive.Kernel.Execution;

namespace SftpInteractive.Kernel.Tests.Execution;

public sealed class KernelHistoryTests
{
    private static KernelHistory Sample()
    {
        var history = new KernelHistory();
        history.Add(1, "6*7", "42");
        history.Add(2, "Ls(\"/data\")", null);
        history.Add(3, "6*7", "42");
        history.Add(4, "var x = 1;", null);
        return history;
    }

    [Fact]
    public void Tail_ReturnsLastNAsSessionLineInput() =>
        Assert.Equal("""[[1,3,"6*7"],[1,4,"var x = 1;"]]""", Sample().Tail(2, output: false).ToJsonString());

    [Fact]
    public void Tail_WithOutput_PairsInputAndOutput() =>
        Assert.Equal("""[[1,4,["var x = 1;",null]]]""", Sample().Tail(1, output: true).ToJsonString());

    [Fact]
    public void Range_IsHalfOpen() =>
        Assert.Equal([2, 3], Sample().Range(1, 2, 4, output: false).Select(e => e![1]!.GetValue<int>()));

    [Fact]
    public void Range_OtherSession_IsEmpty() => Assert.Empty(Sample().Range(7, 1, null, output: false));

    [Fact]
    public void Search_GlobMatchesWholeInput()
    {
        Assert.Equal(2, Sample().Search("6*7", null, unique: false, output: false).Count);
        Assert.Single(Sample().Search("6*7", null, unique: true, output: false));
        Assert.Equal(4, Sample().Search("*", null, unique: false, output: false).Count);
        Assert.Single(Sample().Search("Ls(*", null, unique: false, output: false));
        Assert.Empty(Sample().Search("6", null, unique: false, output: false));
    }

    [Fact]
    public void Search_N_KeepsTheLatest() =>
        Assert.Equal("""[[1,4,"var x = 1;"]]""", Sample().Search("*", 1, unique: false, output: false).ToJsonString());

    [Theory]
    [InlineData("a?c", "abc", true)]
    [InlineData("a[bx]c", "axc", true)]
    [InlineData("a[bx]c", "ayc", false)]
    [InlineData("a.c", "abc", false)]
    public void GlobToRegex_FollowsGlobRules(string glob, string input, bool matches) =>
        Assert.Equal(matches, System.Text.RegularExpressions.Regex.IsMatch(input, "^" + KernelHistory.GlobToRegex(glob) + "$"));
}
