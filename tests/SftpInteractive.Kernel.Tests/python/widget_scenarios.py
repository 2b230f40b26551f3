"""Drives the SftpInteractive kernel's comms and widgets through jupyter_client as a widget front end does
(@jupyter-widgets/base's manager), and prints one JSON object with what happened. WidgetProtocolTests asserts on it.

Usage (Debian's /usr/bin/python3, kernelspec on JUPYTER_PATH):
  widget_scenarios.py protocol     comm_info, the control comm, a slider, updates both ways, echo_update,
                                   request_state, request_states, buffers both ways, a custom click, a failing callback,
                                   an Output widget capturing a callback, close from both sides; every widget state
                                   validated against ipywidgets' schema (widget_schema/)
  widget_scenarios.py explorer ROOT  Explore(ROOT) on the server of ./.env: open a folder, preview a CSV, find,
                                   download, and cancel a large download once its progress bar moved
"""
import json
import os
import sys
import time
import uuid
from queue import Empty

from jupyter_client.manager import start_new_kernel

KERNEL = "sftpinteractive"
TIMEOUT = 60
HERE = os.path.dirname(os.path.abspath(__file__))


class Recorder:
    """Every iopub message, kept in order."""

    def __init__(self, kc):
        self.kc = kc
        self.messages = []

    def drain(self, until_idle_of=None, timeout=TIMEOUT):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                msg = self.kc.get_iopub_msg(timeout=0.5)
            except Empty:
                if until_idle_of is None:
                    return
                continue
            self.messages.append(msg)
            if (until_idle_of is not None and msg["msg_type"] == "status"
                    and msg["content"]["execution_state"] == "idle"
                    and msg["parent_header"].get("msg_id") == until_idle_of):
                return
        raise TimeoutError(f"no idle for {until_idle_of}")

    def of(self, parent_id, msg_type=None):
        return [m for m in self.messages if m["parent_header"].get("msg_id") == parent_id
                and (msg_type is None or m["msg_type"] == msg_type)]


def send_shell(kc, msg_type, content, buffers=None, metadata=None):
    msg = kc.session.msg(msg_type, content, metadata=metadata or {})
    kc.session.send(kc.shell_channel.socket, msg, buffers=buffers or [])
    return msg["header"]["msg_id"]


def execute(kc, rec, code):
    msg_id = kc.execute(code, allow_stdin=False)
    rec.drain(until_idle_of=msg_id)
    reply = None
    deadline = time.monotonic() + TIMEOUT
    while reply is None and time.monotonic() < deadline:
        m = kc.get_shell_msg(timeout=TIMEOUT)
        if m["parent_header"].get("msg_id") == msg_id:
            reply = m["content"]
    result = [m["content"]["data"] for m in rec.of(msg_id, "execute_result")]
    errors = [m["content"]["evalue"] for m in rec.of(msg_id, "error")]
    return msg_id, reply["status"], (result[0] if result else None), errors


def execute_in_cell(kc, rec, code, cell_id):
    """Runs code as JupyterLab runs a notebook cell: the cell's id in the request's metadata."""
    msg_id = send_shell(kc, "execute_request", {"code": code, "silent": False, "store_history": True,
                                                "user_expressions": {}, "allow_stdin": False, "stop_on_error": True},
                        metadata={"cellId": cell_id, "deletedCells": []})
    rec.drain(until_idle_of=msg_id)
    result = [m["content"]["data"] for m in rec.of(msg_id, "execute_result")]
    errors = [m["content"]["evalue"] for m in rec.of(msg_id, "error")]
    return msg_id, ("error" if errors else "ok"), (result[0] if result else None), errors


def wait_for_closes(rec, comm_ids, timeout=20):
    """Collected widgets close from the thread pool: waits (bounded) until each of comm_ids was closed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        closed = {m["content"]["comm_id"] for m in rec.messages if m["msg_type"] == "comm_close"}
        if all(c in closed for c in comm_ids):
            return
        rec.drain(timeout=1)


def comm_msg(kc, rec, comm_id, data, buffers=None):
    msg_id = send_shell(kc, "comm_msg", {"comm_id": comm_id, "data": data}, buffers)
    rec.drain(until_idle_of=msg_id)
    return msg_id


def comm_info(kc, target=None):
    content = {} if target is None else {"target_name": target}
    msg_id = send_shell(kc, "comm_info_request", content)
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        m = kc.get_shell_msg(timeout=TIMEOUT)
        if m["parent_header"].get("msg_id") == msg_id:
            return m["content"]


def opens(rec, parent_id):
    return [m for m in rec.of(parent_id, "comm_open")]


def summary(msg):
    c = msg["content"]
    return {"type": msg["msg_type"], "comm_id": c.get("comm_id"), "target": c.get("target_name"),
            "data": c.get("data"), "metadata": msg["metadata"], "buffers": [bytes(b).hex() for b in msg.get("buffers", [])]}


def validate_states(states, buffered_by_id):
    """states: {model_id: {model_name, model_module, model_module_version, state}} -> list of problems."""
    import jsonschema
    with open(os.path.join(HERE, "widget_schema", "state.schema.json")) as f:
        schema = json.load(f)
    with open(os.path.join(HERE, "widget_schema", "jupyterwidgetmodels.latest.json")) as f:
        models = {m["model"]["name"]: m for m in json.load(f)}
    problems = []
    try:
        jsonschema.validate({"version_major": 2, "version_minor": 0, "state": states}, schema)
    except jsonschema.ValidationError as e:
        problems.append("state.schema.json: " + e.message)
    for model_id, entry in states.items():
        state = entry["state"]
        spec = models.get(entry["model_name"])
        if spec is None:
            problems.append(f"{entry['model_name']}: not a model of the spec")
            continue
        if spec["model"]["module"] != entry["model_module"] or spec["model"]["version"] != entry["model_module_version"]:
            problems.append(f"{entry['model_name']}: module {entry['model_module']} {entry['model_module_version']}")
        attributes = {a["name"]: a for a in spec["attributes"]}
        buffered = set(buffered_by_id.get(model_id, []))
        for name in attributes:
            if name not in state and name not in buffered:
                problems.append(f"{entry['model_name']}.{name}: missing")
        for name, value in state.items():
            a = attributes.get(name)
            if a is None:
                problems.append(f"{entry['model_name']}.{name}: not in the spec")
                continue
            problems += check_type(entry["model_name"] + "." + name, a, value)
    return problems


def check_type(where, a, value):
    if value is None:
        return [] if a.get("allow_none") else [f"{where}: null not allowed"]
    t = a["type"]
    ok = {
        "string": lambda v: isinstance(v, str) and ("enum" not in a or v in a["enum"]),
        "bool": lambda v: isinstance(v, bool),
        "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "float": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
        "array": lambda v: isinstance(v, list),
        "object": lambda v: isinstance(v, dict),
        "reference": lambda v: isinstance(v, str) and v.startswith("IPY_MODEL_"),
        "bytes": lambda v: False,
    }.get(t, lambda v: True)
    if not ok(value):
        return [f"{where}: {value!r} is not a {t}"]
    if t == "array" and a.get("items", {}).get("type") == "reference":
        return [f"{where}: item {v!r}" for v in value if not (isinstance(v, str) and v.startswith("IPY_MODEL_"))]
    return []


def protocol():
    km, kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=TIMEOUT)
    rec = Recorder(kc)
    result = {}
    try:
        rec.drain()
        result["comm_info_empty"] = comm_info(kc)
        # The front end's manager opens the control comm first.
        control_id = uuid.uuid4().hex
        open_id = send_shell(kc, "comm_open", {"comm_id": control_id, "target_name": "jupyter.widget.control", "data": {}},
                             metadata={"version": "1.0.0"})
        rec.drain(until_idle_of=open_id)
        result["control_open_closed"] = [m["content"]["comm_id"] for m in rec.of(open_id, "comm_close")]
        unknown_id = send_shell(kc, "comm_open", {"comm_id": "nope", "target_name": "no.such.target", "data": {}})
        rec.drain(until_idle_of=unknown_id)
        result["unknown_target_closed"] = [m["content"]["comm_id"] for m in rec.of(unknown_id, "comm_close")]

        # The public Comm API: a target registered by a cell, opened by the front end, echoing data and buffers.
        execute(kc, rec, """
using SftpInteractive.Widgets.Comms;
var closedBy = "";
CommHub.RegisterTarget("sftpi.echo", (comm, opening) =>
{
    Console.WriteLine($"opened with {opening.Data["greeting"]}");
    comm.MessageReceived += (_, m) => comm.Send(new System.Text.Json.Nodes.JsonObject { ["echo"] = m.Data.DeepClone() }, m.Buffers);
    comm.Closed += (_, _) => closedBy = "front end";
});""")
        echo_id = uuid.uuid4().hex
        opened = send_shell(kc, "comm_open", {"comm_id": echo_id, "target_name": "sftpi.echo", "data": {"greeting": "hi"}})
        rec.drain(until_idle_of=opened)
        result["echo_open"] = [m["content"] for m in rec.of(opened) if m["msg_type"] in ("stream", "comm_close")]
        echoed = comm_msg(kc, rec, echo_id, {"n": 1}, buffers=[b"\x00\x01\xff"])
        result["echo_reply"] = [summary(m) for m in rec.of(echoed, "comm_msg")]
        closed = send_shell(kc, "comm_close", {"comm_id": echo_id, "data": {}})
        rec.drain(until_idle_of=closed)
        result["echo_closed_by"] = cell_text(kc, rec, "closedBy")

        # A slider whose callback prints and records, created and shown by a cell.
        cell, status, data, _ = execute(kc, rec, """
var seen = new List<int>();
var s = new IntSlider(5, 0, 10, description: "n");
s.ValueChanged += (_, e) => { seen.Add(e.NewValue); Console.WriteLine($"value {e.NewValue} from front end {e.FromFrontEnd}"); };
s""")
        result["slider_cell"] = {"status": status, "data": data, "opens": [summary(m) for m in opens(rec, cell)]}
        slider_id = data["application/vnd.jupyter.widget-view+json"]["model_id"]
        result["comm_info_widgets"] = comm_info(kc, "jupyter.widget")
        result["comm_info_control"] = comm_info(kc, "jupyter.widget.control")

        # Front end -> kernel updates, two in a row without waiting: handled in order, echoed, callbacks print.
        first = send_shell(kc, "comm_msg", {"comm_id": slider_id, "data": {"method": "update", "state": {"value": 7}, "buffer_paths": []}})
        second = send_shell(kc, "comm_msg", {"comm_id": slider_id, "data": {"method": "update", "state": {"value": 8}, "buffer_paths": []}})
        rec.drain(until_idle_of=second)
        result["update_first"] = [summary(m) if m["msg_type"].startswith("comm") else {"type": m["msg_type"], "content": m["content"]}
                                  for m in rec.of(first) if m["msg_type"] != "status"]
        result["update_second"] = [summary(m) if m["msg_type"].startswith("comm") else {"type": m["msg_type"], "content": m["content"]}
                                   for m in rec.of(second) if m["msg_type"] != "status"]
        _, _, data, _ = execute(kc, rec, 'string.Join(",", seen) + " / " + s.Value')
        result["seen_after_updates"] = data["text/plain"]

        # Kernel -> front end update.
        cell, _, _, _ = execute(kc, rec, "s.Value = 3; s.Max = 20;")
        result["kernel_update"] = [summary(m) for m in rec.of(cell, "comm_msg")]

        # request_state.
        req = comm_msg(kc, rec, slider_id, {"method": "request_state"})
        result["request_state"] = [summary(m) for m in rec.of(req, "comm_msg")]

        # Buffers kernel -> front end (an image's bytes) and front end -> kernel (an upload's content).
        cell, _, data, _ = execute(kc, rec, "var img = new ImageWidget(new byte[] { 1, 2, 3 }, \"png\"); img")
        result["image_opens"] = [summary(m) for m in opens(rec, cell)]
        image_id = data["application/vnd.jupyter.widget-view+json"]["model_id"]
        cell, _, data, _ = execute(kc, rec, "var up = new FileUpload(); up.Uploaded += (_, files) => Console.WriteLine($\"got {files.Count}\"); up")
        upload_id = data["application/vnd.jupyter.widget-view+json"]["model_id"]
        up = comm_msg(kc, rec, upload_id, {"method": "update", "state": {"value": [
            {"name": "a.txt", "type": "text/plain", "size": 5, "last_modified": 1700000000000}]},
            "buffer_paths": [["value", 0, "content"]]}, buffers=[b"hello"])
        result["upload_messages"] = [summary(m) if m["msg_type"].startswith("comm") else {"type": m["msg_type"], "content": m["content"]}
                                     for m in rec.of(up) if m["msg_type"] != "status"]
        _, _, data, _ = execute(kc, rec, 'up.Files[0].Name + ":" + System.Text.Encoding.UTF8.GetString(up.Files[0].Content.Span)')
        result["upload_seen"] = data["text/plain"]

        # A button: a click runs its handler in the session; a failing handler shows an error, the kernel goes on.
        cell, _, data, _ = execute(kc, rec, """
var clicks = 0;
var ok = new Button("ok");
ok.Click += (_, _) => { clicks++; Console.WriteLine($"clicked {clicks}"); };
var bad = new Button("bad");
bad.Click += (_, _) => throw new InvalidOperationException("boom in a callback");
var output = new Output();
var cap = new Button("capture");
cap.Click += (_, _) => { using (output.Capture()) { Console.WriteLine("captured line"); display(42); } };
new VBox(ok, bad, cap, output)""")
        result["box_opens"] = [summary(m) for m in opens(rec, cell)]
        ids = {o["data"]["state"].get("description"): o["comm_id"] for o in result["box_opens"] if o["data"]["state"].get("_model_name") == "ButtonModel"}
        click = comm_msg(kc, rec, ids["ok"], {"method": "custom", "content": {"event": "click"}})
        result["click"] = [{"type": m["msg_type"], "content": m["content"]} for m in rec.of(click) if m["msg_type"] != "status"]
        failing = comm_msg(kc, rec, ids["bad"], {"method": "custom", "content": {"event": "click"}})
        result["failing_click"] = [{"type": m["msg_type"], "content": m["content"]} for m in rec.of(failing) if m["msg_type"] != "status"]
        _, status, data, _ = execute(kc, rec, "clicks + 1")
        result["after_failure"] = {"status": status, "value": data["text/plain"], "alive": km.is_alive()}
        captured = comm_msg(kc, rec, ids["capture"], {"method": "custom", "content": {"event": "click"}})
        result["captured_click"] = [summary(m) if m["msg_type"].startswith("comm") else {"type": m["msg_type"], "content": m["content"]}
                                    for m in rec.of(captured) if m["msg_type"] != "status"]

        # A cell the front end names that shows widgets gets one Output of the kernel's own, displayed last: its
        # widgets' callbacks print, display and fail into it (a front end shows output under a cell only while that
        # cell runs), nothing is parented to the click itself, and the kernel goes on.
        view = "application/vnd.jupyter.widget-view+json"
        cell, _, _, _ = execute_in_cell(kc, rec, """
var cellBad = new Button("cell bad");
cellBad.Click += (_, _) => throw new InvalidOperationException("boom under the cell");
var cellPrint = new Button("cell print");
cellPrint.Click += (_, _) => { Console.WriteLine("printed under the cell"); display(43); };
new HBox(cellBad, cellPrint)""", "cell-errors")
        shown = [{"type": m["msg_type"], "model_id": m["content"]["data"].get(view, {}).get("model_id")}
                 for m in rec.of(cell) if m["msg_type"] in ("display_data", "execute_result")]
        cell_opens = [summary(m) for m in opens(rec, cell)]
        output_id = shown[-1]["model_id"] if shown else None
        by_description = {o["data"]["state"].get("description"): o["comm_id"] for o in cell_opens}
        bad_click = comm_msg(kc, rec, by_description["cell bad"], {"method": "custom", "content": {"event": "click"}})
        print_click = comm_msg(kc, rec, by_description["cell print"], {"method": "custom", "content": {"event": "click"}})
        _, status, data, _ = execute(kc, rec, "clicks + 100")

        def output_updates(msg_id):
            return [m["content"]["data"]["state"]["outputs"] for m in rec.of(msg_id, "comm_msg")
                    if m["content"]["comm_id"] == output_id and "outputs" in m["content"]["data"].get("state", {})]

        result["cell_output"] = {
            "shown": shown,
            "output_open": next((o["data"]["state"] for o in cell_opens if o["comm_id"] == output_id), None),
            "bad_other": [m["msg_type"] for m in rec.of(bad_click) if m["msg_type"] not in ("status", "comm_msg")],
            "bad_outputs": output_updates(bad_click),
            "print_other": [m["msg_type"] for m in rec.of(print_click) if m["msg_type"] not in ("status", "comm_msg")],
            "print_outputs": output_updates(print_click),
            "after": {"status": status, "value": data["text/plain"] if data else None, "alive": km.is_alive()},
        }

        # A callback deaf to cancellation: an interrupt gives the kernel back.
        _, _, data, _ = execute(kc, rec, """
var stuck = new Button("stuck");
stuck.Click += (_, _) => { while (true) System.Threading.Thread.Sleep(50); };
stuck""")
        stuck_id = data["application/vnd.jupyter.widget-view+json"]["model_id"]
        stuck_msg = send_shell(kc, "comm_msg", {"comm_id": stuck_id, "data": {"method": "custom", "content": {"event": "click"}}})
        time.sleep(2)
        km.interrupt_kernel()
        rec.drain(until_idle_of=stuck_msg)
        result["stuck_click"] = [m["content"] for m in rec.of(stuck_msg, "error")]
        _, status, data, _ = execute(kc, rec, "clicks + 40")
        result["after_stuck"] = {"status": status, "value": data["text/plain"] if data else None}

        # Every kind of widget, so that the schema check below sees each model.
        execute(kc, rec, """
var every = new Tab(
    new HBox(new FloatSlider(2.5), new IntRangeSlider(2, 4), new FloatRangeSlider(0.5, 1.5)),
    new VBox(new Text("t"), new Textarea("a\\nb"), new Password(), new Checkbox(true, "c"), new ToggleButton(false, "tb")),
    new GridBox(new Dropdown(["x", "y"]), new Select(["x", "y"], "y"), new SelectMultiple(["x", "y"], ["x"]), new RadioButtons(["x", "y"])),
    new Accordion(new IntProgress(30), new FloatProgress(0.5, 0, 1), new Label("l"), new HtmlWidget("<b>h</b>")));
every.SetTitle(0, "sliders");
every""")

        # Collection. A child replaced in a displayed box, which nothing refers to any more, is collected and its
        # comm (and its layout's) closed; a slider shown by a named cell stays while that cell's output may show it,
        # even once no variable holds it, and is closed after the cell runs again (its output replaced); a slider shown
        # with no cell id (a client that sends none) is held until closed.
        collect = "for (var i = 0; i < 3; i++) { GC.Collect(); GC.WaitForPendingFinalizers(); }"
        cell, _, data, _ = execute(kc, rec, 'var holder = new VBox(new Label("old child")); holder')
        old_child = next(o for o in map(summary, opens(rec, cell)) if o["data"]["state"]["_model_name"] == "LabelModel")
        old_layout = old_child["data"]["state"]["layout"][len("IPY_MODEL_"):]
        holder_id = data["application/vnd.jupyter.widget-view+json"]["model_id"]
        _, _, data, _ = execute_in_cell(kc, rec, "var shown = new IntSlider(9); shown", "cell-shown")
        shown_id = data["application/vnd.jupyter.widget-view+json"]["model_id"]
        _, _, data, _ = execute(kc, rec, "new IntSlider(7)")
        anonymous_id = data["application/vnd.jupyter.widget-view+json"]["model_id"]
        execute_in_cell(kc, rec, 'holder.Children = [new Label("new child")];\nshown = null;\n' + collect, "cell-collect")
        execute(kc, rec, collect)  # what the first collection freed in turn
        wait_for_closes(rec, [old_child["comm_id"], old_layout])
        closed = [m["content"]["comm_id"] for m in rec.messages if m["msg_type"] == "comm_close"]
        shown_update = comm_msg(kc, rec, shown_id, {"method": "update", "state": {"value": 4}, "buffer_paths": []})
        shown_echo = [m["content"]["data"]["method"] for m in rec.of(shown_update, "comm_msg")]
        shown_while_displayed = shown_id in closed
        execute_in_cell(kc, rec, "1 + 1", "cell-shown")  # the cell runs again: its output no longer shows the slider
        execute(kc, rec, collect)
        wait_for_closes(rec, [shown_id])
        closed = [m["content"]["comm_id"] for m in rec.messages if m["msg_type"] == "comm_close"]
        result["collected"] = {
            "old_child": old_child["comm_id"] in closed, "old_layout": old_layout in closed,
            "holder": holder_id in closed, "shown_while_displayed": shown_while_displayed,
            "shown_echo": shown_echo, "shown_after_rerun": shown_id in closed, "anonymous": anonymous_id in closed,
            "info": comm_info(kc, "jupyter.widget")["comms"],
            "old_child_id": old_child["comm_id"], "holder_id": holder_id, "shown_id": shown_id, "anonymous_id": anonymous_id}

        # Every widget's state at once, as a reloading front end asks for it.
        states = comm_msg(kc, rec, control_id, {"method": "request_states"})
        update_states = [m for m in rec.of(states, "comm_msg")]
        result["update_states"] = [summary(m) for m in update_states]
        if update_states:
            data = update_states[0]["content"]["data"]
            all_states = data["states"]
            buffered = {}
            for path in data["buffer_paths"]:
                buffered.setdefault(path[0], []).append(path[-1])
            result["schema_problems"] = validate_states(all_states, buffered)
            result["update_states_models"] = sorted({v["model_name"] for v in all_states.values()})

        # Close from the kernel, then from the front end.
        cell, _, _, _ = execute(kc, rec, "s.Close(); s.IsOpen")
        result["kernel_close"] = [summary(m) for m in rec.of(cell, "comm_close")]
        fe_close = send_shell(kc, "comm_close", {"comm_id": image_id, "data": {}})
        rec.drain(until_idle_of=fe_close)
        _, _, data, _ = execute(kc, rec, "img.IsOpen")
        result["front_end_close"] = {"is_open": data["text/plain"], "info": comm_info(kc, "jupyter.widget")}
        return result
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)


def cell_text(kc, rec, code):
    _, status, data, errors = execute(kc, rec, code)
    if status != "ok":
        raise RuntimeError(f"{code}: {errors}")
    return data["text/plain"] if data else None


def click(kc, rec, widget_id):
    return comm_msg(kc, rec, widget_id, {"method": "custom", "content": {"event": "click"}})


def set_value(kc, rec, widget_id, state):
    return comm_msg(kc, rec, widget_id, {"method": "update", "state": state, "buffer_paths": []})


def go_to(kc, rec, path_id, path):
    """Types a path in the explorer's path bar and presses Enter, as the front end sends it."""
    set_value(kc, rec, path_id, {"value": path})
    comm_msg(kc, rec, path_id, {"method": "custom", "content": {"event": "submit"}})


def updates_of(rec, widget_id, key):
    return [m["content"]["data"]["state"][key] for m in rec.messages
            if m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == widget_id
            and m["content"]["data"].get("method") == "update" and key in m["content"]["data"].get("state", {})]


def explorer(data_root):
    """Explore() on the real test server (the .env in the working directory, through a slowing proxy): open a folder,
    preview a CSV, stream a find, download a file, and cancel a download of a large one."""
    km, kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=TIMEOUT)
    rec = Recorder(kc)
    result = PARTIAL
    try:
        rec.drain()
        cell_text(kc, rec, "Connect();")
        cell, status, data, errors = execute(kc, rec, f'var x = Explore("{data_root}", "./dl"); x')
        result["display"] = {"status": status, "errors": errors, "mime": sorted((data or {}).keys()),
                             "text": (data or {}).get("text/plain", ""), "html": (data or {}).get("text/html", "")}
        ids = json.loads(cell_text(kc, rec, 'System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["path"] = x.PathBox.ModelId, ["entries"] = x.Entries.ModelId, ["preview"] = x.Preview.ModelId, ["find"] = x.FindBox.ModelId, ["findButton"] = x.FindButton.ModelId, ["matches"] = x.Matches.ModelId, ["download"] = x.DownloadButton.ModelId, ["cancel"] = x.CancelButton.ModelId, ["progress"] = x.Progress.ModelId, ["status"] = x.Status.ModelId })'))
        ids = json.loads(ids) if isinstance(ids, str) else ids
        result["entries_at_start"] = json.loads(cell_text(kc, rec, "System.Text.Json.JsonSerializer.Serialize(x.Entries.Options)"))
        if isinstance(result["entries_at_start"], str):
            result["entries_at_start"] = json.loads(result["entries_at_start"])

        # Open a folder by selecting it in the entries.
        index = next(i for i, o in enumerate(result["entries_at_start"]) if o.startswith("WMR_Spots/"))
        set_value(kc, rec, ids["entries"], {"index": index})
        result["after_open"] = cell_text(kc, rec, "x.CurrentPath")
        result["path_bar_updates"] = updates_of(rec, ids["path"], "value")

        # Type a path in the path bar, then select a CSV: its preview is a table, read without downloading it.
        go_to(kc, rec, ids["path"], data_root + "/WMR_Spots/North/history")
        options = json.loads(cell_text(kc, rec, "System.Text.Json.JsonSerializer.Serialize(x.Entries.Options)"))
        csv = next(i for i, o in enumerate(options) if o.startswith("wmr") and ".csv" in o)
        set_value(kc, rec, ids["entries"], {"index": csv})
        previews = updates_of(rec, ids["preview"], "value")
        result["preview"] = previews[-1] if previews else None
        result["selected"] = cell_text(kc, rec, "x.SelectedFile")
        result["downloaded_by_preview"] = cell_text(kc, rec, 'Directory.Exists("./dl") && Directory.EnumerateFiles("./dl").Any()')

        # Find streams its matches into the list.
        go_to(kc, rec, ids["path"], data_root + "/WMR_Spots")
        set_value(kc, rec, ids["find"], {"value": "*.csv"})
        click(kc, rec, ids["findButton"])
        result["find_status"] = cell_text(kc, rec, "await x.Running; x.Status.Value")
        result["find_count"] = cell_text(kc, rec, "x.Matches.Options.Count")
        result["matches_updates"] = len(updates_of(rec, ids["matches"], "_options_labels"))

        # Download the selected file: it arrives whole under its name.
        go_to(kc, rec, ids["path"], data_root)
        options = json.loads(cell_text(kc, rec, "System.Text.Json.JsonSerializer.Serialize(x.Entries.Options)"))
        set_value(kc, rec, ids["entries"], {"index": next(i for i, o in enumerate(options) if o.startswith("README.txt"))})
        click(kc, rec, ids["download"])
        result["download_status"] = cell_text(kc, rec, "await x.Running; x.Status.Value")
        result["downloaded"] = cell_text(kc, rec, 'new FileInfo("./dl/README.txt").Length')

        # A large download shows live progress; Cancel stops it and nothing is left under the final name.
        go_to(kc, rec, ids["path"], data_root + "/large")
        options = json.loads(cell_text(kc, rec, "System.Text.Json.JsonSerializer.Serialize(x.Entries.Options)"))
        set_value(kc, rec, ids["entries"], {"index": next(i for i, o in enumerate(options) if o.startswith("big.bin"))})
        result["binary_preview"] = updates_of(rec, ids["preview"], "value")[-1]
        click(kc, rec, ids["download"])
        deadline = time.monotonic() + 120
        live = []
        while time.monotonic() < deadline and not live:
            rec.drain(timeout=1)
            live = [v for v in updates_of(rec, ids["progress"], "value") if 0 < v < 1]
        result["live_progress"] = live[:3]
        click(kc, rec, ids["cancel"])
        result["cancel_status"] = cell_text(kc, rec, "await x.Running; x.Status.Value")
        result["after_cancel"] = cell_text(kc, rec, 'File.Exists("./dl/big.bin")')
        result["progress_after_cancel"] = cell_text(kc, rec, "x.Progress.Value < 1")
        return result
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)


PARTIAL = {}


def main(argv):
    command = argv[1]
    try:
        run(argv, command)
    except Exception as e:
        PARTIAL["scenario_error"] = f"{type(e).__name__}: {e}"
        print(json.dumps(PARTIAL, default=str))
        raise


def run(argv, command):
    if command == "protocol":
        out = protocol()
    elif command == "explorer":
        out = explorer(argv[2])
    else:
        raise SystemExit(f"unknown scenario {command}")
    print(json.dumps(out, default=str))


if __name__ == "__main__":
    main(sys.argv)
