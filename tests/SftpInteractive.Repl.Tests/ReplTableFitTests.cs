using SftpInteractive.Repl;
using SftpInteractive.Scripting;

namespace SftpInteractive.Repl.Tests;

/// <summary>At the prompt a long table fits the terminal's height (head and tail, the count in the caption); a piped
/// script keeps <see cref="DisplayOptions.MaxRows"/>; <c>DisplayAll</c>'s every row stays every row.</summary>
public sealed class ReplTableFitTests
{
    private static DisplayTable Numbers(int count) => new DisplayTable("n", "N").AddRows(Enumerable.Range(1, count), i => [$"row{i}"]);

    private static string Flat(StringWriter output) => string.Join(' ', output.ToString().Split([' ', '\n', '│'], StringSplitOptions.RemoveEmptyEntries));

    private static int Rows(string output) => output.Split('\n').Count(l => l.Contains("│ row", StringComparison.Ordinal));

    [Fact]
    public void Write_Interactive40LineTerminal_TableFitsTheScreen()
    {
        var (console, output) = TestConsoles.Create();
        console.Profile.Height = 40;
        var sink = new ReplSink(console, interactive: true, prompt: null);

        var lines = sink.Write(DisplayRenderer.Render(Numbers(500)));

        Assert.True(lines <= 40, $"the table took {lines} lines of a 40-line terminal:\n{output}");
        Assert.Equal(40 - 9, Rows(output.ToString()));
        Assert.Contains("… 469 more rows (500 in all)", Flat(output), StringComparison.Ordinal);
        Assert.Contains("row500", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Piped_KeepsTheSessionLimit()
    {
        var (console, output) = TestConsoles.Create();
        console.Profile.Height = 40;
        var sink = new ReplSink(console, interactive: false, prompt: null);

        sink.Write(DisplayRenderer.Render(Numbers(500)));

        Assert.Equal(DisplayOptions.DefaultMaxRows, Rows(output.ToString()));
        Assert.Contains("… 400 more rows (500 in all)", Flat(output), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_RenderedInFull_EveryRowEvenAtThePrompt()
    {
        var (console, output) = TestConsoles.Create();
        console.Profile.Height = 40;
        var sink = new ReplSink(console, interactive: true, prompt: null);
        RenderedValue all;
        using (DisplayOptions.Use(int.MaxValue))
        {
            all = DisplayRenderer.Render(new Lazy(150));
        }

        sink.Write(all);

        Assert.Equal(150, Rows(output.ToString()));
    }

    [Fact]
    public async Task Write_SequenceOfNamedTuples_TheTableKeepsTheCellsNames()
    {
        var (console, output) = TestConsoles.Create();
        var sink = new ReplSink(console, interactive: true, prompt: null);
        await using var engine = new ScriptEngine();
        var result = Assert.IsType<SubmissionResult.Success>(await engine.ExecuteAsync(
            "Enumerable.Range(1, 2).Select(i => (Region: \"r\" + i, Files: i * 10)).ToList()", new NullSink(), TestContext.Current.CancellationToken));

        sink.Write(result.Rendered!);

        Assert.Contains("│ Region │ Files │", output.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A value whose table is built when it is drawn, as listings and search results are.</summary>
    private sealed class Lazy(int count) : ITabular
    {
        public DisplayTable ToTable() => Numbers(count);
    }

    private sealed class NullSink : IDisplaySink
    {
        public TextWriter StandardOutput => TextWriter.Null;

        public TextWriter StandardError => TextWriter.Null;

        public PromptHandler? Prompt => null;

        public void Display(RenderedValue value, string? displayId = null) { }

        public void UpdateDisplay(RenderedValue value, string displayId) { }
    }
}
