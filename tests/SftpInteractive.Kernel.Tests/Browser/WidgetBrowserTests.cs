namespace SftpInteractive.Kernel.Tests.Browser;

/// <summary>Widgets from C# in the real JupyterLab 4 (with @jupyter-widgets/jupyterlab-manager) in Chromium.</summary>
[Collection(JupyterLabBrowser.Name)]
public sealed class WidgetBrowserTests(JupyterLabFixture lab)
{
    [Fact]
    public void Slider_DrivesAComputation_ButtonCallbackRuns()
    {
        var notebook = lab.WriteNotebook("widgets.ipynb",
            """
            var n = new IntSlider(4, 0, 10, description: "n");
            var square = new Label("square: 16");
            n.OnValue(v => square.Value = $"square: {v * v}");
            new VBox(n, square)
            """,
            """
            var clicks = 0;
            var status = new Label("clicked 0 times");
            var button = new Button("Click me");
            button.OnClick(_ => { clicks++; status.Value = $"clicked {clicks} times"; });
            new HBox(button, status)
            """,
            "$\"{n.Value} {clicks}\"");

        var result = lab.RunScenario("widgets.js", new { notebook });

        Assert.Equal("square: 16", result["labelBefore"]!.GetValue<string>());
        Assert.Equal("square: 36", result["labelAfter"]!.GetValue<string>());
        Assert.Equal("6", result["readout"]!.GetValue<string>());
        Assert.Equal("clicked 1 times", result["buttonLabel"]!.GetValue<string>());
        Assert.Equal("6 1", result["session"]!.GetValue<string>());
    }

    [Fact]
    public void Reload_SliderIsRenderedAgainFromRequestStates_AndStillDrivesItsCallback()
    {
        var notebook = lab.WriteNotebook("widgets-reload.ipynb",
            """
            var n = new IntSlider(4, 0, 10, description: "n");
            var square = new Label("square: 16");
            n.OnValue(v => square.Value = $"square: {v * v}");
            new VBox(n, square)
            """,
            "$\"{n.Value} {square.Value}\"");

        var result = lab.RunScenario("widget-reload.js", new { notebook });

        Assert.Equal("square: 16", result["labelBefore"]!.GetValue<string>());
        Assert.True(result["sameKernel"]!.GetValue<bool>());
        Assert.True(result["requestStates"]!.GetValue<int>() > result["requestStatesBeforeReload"]!.GetValue<int>(),
            "the reloaded page did not send request_states");
        Assert.Equal("square: 16", result["labelAfterReload"]!.GetValue<string>());
        Assert.Equal("4", result["readoutAfterReload"]!.GetValue<string>());
        Assert.Equal("square: 64", result["labelAfterDrag"]!.GetValue<string>());
        Assert.Equal("8 square: 64", result["session"]!.GetValue<string>());
    }

    [Fact]
    public void CallbackErrorAndPrint_ShowUnderTheCellThatShowedTheWidget_AndTheKernelGoesOn()
    {
        var notebook = lab.WriteNotebook("widgets-errors.ipynb",
            """
            var boom = new Button("Boom");
            boom.OnClick(_ => throw new InvalidOperationException("boom from a callback"));
            var say = new Button("Say");
            say.OnClick(_ => Console.WriteLine("said from a callback"));
            new HBox(boom, say)
            """,
            "\"kernel answers \" + (1 + 1)");

        var result = lab.RunScenario("widget-errors.js", new { notebook });

        Assert.True(result["errorShown"]!.GetValue<bool>(), "the callback's error did not show in the cell: " + result["cellText"]);
        Assert.True(result["printShown"]!.GetValue<bool>(), "the callback's print did not show in the cell: " + result["cellText"]);
        var inWidget = result["outputWidgetText"]!.GetValue<string>();
        Assert.Contains("InvalidOperationException", inWidget, StringComparison.Ordinal);
        Assert.Contains("boom from a callback", inWidget, StringComparison.Ordinal);
        Assert.Contains("said from a callback", inWidget, StringComparison.Ordinal);
        var mimes = result["outputWidgetMimes"]!.AsArray().Select(m => m!.GetValue<string>()).ToList();
        Assert.Contains("application/vnd.jupyter.stderr", mimes); // the error, rendered as JupyterLab renders errors
        Assert.Contains("application/vnd.jupyter.stdout", mimes);
        Assert.Contains("kernel answers 2", result["after"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Lifecycle_CloseRemovesTheView_InteractPicksASlider_TitlesShow_ACollectedWidgetIsClosed()
    {
        var notebook = lab.WriteNotebook("widgets-lifecycle.ipynb",
            """
            var gone = new Label("close me");
            gone
            """,
            "gone.Close();",
            "Interact.Create((int n = 3) => n * n)",
            """
            var tab = new Tab(new Label("one"), new Label("two"));
            tab.SetTitle(0, "first");
            tab.SetTitle(1, "second");
            var acc = new Accordion(new Label("inside"));
            acc.SetTitle(0, "folded");
            new VBox(tab, acc)
            """,
            """
            var shown = new Label("collect me");
            var id = shown.ModelId;
            shown
            """,
            """
            bool Open() => SftpInteractive.Widgets.Comms.CommHub.OpenComms().ContainsKey(id);
            for (var i = 0; i < 10 && Open(); i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                SpinWait.SpinUntil(() => !Open(), 1000); // the close is sent from the thread pool
            }
            Open()
            """);

        var result = lab.RunScenario("widget-lifecycle.js", new { notebook });

        Assert.Equal("close me", result["labelBefore"]!.GetValue<string>());
        Assert.True(result["labelGoneAfterClose"]!.GetValue<bool>(), "the closed label's view stayed on the page");
        Assert.Equal("3", result["interactReadout"]!.GetValue<string>());
        Assert.Equal("9", result["interactBefore"]!.GetValue<string>());
        var movedTo = int.Parse(result["interactMovedTo"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotEqual(3, movedTo);
        Assert.Equal((movedTo * movedTo).ToString(System.Globalization.CultureInfo.InvariantCulture), result["interactAfter"]!.GetValue<string>());
        Assert.Equal(["first", "second"], result["tabTitles"]!.AsArray().Select(t => t!.GetValue<string>().Trim()));
        Assert.Equal(["folded"], result["accordionTitles"]!.AsArray().Select(t => t!.GetValue<string>().Trim()));
        Assert.Equal("collect me", result["collectLabel"]!.GetValue<string>());
        Assert.Contains("replaced", result["cellAfterRerun"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("false", result["stillOpenAfterCollect"]!.GetValue<string>().Trim());
    }
}
