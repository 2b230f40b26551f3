using System.Text.RegularExpressions;
using SftpInteractive.Testing;

namespace SftpInteractive.Scripting.Tests;

/// <summary><see cref="DirectiveRegistry"/> against what the engine really handles: a directive the engine handles and
/// the registry does not name (so no <c>#help</c> or <c>#!lsmagic</c> shows it), or the other way round, fails here.</summary>
public sealed partial class DirectiveRegistryTests
{
    /// <summary>Roslyn's answer to a <c>#</c> word nobody handles: "Preprocessor directive expected" (a <c>#!</c> word
    /// nobody handles, or one of a language this engine does not run, fails as UnknownMagic or UnsupportedMagic).</summary>
    private const string Unhandled = "CS1024";

    private static async Task<bool> EngineHandles(ScriptEngine engine, string word)
    {
        var result = await engine.ExecuteAsync(word, new RecordingSink(), TestContext.Current.CancellationToken);
        return result is not SubmissionResult.Failure failure
            || (!failure.Diagnostics.Any(d => d.Id == Unhandled) && failure.Name is not ("UnknownMagic" or "UnsupportedMagic"));
    }

    [Fact]
    public async Task Probe_TellsAnUnhandledWord()
    {
        await using var engine = new ScriptEngine();
        Assert.False(await EngineHandles(engine, "#frobnicate"));
        Assert.False(await EngineHandles(engine, "#!frobnicate"));
        Assert.False(await EngineHandles(engine, "#!fsharp"));
    }

    [Fact]
    public async Task EveryDirectiveTheRegistryGivesTheEngine_IsHandledByIt()
    {
        await using var engine = new ScriptEngine();
        foreach (var name in DirectiveRegistry.All.Where(d => d.Hosts.HasFlag(DirectiveHosts.Engine)).Select(d => d.Name).Distinct())
        {
            Assert.True(await EngineHandles(engine, name), $"{name} is in DirectiveRegistry for the engine, but the engine does not handle it");
        }
    }

    [Fact]
    public async Task HostDirectives_AreNotTheEngines()
    {
        await using var engine = new ScriptEngine();
        foreach (var directive in DirectiveRegistry.Directives.Where(d => !d.Hosts.HasFlag(DirectiveHosts.Engine)))
        {
            Assert.False(await EngineHandles(engine, directive.Name), $"{directive.Name} is a host's directive in DirectiveRegistry, but the engine handles it");
        }
    }

    [Fact]
    public async Task EveryWordTheEngineHandles_IsInTheRegistry()
    {
        // The engine's # words as its source writes them (the registry itself left out), and every magic it accepts.
        var folder = Path.Combine(TestServer.RepoRoot, "src", "SftpInteractive.Scripting");
        var words = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "DirectiveRegistry.cs")
            .SelectMany(f => DirectiveWord().Matches(File.ReadAllText(f)).Select(m => m.Groups["word"].Value))
            .Concat(MagicRegistry.All.SelectMany(m => new[] { m.Name }.Concat(m.Aliases)))
            .Distinct()
            .ToList();
        Assert.Contains("#load", words);

        await using var engine = new ScriptEngine();
        var registered = DirectiveRegistry.All.SelectMany(d => new[] { d.Name }.Concat(d.Usage.Split(", "))).ToHashSet(StringComparer.Ordinal);
        foreach (var word in words)
        {
            if (await EngineHandles(engine, word))
            {
                Assert.True(registered.Contains(word), $"the engine handles {word}, but DirectiveRegistry does not list it (so #help and #!lsmagic miss it)");
            }
        }
    }

    [Fact]
    public void Magics_AreTheEnginesMagicsOnce()
    {
        Assert.Equal(MagicRegistry.All.Select(m => m.Name), DirectiveRegistry.Magics.Select(d => d.Name));
        Assert.All(DirectiveRegistry.Magics, d => Assert.Equal(MagicRegistry.Find(d.Name)!.Description, d.Description));
        Assert.Equal(DirectiveRegistry.All.Count, DirectiveRegistry.All.Select(d => d.Usage).Distinct().Count());
    }

    [Theory]
    [InlineData("#exit", true)]
    [InlineData("  #help ", true)]
    [InlineData("#who", false)]
    [InlineData("#exit now", false)]
    public void IsHostDirective_OnlyTheHostsOwn(string code, bool expected) =>
        Assert.Equal(expected, DirectiveRegistry.IsHostDirective(code, DirectiveHosts.Repl));

    [GeneratedRegex("\"(?<word>#!?[a-z]+)\\b")]
    private static partial Regex DirectiveWord();
}
