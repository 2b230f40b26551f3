using SftpInteractive.Widgets;

namespace SftpInteractive.Scripting.Tests.Widgets;

/// <summary><see cref="Interact.Create(Delegate, object?)"/> picks each argument's control as ipywidgets' interact
/// does (from the abbreviation named for it, else its default, else its type) and reruns the function on change.</summary>
public sealed class InteractTests
{
    private enum Mode
    {
        Head,
        Tail,
    }

    [Fact]
    public void Controls_FromDefaultsAndTypes()
    {
        var box = Interact.Create((int n = 5, double f = 0.5, bool on = true, string name = "x", Mode mode = Mode.Tail) => $"{n} {f} {on} {name} {mode}");

        var n = Assert.IsType<IntSlider>(box.Children[0]);
        Assert.Equal((5, -5, 15, 1, "n"), (n.Value, n.Min, n.Max, n.Step, n.Description));
        var f = Assert.IsType<FloatSlider>(box.Children[1]);
        Assert.Equal((0.5, -0.5, 1.5, 0.05), (f.Value, f.Min, f.Max, f.Step));
        Assert.True(Assert.IsType<Checkbox>(box.Children[2]).Value);
        Assert.Equal("x", Assert.IsType<Text>(box.Children[3]).Value);
        var mode = Assert.IsType<Dropdown>(box.Children[4]);
        Assert.Equal(["Head", "Tail"], mode.Options);
        Assert.Equal("Tail", mode.Value);
        Assert.Equal("5 0.5 True x Tail", Printed(box));
    }

    [Fact]
    public void Controls_FromAbbreviations_TuplesAndChoices()
    {
        var box = Interact.Create((int lines, double scale, string file, int zero) => $"{lines} {scale} {file} {zero}",
            new { lines = (1, 20, 3), scale = (0.0, 2.0), file = new[] { "a.csv", "b.csv" } });

        var lines = Assert.IsType<IntSlider>(box.Children[0]);
        Assert.Equal((1, 20, 3), (lines.Min, lines.Max, lines.Step));
        Assert.Equal(10, lines.Value); // the middle, on a step: 1 + 9
        var scale = Assert.IsType<FloatSlider>(box.Children[1]);
        Assert.Equal((0.0, 2.0, 1.0), (scale.Min, scale.Max, scale.Value));
        var file = Assert.IsType<Dropdown>(box.Children[2]);
        Assert.Equal(["a.csv", "b.csv"], file.Options);
        var zero = Assert.IsType<IntSlider>(box.Children[3]); // no default: the type's (0), 0 to 10
        Assert.Equal((0, 0, 10), (zero.Value, zero.Min, zero.Max));
        Assert.Equal("10 1 a.csv 0", Printed(box));

        lines.Value = 4;
        file.Value = "b.csv";
        Assert.Equal("4 1 b.csv 0", Printed(box)); // rerun on each change, the last run's output replaces the others
    }

    [Fact]
    public void Controls_AnAbbreviationWithADefault_StartsAtTheDefault()
    {
        var box = Interact.Create((int lines = 3, string file = "b.csv", double scale = 9.0) => $"{lines} {file} {scale}",
            new { lines = (1, 10), file = new[] { "a.csv", "b.csv" }, scale = (0.0, 2.0) });

        Assert.Equal(3, Assert.IsType<IntSlider>(box.Children[0]).Value);
        Assert.Equal("b.csv", Assert.IsType<Dropdown>(box.Children[1]).Value);
        Assert.Equal(1.0, Assert.IsType<FloatSlider>(box.Children[2]).Value); // 9 is out of bounds: the middle
        Assert.Equal("3 b.csv 1", Printed(box));
    }

    [Fact]
    public void Controls_AGivenWidgetIsUsed_AndAnArgumentWithoutAControlIsNamed()
    {
        var mine = new IntSlider(7, 0, 9);
        var box = Interact.Create((int k) => k * 2, new Dictionary<string, object?> { ["k"] = mine });
        Assert.Same(mine, box.Children[0]);
        Assert.Equal("14", Printed(box));

        var e = Assert.Throws<ArgumentException>(() => Interact.Create((Uri where) => where));
        Assert.Contains("'where'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InACell_ALambdaWithDefaults_RerunsOnChange_AndAnExceptionShowsInItsOutput()
    {
        await using var engine = new ScriptEngine();
        var sink = new RecordingSink();

        var result = await engine.ExecuteAsync("""
            var ui = Interact.Create((int n = 2, bool fail = false) => fail ? throw new InvalidOperationException("no " + n) : n * n);
            ((IntSlider)ui.Children[0]).Value = 3;
            var squared = ((Output)ui.Children[2]).Outputs.ToJsonString();
            ((Checkbox)ui.Children[1]).Value = true;
            squared + "\n" + ((Output)ui.Children[2]).Outputs.ToJsonString()
            """, sink, TestContext.Current.CancellationToken);

        var text = Assert.IsType<SubmissionResult.Success>(result).Rendered!.Text;
        Assert.Contains("\"text/plain\":\"9\"", text, StringComparison.Ordinal);
        Assert.Contains("\"ename\":\"InvalidOperationException\"", text, StringComparison.Ordinal);
        Assert.Contains("no 3", text, StringComparison.Ordinal);
        Assert.DoesNotContain("TargetInvocationException", text, StringComparison.Ordinal);
    }

    /// <summary>What the last run left in the Output: the result displayed (once an engine installed the display hook)
    /// or printed (before).</summary>
    private static string Printed(VBox box) =>
        string.Concat(Assert.IsType<Output>(box.Children[^1]).Outputs
            .Select(o => (o!["text"] ?? o["data"]?["text/plain"])?.GetValue<string>())).TrimEnd();
}
