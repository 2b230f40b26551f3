using System.Text;
using SftpInteractive.Testing;

namespace SftpInteractive.Scripting.Tests;

/// <summary>The README's verb table is generated from the verbs' one definition (<see cref="VerbCatalog"/>, what
/// <c>Help()</c> and <c>#help</c> list); this test fails when the two drift. <c>SFTPI_WRITE_VERB_TABLE=1</c> rewrites the
/// README's marked region instead.</summary>
public sealed class ReadmeVerbTableTests
{
    private const string Begin = "<!-- verbs:begin (generated from the [Verb]s by ReadmeVerbTableTests; SFTPI_WRITE_VERB_TABLE=1 dotnet test --filter ReadmeVerbTable rewrites it) -->";
    private const string End = "<!-- verbs:end -->";

    /// <summary>The table: one row per verb, its forms and what it does, in <c>Help()</c>'s order.</summary>
    internal static string Table()
    {
        var text = new StringBuilder("| verb | what it does |\n|---|---|\n");
        foreach (var verb in VerbCatalog.For(typeof(ScriptGlobals)))
        {
            var forms = string.Join(" / ", verb.Usage.Split(" / ").Select(u => "`" + u + "`"));
            text.Append("| ").Append(forms).Append(" | ").Append(verb.Description.Replace("|", "\\|", StringComparison.Ordinal)).Append(" |\n");
        }

        return text.ToString();
    }

    [Fact]
    public void Readme_VerbTable_IsTheOneGeneratedFromTheVerbs()
    {
        var path = Path.Combine(TestServer.RepoRoot, "README.md");
        var readme = File.ReadAllText(path);
        var begin = readme.IndexOf(Begin, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, $"README.md has no region between '{Begin}' and '{End}'");
        var region = readme[(begin + Begin.Length)..end].Trim('\n');
        var expected = Table().TrimEnd('\n');
        if (region != expected && Environment.GetEnvironmentVariable("SFTPI_WRITE_VERB_TABLE") == "1")
        {
            File.WriteAllText(path, readme[..(begin + Begin.Length)] + "\n" + expected + "\n" + readme[end..]);
            return;
        }

        Assert.Equal(expected, region);
    }

    [Fact]
    public void Table_ListsEveryVerbOnce_WithItsAsyncForm()
    {
        var table = Table();
        Assert.Equal(VerbCatalog.For(typeof(ScriptGlobals)).Count + 2, table.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("| `Ls([path])` / `LsAsync(...)` | list a directory as a table |", table, StringComparison.Ordinal);
    }
}
