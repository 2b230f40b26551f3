"""A JupyterLab-like debug session over jupyter_client for debug_scenarios.py: debug_request on control,
debug_event collected from iopub, and the kernel and execute helpers the scenarios share."""
import sys
import threading
import time
from queue import Empty

from jupyter_client.manager import start_new_kernel

KERNEL = "sftpinteractive"
TIMEOUT = 90
STARTED = time.monotonic()


class Debugger:
    """A JupyterLab-like debug session: requests on control, events collected from iopub by a thread."""

    def __init__(self, kc):
        self.kc = kc
        self.seq = 0
        self.events = []
        self.results = {}
        self.condition = threading.Condition()
        self.running = True
        self.thread = threading.Thread(target=self._pump, daemon=True)
        self.thread.start()

    def _pump(self):
        while self.running:
            try:
                msg = self.kc.get_iopub_msg(timeout=0.1)
            except Empty:
                continue
            if msg["msg_type"] == "debug_event":
                with self.condition:
                    self.events.append(msg["content"])
                    self.condition.notify_all()
            elif msg["msg_type"] in ("execute_result", "error"):
                content = msg["content"]
                text = content["data"].get("text/plain") if "data" in content else content["ename"] + ": " + content["evalue"]
                with self.condition:
                    self.results[msg["parent_header"].get("msg_id")] = text
                    self.condition.notify_all()

    def close(self):
        self.running = False
        self.thread.join(5)

    def send(self, command, arguments=None):
        """Sends a request without waiting; its msg_id."""
        self.seq += 1
        msg = self.kc.session.msg("debug_request", {"type": "request", "seq": self.seq, "command": command,
                                                     "arguments": arguments or {}})
        self.kc.control_channel.send(msg)
        return msg["header"]["msg_id"]

    def replies(self, msg_ids, timeout=TIMEOUT):
        """The replies to msg_ids as [msg_id, content] pairs, in the order they arrived."""
        arrived = []
        deadline = time.monotonic() + timeout
        while len(arrived) < len(msg_ids):
            if time.monotonic() >= deadline:
                raise TimeoutError(f"{len(arrived)} of {len(msg_ids)} replies")
            reply = self.kc.get_control_msg(timeout=max(0.1, deadline - time.monotonic()))
            if reply["parent_header"].get("msg_id") in msg_ids:
                arrived.append([reply["parent_header"]["msg_id"], reply["content"]])
        return arrived

    def request(self, command, arguments=None, timeout=TIMEOUT):
        msg_id = self.send(command, arguments)
        try:
            return self.replies([msg_id], timeout)[0][1]
        except TimeoutError:
            raise TimeoutError(command) from None

    def wait_event(self, name, after=0, timeout=TIMEOUT):
        """The first event called name among those received after index `after`."""
        deadline = time.monotonic() + timeout
        with self.condition:
            while time.monotonic() < deadline:
                for event in self.events[after:]:
                    if event["event"] == name:
                        return event
                self.condition.wait(0.2)
        raise TimeoutError(name)

    def mark(self):
        with self.condition:
            return len(self.events)

    def start(self):
        """What JupyterLab sends when the debugger is switched on for a notebook."""
        init = self.request("initialize", {"clientID": "jupyterlab", "clientName": "JupyterLab", "adapterID": "csharp",
                                           "pathFormat": "path", "linesStartAt1": True, "columnsStartAt1": True,
                                           "supportsVariableType": True, "supportsVariablePaging": True,
                                           "supportsRunInTerminalRequest": True, "locale": "en"})
        attach = self.request("attach", {})
        info = self.request("debugInfo")
        self.request("configurationDone")
        return init, attach, info

    def stopped_view(self):
        """What JupyterLab asks on a stop: the stack, the top frame's scopes and their variables."""
        trace = self.request("stackTrace", {"threadId": 1})
        frames = trace["body"]["stackFrames"]
        scopes = self.request("scopes", {"frameId": frames[0]["id"]})["body"]["scopes"]
        variables = {}
        for scope in scopes:
            listed = self.request("variables", {"variablesReference": scope["variablesReference"]})["body"]["variables"]
            variables[scope["name"]] = {v["name"]: v["value"] for v in listed}
        return {"frames": [{"name": f["name"], "line": f["line"], "path": f["source"]["path"]} for f in frames],
                "frame_id": frames[0]["id"], "variables": variables,
                "references": {s["name"]: s["variablesReference"] for s in scopes}}


def step(name):
    """A progress line on stderr, so a scenario killed by the test's limit says which step it was in and when."""
    print(f"[{time.monotonic() - STARTED:7.1f} s] {name}", file=sys.stderr, flush=True)


def reply_to(kc, msg_id, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while True:
        msg = kc.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg["content"]


def run(kc, code):
    return reply_to(kc, kc.execute(code, allow_stdin=False))


def with_kernel(scenario):
    km, kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=TIMEOUT)
    debugger = Debugger(kc)
    try:
        return scenario(km, kc, debugger)
    finally:
        debugger.close()
        kc.stop_channels()
        km.shutdown_kernel(now=True)
