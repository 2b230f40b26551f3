using System.Reflection;
using SftpInteractive.Scripting;

namespace SftpInteractive.Scripting.Tests;

public sealed class VerbCatalogTests
{
    [Fact]
    public void Catalog_ListsEveryPublicVerbOfTheGlobals()
    {
        var verbs = typeof(ScriptGlobals).GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m is MethodInfo { IsSpecialName: false } or PropertyInfo)
            .Select(m => m.Name)
            .Where(n => n != nameof(ScriptGlobals.Defaults))
            .Distinct()
            .ToList();
        var usages = string.Join("\n", VerbCatalog.Verbs.Select(v => v.Usage));
        Assert.All(verbs, verb => Assert.Matches($@"(^|\W){verb}(\(|$|\s|/)", usages));
    }

    [Fact]
    public void Help_IsATableWithOneRowPerVerb()
    {
        var table = new ScriptGlobals().Help();
        Assert.Equal(VerbCatalog.Verbs.Count, table.Rows.Count);
        Assert.Contains("Ls(path)", table.ToText());
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
