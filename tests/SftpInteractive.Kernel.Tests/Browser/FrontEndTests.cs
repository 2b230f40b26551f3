namespace SftpInteractive.Kernel.Tests.Browser;

/// <summary>The JupyterLab front end itself, so the widgets and debugger work has only its kernel side to do: the
/// widget manager and the debugger extension are loaded for a notebook on our kernel, and both work in this build
/// against a kernel that already speaks their protocols (Debian's ipykernel, a real kernel: the widget from raw
/// comm messages as the ipywidgets protocol defines them, the debugger through debugpy).</summary>
[Collection(JupyterLabBrowser.Name)]
public sealed class FrontEndTests(JupyterLabFixture lab)
{
    private const string PythonKernel = "python3";

    [Fact]
    public void JupyterLab_NotebookOnOurKernel_HasTheWidgetManagerAndTheDebugger()
    {
        var notebook = lab.WriteNotebook("frontend-extensions.ipynb");

        var result = lab.RunScenario("frontend-extensions.js", new { notebook });

        Assert.Equal(LabNotebook.CSharpKernel, result["kernel"]!.GetValue<string>());
        foreach (var (id, state) in result["plugins"]!.AsObject())
        {
            Assert.True(state!["activated"]!.GetValue<bool>(), $"{id} is not activated: {state.ToJsonString()}");
        }

        Assert.Contains("application/vnd.jupyter.widget-view+json", result["notebookMimeTypes"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Contains("jp-debugger-sidebar", result["rightArea"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.True(result["debuggerButton"]!["present"]!.GetValue<bool>(), result.ToJsonString());
    }

    [Fact]
    public void JupyterLab_WidgetAKernelOpensByComm_RendersAndSendsTheUsersChangeBack()
    {
        RequirePythonKernel();
        var notebook = lab.WriteNotebookFor(PythonKernel, "widget-reference.ipynb");

        var result = lab.RunScenario("widget-slider.js", new
        {
            notebook,
            widgetCell = """
                from ipykernel.comm import Comm
                from IPython.display import display
                state = {"_model_name": "IntSliderModel", "_model_module": "@jupyter-widgets/controls", "_model_module_version": "2.0.0",
                         "_view_name": "IntSliderView", "_view_module": "@jupyter-widgets/controls", "_view_module_version": "2.0.0",
                         "value": 3, "min": 0, "max": 10, "description": "n"}
                slider = Comm(target_name="jupyter.widget", data={"state": state, "buffer_paths": []}, metadata={"version": "2.1.0"})
                values = []
                slider.on_msg(lambda msg: values.append(msg["content"]["data"]["state"]["value"]))
                display({"application/vnd.jupyter.widget-view+json": {"model_id": slider.comm_id, "version_major": 2, "version_minor": 0}}, raw=True)
                """,
            readbackCell = "values[-1]",
            fraction = 0.9,
        });

        Assert.Equal("3", result["readoutBefore"]!.GetValue<string>());
        var after = result["readoutAfter"]!.GetValue<string>();
        Assert.NotEqual("3", after);
        Assert.Equal(after, result["readback"]!.GetValue<string>());
    }

    [Fact]
    public void JupyterLab_DebuggerOnAKernelThatSpeaksTheProtocol_StopsAtAGutterBreakpointAndShowsLocals()
    {
        RequirePythonKernel();
        var notebook = lab.WriteNotebookFor(PythonKernel, "debugger-reference.ipynb");

        var result = lab.RunScenario("debug-breakpoint.js", new
        {
            notebook,
            code = "def f(n):\n    total = 0\n    for i in range(n):\n        total += i\n    return total\nf(4)",
            line = 4,
            variable = "total",
        });

        Assert.Contains("f", result["frames"]!.AsArray().Select(f => f!.GetValue<string>()));
        var names = result["variables"]!.AsArray().Select(v => v!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("i", names);
        Assert.Contains("n", names);
        Assert.Equal(4, result["stops"]!.GetValue<int>());
        Assert.Equal("6", result["output"]!.GetValue<string>());
    }

    private static void RequirePythonKernel()
    {
        if (!File.Exists("/usr/share/jupyter/kernels/python3/kernel.json"))
        {
            Assert.Skip("Debian's ipykernel is not installed (apt-get install python3-ipykernel): the reference kernel for the front end's widgets and debugger");
        }
    }
}
