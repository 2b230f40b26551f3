namespace SftpInteractive.Tests.Config;

/// <summary>OpenSSH's list forms (plain, +, -, ^) applied to the algorithms SSH.NET offers.</summary>
public sealed class AlgorithmChoiceTests
{
    private static Dictionary<string, int> Offered() => new() { ["a-1"] = 1, ["b-2"] = 2, ["c-3"] = 3, ["c-4"] = 4 };

    private static List<string> Apply(string? spec)
    {
        var offered = Offered();
        AlgorithmChoice.Apply(offered, spec, SettingKeys.Ciphers, "test");
        return [.. offered.Keys];
    }

    [Fact]
    public void Apply_Nothing_KeepsTheOfferAndItsOrder() => Assert.Equal(["a-1", "b-2", "c-3", "c-4"], Apply(null));

    [Fact]
    public void Apply_PlainList_OffersExactlyThatInItsOrder() => Assert.Equal(["c-3", "a-1"], Apply("c-3, a-1"));

    [Fact]
    public void Apply_Minus_RemovesMatchesOfWildcards() => Assert.Equal(["a-1", "b-2"], Apply("-c-*"));

    [Fact]
    public void Apply_Caret_PutsTheListedFirstAndKeepsTheRest() => Assert.Equal(["c-4", "b-2", "a-1", "c-3"], Apply("^c-4,b-2"));

    [Fact]
    public void Apply_Plus_KeepsTheOrderOfTheOffer() => Assert.Equal(["a-1", "b-2", "c-3", "c-4"], Apply("+b-2"));

    [Fact]
    public void Apply_UnknownName_ErrorNamesItTheSettingItsSourceAndWhatIsOffered()
    {
        var e = Assert.Throws<SftpConfigException>(() => Apply("a-1,zz-9"));

        Assert.Contains("'zz-9'", e.Message, StringComparison.Ordinal);
        Assert.Contains("SFTP_CIPHERS (test)", e.Message, StringComparison.Ordinal);
        Assert.Contains("a-1,b-2,c-3,c-4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_RemovingEverything_IsAnErrorNotAnEmptyOffer()
    {
        var e = Assert.Throws<SftpConfigException>(() => Apply("-*"));

        Assert.Contains("leaves no algorithm", e.Message, StringComparison.Ordinal);
    }
}
