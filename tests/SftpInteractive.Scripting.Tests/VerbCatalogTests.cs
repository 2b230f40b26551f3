using System.Reflection;
using SftpInteractive.Scripting;

namespace SftpInteractive.Scripting.Tests;

public sealed class VerbCatalogTests
{
    private static IEnumerable<MemberInfo> PublicMembers() =>
        typeof(ScriptGlobals).GetMembers(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.DeclaringType != typeof(object))
            .Where(m => m is MethodInfo { IsSpecialName: false } or PropertyInfo)
            .Where(m => m.Name != nameof(ScriptGlobals.Defaults));

    [Fact]
    public void Catalog_EveryPublicMemberOfTheGlobals_IsAVerbOrItsAsyncForm()
    {
        var catalog = VerbCatalog.For(typeof(ScriptGlobals)).Select(v => v.Name).ToHashSet();
        var missing = PublicMembers().Select(m => m.Name)
            .Where(n => !catalog.Contains(n) && !(n.EndsWith("Async", StringComparison.Ordinal) && catalog.Contains(n[..^"Async".Length])))
            .Distinct()
            .ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void Catalog_EveryVerbThatTalksToTheServer_HasAnAsyncFormTakingACancellationToken()
    {
        var methods = typeof(ScriptGlobals).GetMethods(BindingFlags.Public | BindingFlags.Instance);
        var verbs = methods.Where(m => m.GetCustomAttribute<VerbAttribute>() is { Instant: false }).ToList();
        Assert.Contains(verbs, v => v.Name == "Stat");
        foreach (var verb in verbs)
        {
            var parameters = verb.GetParameters().Select(p => p.ParameterType).ToList();
            var async = methods.Where(m => m.Name == verb.Name + "Async")
                .FirstOrDefault(m => m.GetParameters() is var p && p.Length == parameters.Count + 1
                                     && p[^1].ParameterType == typeof(CancellationToken)
                                     && p.Take(parameters.Count).Select(x => x.ParameterType).SequenceEqual(parameters));
            Assert.True(async is not null, $"{verb} has no {verb.Name}Async(..., CancellationToken)");
        }
    }

    [Fact]
    public void Help_IsATableWithOneRowPerVerb()
    {
        var table = new ScriptGlobals().Help();
        Assert.Equal(VerbCatalog.For(typeof(ScriptGlobals)).Count, table.Rows.Count);
        Assert.Contains("Ls([path]) / LsAsync(...)", table.ToText());
        Assert.Contains("Display(", table.ToText());
    }

    [Fact]
    public void Display_OutsideASubmission_WritesToTheInjectedWriter()
    {
        using var writer = new StringWriter();
        var globals = new ScriptGlobals(output: writer);

        var id = globals.Display(42);
        globals.UpdateDisplay("done", id);

        Assert.Equal(["42", "done"], writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public void Render_SequenceOfRecords_IsATable()
    {
        var rendered = DisplayRenderer.Render(new[] { new Sample("a", 1), new Sample("b", 2) });
        Assert.Contains("Name", rendered.Text);
        Assert.Contains("<table", rendered.Html);
        Assert.Contains("2 rows", rendered.Text);
    }

    [Fact]
    public void Render_Scalars_AreInvariantText()
    {
        Assert.Equal("1.5", DisplayRenderer.Render(1.5).Text);
        Assert.Equal("true", DisplayRenderer.Render(true).Text);
        Assert.Equal("null", DisplayRenderer.Render(null).Text);
        Assert.Equal("[1, 2, 3]", DisplayRenderer.Render(new List<int> { 1, 2, 3 }).Text);
        Assert.Equal("[\"a\"]", DisplayRenderer.Render(new[] { "a" }).Text);
    }

    public sealed record Sample(string Name, int Size);
}
