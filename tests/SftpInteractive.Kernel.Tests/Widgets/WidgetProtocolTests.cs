using System.Text.Json.Nodes;
using SftpInteractive.Kernel.Tests.Client;

namespace SftpInteractive.Kernel.Tests.Widgets;

/// <summary>Comms and the ipywidgets 8 protocol (2.1.0) of the real kernel process, driven through jupyter_client as a
/// widget front end drives it: what goes over the wire for open, update both ways, echo_update, request_state,
/// request_states, buffers both ways, custom clicks, a failing callback, an Output widget and close.</summary>
[Collection(JupyterProcesses.Name)]
public sealed class WidgetProtocolTests(WidgetProtocolRun run) : IClassFixture<WidgetProtocolRun>
{
    private static string Text(JsonNode? node) => node?.ToJsonString() ?? "null";

    [Fact]
    public void CommInfo_NoCommsAtFirst_ThenFilteredByTarget()
    {
        var r = run.Get();
        Assert.Empty(r["comm_info_empty"]!["comms"]!.AsObject());
        var widgets = r["comm_info_widgets"]!["comms"]!.AsObject();
        Assert.Equal(3, widgets.Count); // the slider, its layout and its style
        Assert.All(widgets, p => Assert.Equal("jupyter.widget", p.Value!["target_name"]!.GetValue<string>()));
        var control = r["comm_info_control"]!["comms"]!.AsObject();
        Assert.Single(control);
        Assert.Equal("jupyter.widget.control", control.Single().Value!["target_name"]!.GetValue<string>());
    }

    [Fact]
    public void CommOpen_UnknownTarget_IsClosed_ControlTargetIsKept()
    {
        var r = run.Get();
        Assert.Equal(["nope"], r["unknown_target_closed"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Empty(r["control_open_closed"]!.AsArray());
    }

    [Fact]
    public void CommApi_TargetOpenedByTheFrontEnd_EchoesDataAndBuffers_SeesTheFrontEndClose()
    {
        var r = run.Get();
        Assert.Equal("opened with hi\n", Assert.Single(r["echo_open"]!.AsArray())!["text"]!.GetValue<string>());
        var reply = Assert.Single(r["echo_reply"]!.AsArray())!;
        Assert.Equal("""{"echo":{"n":1}}""", Text(reply["data"]));
        Assert.Equal(["0001ff"], reply["buffers"]!.AsArray().Select(b => b!.GetValue<string>()));
        Assert.Equal("front end", r["echo_closed_by"]!.GetValue<string>());
    }

    [Fact]
    public void Display_OpensLayoutAndStyleFirst_ThenTheWidget_WithProtocolVersionAndViewBundle()
    {
        var cell = run.Get()["slider_cell"]!;
        var opens = cell["opens"]!.AsArray();
        Assert.Equal(["LayoutModel", "SliderStyleModel", "IntSliderModel"], opens.Select(o => o!["data"]!["state"]!["_model_name"]!.GetValue<string>()));
        Assert.All(opens, o => Assert.Equal("2.1.0", o!["metadata"]!["version"]!.GetValue<string>()));
        var slider = opens[2]!;
        var state = slider["data"]!["state"]!;
        Assert.Equal(5, state["value"]!.GetValue<int>());
        Assert.Equal("n", state["description"]!.GetValue<string>());
        Assert.Equal("IPY_MODEL_" + opens[0]!["comm_id"]!.GetValue<string>(), state["layout"]!.GetValue<string>());
        var view = cell["data"]!["application/vnd.jupyter.widget-view+json"]!;
        Assert.Equal(slider["comm_id"]!.GetValue<string>(), view["model_id"]!.GetValue<string>());
        Assert.Equal(2, view["version_major"]!.GetValue<int>());
        Assert.Equal("IntSlider(value=5, description='n')", cell["data"]!["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public void UpdateFromFrontEnd_IsEchoed_ThenItsCallbackRunsInOrder_OutputParentedToTheCommMsg()
    {
        var r = run.Get();
        var first = r["update_first"]!.AsArray();
        Assert.Equal("echo_update", first[0]!["data"]!["method"]!.GetValue<string>());
        Assert.Equal("""{"value":7}""", Text(first[0]!["data"]!["state"]));
        Assert.Equal("value 7 from front end True\n", first[1]!["content"]!["text"]!.GetValue<string>());
        Assert.Equal("value 8 from front end True\n", r["update_second"]!.AsArray()[1]!["content"]!["text"]!.GetValue<string>());
        Assert.Equal("7,8 / 8", r["seen_after_updates"]!.GetValue<string>()); // the callback saw and changed session state
    }

    [Fact]
    public void UpdateFromKernel_SendsOnlyTheChangedAttribute()
    {
        var updates = run.Get()["kernel_update"]!.AsArray();
        Assert.Equal(["""{"value":3}""", """{"max":20}"""], updates.Select(u => Text(u!["data"]!["state"])));
        Assert.All(updates, u => Assert.Equal("update", u!["data"]!["method"]!.GetValue<string>()));
    }

    [Fact]
    public void RequestState_SendsTheWholeCurrentState()
    {
        var update = Assert.Single(run.Get()["request_state"]!.AsArray())!["data"]!;
        Assert.Equal("update", update["method"]!.GetValue<string>());
        Assert.Equal(3, update["state"]!["value"]!.GetValue<int>());
        Assert.Equal(20, update["state"]!["max"]!.GetValue<int>());
        Assert.Equal("IntSliderView", update["state"]!["_view_name"]!.GetValue<string>());
    }

    [Fact]
    public void Buffers_ImageBytesGoOutAsABuffer_UploadContentComesInAsOne_NotEchoed()
    {
        var r = run.Get();
        var image = r["image_opens"]!.AsArray().Single(o => o!["data"]!["state"]!["_model_name"]!.GetValue<string>() == "ImageModel")!;
        Assert.Equal("""[["value"]]""", Text(image["data"]!["buffer_paths"]));
        Assert.Equal(["010203"], image["buffers"]!.AsArray().Select(b => b!.GetValue<string>()));
        Assert.Null(image["data"]!["state"]!["value"]);
        Assert.Equal("a.txt:hello", r["upload_seen"]!.GetValue<string>());
        var messages = r["upload_messages"]!.AsArray();
        Assert.DoesNotContain(messages, m => m!["type"]!.GetValue<string>() == "comm_msg"); // the upload's value is not echoed
        Assert.Contains(messages, m => m!["content"]?["text"]?.GetValue<string>() == "got 1\n");
    }

    [Fact]
    public void ButtonClick_RunsItsHandler_AFailingHandlerShowsAnError_AndTheKernelGoesOn()
    {
        var r = run.Get();
        Assert.Equal("clicked 1\n", Assert.Single(r["click"]!.AsArray())!["content"]!["text"]!.GetValue<string>());
        var error = Assert.Single(r["failing_click"]!.AsArray())!;
        Assert.Equal("error", error["type"]!.GetValue<string>());
        Assert.Equal("InvalidOperationException", error["content"]!["ename"]!.GetValue<string>());
        Assert.Contains("boom in a callback", error["content"]!["evalue"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("ok", r["after_failure"]!["status"]!.GetValue<string>());
        Assert.Equal("2", r["after_failure"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void CellThatShowsWidgets_GetsTheKernelsOutputLast_ItsCallbacksFailAndPrintIntoIt_AndTheKernelGoesOn()
    {
        var c = run.Get()["cell_output"]!;
        // The box, then the kernel's Output: an empty OutputModel, displayed in the same cell.
        var shown = c["shown"]!.AsArray();
        Assert.Equal(["execute_result", "display_data"], shown.Select(s => s!["type"]!.GetValue<string>()));
        var open = c["output_open"]!;
        Assert.Equal("OutputModel", open["_model_name"]!.GetValue<string>());
        Assert.Empty(open["outputs"]!.AsArray());

        // The failing click: its error goes into the Output, nothing (no error, no stream) to the click's parent.
        Assert.Empty(c["bad_other"]!.AsArray());
        var error = Assert.Single(c["bad_outputs"]!.AsArray()[^1]!.AsArray())!;
        Assert.Equal("error", error["output_type"]!.GetValue<string>());
        Assert.Equal("InvalidOperationException", error["ename"]!.GetValue<string>());
        Assert.Contains("boom under the cell", error["evalue"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotEmpty(error["traceback"]!.AsArray());

        // A printing, displaying click: after the error, in the same Output.
        Assert.Empty(c["print_other"]!.AsArray());
        var outputs = c["print_outputs"]!.AsArray()[^1]!.AsArray();
        Assert.Equal(["error", "stream", "display_data"], outputs.Select(o => o!["output_type"]!.GetValue<string>()));
        Assert.Equal("printed under the cell\n", outputs[1]!["text"]!.GetValue<string>());
        Assert.Equal("43", outputs[2]!["data"]!["text/plain"]!.GetValue<string>());

        Assert.Equal("ok", c["after"]!["status"]!.GetValue<string>());
        Assert.Equal("101", c["after"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void Interrupt_CallbackIgnoringCancellation_IsAbandoned_AndTheNextCellRuns()
    {
        var r = run.Get();
        Assert.Equal("Cancelled", Assert.Single(r["stuck_click"]!.AsArray())!["ename"]!.GetValue<string>());
        Assert.Equal("ok", r["after_stuck"]!["status"]!.GetValue<string>());
        Assert.Equal("41", r["after_stuck"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void OutputWidget_CapturesWhatACallbackPrintsAndDisplays_NothingGoesToTheCell()
    {
        var messages = run.Get()["captured_click"]!.AsArray();
        Assert.All(messages, m => Assert.Equal("comm_msg", m!["type"]!.GetValue<string>()));
        var outputs = messages[^1]!["data"]!["state"]!["outputs"]!.AsArray();
        Assert.Equal("captured line\n", outputs[0]!["text"]!.GetValue<string>());
        Assert.Equal("display_data", outputs[1]!["output_type"]!.GetValue<string>());
        Assert.Equal("42", outputs[1]!["data"]!["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public void RequestStates_OnTheControlComm_SendsEveryWidget_ValidAgainstTheSchema()
    {
        var r = run.Get();
        var update = Assert.Single(r["update_states"]!.AsArray())!["data"]!;
        Assert.Equal("update_states", update["method"]!.GetValue<string>());
        Assert.Contains(update["buffer_paths"]!.AsArray(), p => p!.AsArray().Count == 3 && p[1]!.GetValue<string>() == "state" && p[2]!.GetValue<string>() == "value");
        var models = r["update_states_models"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        Assert.Equal(36, models.Count); // every model the library builds, each state checked below
        Assert.Contains("AccordionModel", models);
        Assert.Contains("TextStyleModel", models);
        Assert.Empty(r["schema_problems"]!.AsArray().Select(p => p!.GetValue<string>()));
    }

    [Fact]
    public void Collected_AWidgetNothingHolds_IsClosed_ADisplayedOneStaysUntilItsCellRunsAgain()
    {
        var r = run.Get();
        var c = r["collected"]!;
        Assert.True(c["old_child"]!.GetValue<bool>(), "the replaced child was collected without comm_close");
        Assert.True(c["old_layout"]!.GetValue<bool>(), "the replaced child's layout was collected without comm_close");
        Assert.False(c["holder"]!.GetValue<bool>()); // in a variable
        Assert.False(c["shown_while_displayed"]!.GetValue<bool>()); // its variable is null, its cell's output shows it
        Assert.Equal("echo_update", Assert.Single(c["shown_echo"]!.AsArray())!.GetValue<string>());
        Assert.True(c["shown_after_rerun"]!.GetValue<bool>(), "the slider of a cell run again was not closed");
        Assert.False(c["anonymous"]!.GetValue<bool>()); // shown with no cell id: held until closed
        var info = c["info"]!.AsObject();
        Assert.False(info.ContainsKey(c["old_child_id"]!.GetValue<string>()));
        Assert.False(info.ContainsKey(c["shown_id"]!.GetValue<string>()));
        Assert.True(info.ContainsKey(c["holder_id"]!.GetValue<string>()));
        Assert.True(info.ContainsKey(c["anonymous_id"]!.GetValue<string>()));
        var states = Assert.Single(r["update_states"]!.AsArray())!["data"]!["states"]!.AsObject();
        Assert.False(states.ContainsKey(c["old_child_id"]!.GetValue<string>()));
        Assert.True(states.ContainsKey(c["anonymous_id"]!.GetValue<string>()));
    }

    [Fact]
    public void Close_FromTheKernelSendsCommClose_FromTheFrontEndForgetsTheComm()
    {
        var r = run.Get();
        Assert.Single(r["kernel_close"]!.AsArray());
        Assert.Equal("false", r["front_end_close"]!["is_open"]!.GetValue<string>());
        Assert.DoesNotContain(r["kernel_close"]![0]!["comm_id"]!.GetValue<string>(), r["front_end_close"]!["info"]!["comms"]!.AsObject().Select(p => p.Key));
    }
}
