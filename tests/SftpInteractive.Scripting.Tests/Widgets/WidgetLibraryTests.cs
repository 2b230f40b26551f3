using SftpInteractive.Widgets;

namespace SftpInteractive.Scripting.Tests.Widgets;

/// <summary>The widget library in a session without a front end (the REPL's situation): typed change events, Link,
/// Interact and Output capturing through the engine, the text/plain fallback and callbacks run by the engine.</summary>
public sealed class WidgetLibraryTests
{
    private static async Task<SubmissionResult> Run(ScriptEngine engine, string code, RecordingSink sink) =>
        await engine.ExecuteAsync(code, sink, TestContext.Current.CancellationToken);

    [Fact]
    public void ValueChanged_InCode_IsTypedAndNotFromTheFrontEnd()
    {
        var slider = new FloatSlider(1.5, 0, 10);
        ValueChangedEventArgs<double>? seen = null;
        slider.ValueChanged += (_, e) => seen = e;

        slider.Value = 2.25;
        slider.Value = 2.25;

        Assert.NotNull(seen);
        Assert.Equal(1.5, seen.OldValue);
        Assert.Equal(2.25, seen.NewValue);
        Assert.False(seen.FromFrontEnd);
    }

    [Fact]
    public void Link_CopiesBothWays_UntilDisposed()
    {
        var a = new IntSlider(3);
        var b = new IntSlider();
        using (new Link(a, "value", b))
        {
            Assert.Equal(3, b.Value);
            b.Value = 7;
            Assert.Equal(7, a.Value);
        }

        a.Value = 1;
        Assert.Equal(7, b.Value);
    }

    [Fact]
    public void Selection_ValueFollowsIndex_AndUnknownOptionThrows()
    {
        var dropdown = new Dropdown(["csv", "json"], "json");
        string? seen = null;
        dropdown.OnValue(v => seen = v);

        dropdown.Index = 0;

        Assert.Equal("csv", dropdown.Value);
        Assert.Equal("csv", seen);
        Assert.Throws<ArgumentException>(() => dropdown.Value = "xml");
    }

    [Fact]
    public async Task Interact_InACell_RerunsOnChange_AndItsOutputShowsTheResult()
    {
        await using var engine = new ScriptEngine();
        var sink = new RecordingSink();

        var result = await Run(engine, """
            var n = new IntSlider(2);
            var ui = Interact.Create(n, x => { Console.WriteLine($"x is {x}"); return x * x; });
            n.Value = 3;
            ((Output)ui.Children[1]).Outputs.ToJsonString()
            """, sink);

        var text = Assert.IsType<SubmissionResult.Success>(result).Rendered!.Text;
        Assert.Contains("x is 3", text, StringComparison.Ordinal);
        Assert.Contains("\"text/plain\":\"9\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("x is 2", text, StringComparison.Ordinal); // the rerun replaced the first run's output
        Assert.Empty(sink.Out); // captured, not printed to the cell
    }

    [Fact]
    public async Task Widget_WithoutAFrontEnd_ShowsItsTextBesideTheView()
    {
        await using var engine = new ScriptEngine();
        var sink = new RecordingSink();

        var result = await Run(engine, "new IntSlider(5, description: \"n\")", sink);

        var rendered = Assert.IsType<SubmissionResult.Success>(result).Rendered!;
        Assert.Equal("IntSlider(value=5, description='n')", rendered.Text);
        Assert.Contains("\"model_id\"", rendered["application/vnd.jupyter.widget-view+json"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunCallbackAsync_SeesSessionVariables_AndAFailureIsAValue()
    {
        await using var engine = new ScriptEngine();
        var sink = new RecordingSink();
        await Run(engine, "var b = new Button(\"go\"); var clicks = 0; b.Click += (_, _) => { clicks++; Console.WriteLine(\"clicked\"); };", sink);
        var button = (Button)(await engine.ExecuteAsync("b", new RecordingSink(), TestContext.Current.CancellationToken) as SubmissionResult.Success)!.Value!;

        var ok = await engine.RunCallbackAsync(button.PerformClick, sink, TestContext.Current.CancellationToken);
        var failing = await engine.RunCallbackAsync(() => throw new InvalidOperationException("boom"), sink, TestContext.Current.CancellationToken);
        var after = await Run(engine, "clicks", new RecordingSink());

        Assert.IsType<SubmissionResult.Success>(ok);
        Assert.Contains("clicked", sink.Out, StringComparison.Ordinal);
        Assert.Equal("boom", Assert.IsType<SubmissionResult.Failure>(failing).Message.Split(": ").Last());
        Assert.Equal(1, Assert.IsType<SubmissionResult.Success>(after).Value);
    }
}
