using SftpInteractive.Repl;
using SftpInteractive.Scripting;

namespace SftpInteractive.Repl.Tests;

public sealed class ReplSinkTests
{
    [Fact]
    public void Write_UserTextFormatterForATabularValue_PrintsItsTextNotATable()
    {
        var (console, output) = TestConsoles.Create();
        var sink = new ReplSink(console, interactive: false, prompt: null);
        var formatters = new FormatterRegistry();
        formatters.Register<DisplayTable>(text: t => $"table of {t.Rows.Count} rows");

        sink.Write(DisplayRenderer.Render(new DisplayTable("t", "a").AddRow("x"), formatters));

        Assert.Equal("table of 1 rows\n", output.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void UpdateDisplay_SameId_RedrawsInPlace()
    {
        var (console, output) = TestConsoles.Create();
        var sink = new ReplSink(console, interactive: true, prompt: null);
        sink.Display(DisplayRenderer.Render("progress 10%"), "p1");
        sink.UpdateDisplay(DisplayRenderer.Render("progress 90%"), "p1");
        var text = output.ToString();
        Assert.Contains("progress 10%\n\x1b[1A\r\x1b[J" + "progress 90%", text);
    }

    [Fact]
    public void UpdateDisplay_TransferProgress_DrawsSpectreBarAndRedrawsItInPlace()
    {
        var (console, output) = TestConsoles.Create();
        var sink = new ReplSink(console, interactive: true, prompt: null);
        var half = new TransferProgress("big.bin", 512L << 20, 1L << 30, 512L << 20, 1L << 30, 0, 1, 100 << 20, TimeSpan.FromSeconds(5));
        sink.Display(DisplayRenderer.Render(half), "t1");
        sink.UpdateDisplay(DisplayRenderer.Render(half with { FileBytes = 1L << 30, Bytes = 1L << 30, FilesDone = 1 }), "t1");

        var text = output.ToString();
        var first = text[..text.IndexOf("\x1b[1A", StringComparison.Ordinal)];
        Assert.Equal(30, first.Count(c => c == '━'));
        Assert.Contains(" 50% 512.0 MiB/1.0 GiB", first, StringComparison.Ordinal);
        Assert.DoesNotContain("[#", text, StringComparison.Ordinal);
        Assert.EndsWith("\n", first, StringComparison.Ordinal);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.Contains("\x1b[1A\r\x1b[J", text, StringComparison.Ordinal);
        Assert.Contains("100%", text[text.IndexOf("\x1b[J", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public void UpdateDisplay_AfterOtherOutput_PrintsBelow()
    {
        var (console, output) = TestConsoles.Create();
        var sink = new ReplSink(console, interactive: true, prompt: null);
        sink.Display(DisplayRenderer.Render("step 1"), "p1");
        sink.StandardOutput.WriteLine("a log line");
        sink.UpdateDisplay(DisplayRenderer.Render("step 2"), "p1");
        Assert.DoesNotContain("\x1b[", output.ToString());
        Assert.EndsWith("step 2\n", output.ToString());
    }

    [Fact]
    public void Display_Tabular_DrawsSpectreTable()
    {
        var (console, output) = TestConsoles.Create();
        var sink = new ReplSink(console, interactive: false, prompt: null);
        var table = new DisplayTable("files", "Name", "Size").AddRow("a.csv", "10");
        sink.Display(DisplayRenderer.Render(new TabularValue(table)));
        Assert.Contains("a.csv", output.ToString());
        Assert.Contains("Name", output.ToString());
    }

    [Fact]
    public void StandardOutput_ThroughTheHostsBoundary_RedactsSecrets()
    {
        Redactor.Register("hunter2-secret-zz");
        var (plain, output) = TestConsoles.Create();
        var (console, boundary) = RedactingConsoleOutput.Wrap(plain);
        var sink = new ReplSink(console, interactive: false, prompt: null);
        sink.StandardOutput.Write("password is hunter2-secret-zz");
        boundary.Drain();
        Assert.DoesNotContain("hunter2-secret-zz", output.ToString());
        Assert.Contains(Redactor.Mask, output.ToString());
    }

    private sealed class TabularValue(DisplayTable table) : ITabular
    {
        public DisplayTable ToTable() => table;
    }
}
