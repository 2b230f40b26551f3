using SftpInteractive.Testing;

namespace SftpInteractive.Repl.Tests;

/// <summary>Rich values in the terminal, through the real <c>sftpi</c> with a piped script: markdown as its text, an
/// image as one line saying what it is (never base64), JSON pretty-printed, <c>#who</c> as a table.</summary>
public sealed class RichOutputReplTests
{
    [Fact]
    public async Task Piped_MarkdownImageJsonWho_PrintedForATerminal()
    {
        var dir = Directory.CreateTempSubdirectory("sftpi-rich-").FullName;
        var png = TinyImages.Png(2, 3);
        File.WriteAllBytes(Path.Combine(dir, "tiny.png"), png);
        var script = string.Join('\n',
            "Markdown(\"# Regions\\n*3* files\")",
            "Image(\"tiny.png\")",
            "Json(new { name = \"wmr\", count = 3 })",
            "var answer = 6 * 7;",
            "var region = \"Europe\";",
            "#who",
            "#help") + "\n";

        var (code, output, errors) = await Tool.RunPipedIn(dir, null, Tool.Executable, script, "--no-connect");

        Assert.True(code == 0, errors);
        Assert.Contains("# Regions\n*3* files\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains($"[PNG image 2×3, {png.Length} B]", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(png)[..16], output, StringComparison.Ordinal);
        Assert.Contains("\"count\": 3", output, StringComparison.Ordinal);
        Assert.Matches(@"answer\s*│\s*int\s*│\s*42", output);
        Assert.Matches("region\\s*│\\s*string\\s*│\\s*\"Europe\"", output);
        Assert.Contains("#who", output, StringComparison.Ordinal);
        Directory.Delete(dir, recursive: true);
    }
}
