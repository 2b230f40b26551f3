"""Drives the SftpInteractive kernel through jupyter_client / nbclient, as front ends do, and prints one JSON
object with what happened. The xunit tests (KernelClientTests) run these and assert on the JSON.

Usage (Debian's /usr/bin/python3, kernelspec on JUPYTER_PATH):
  kernel_scenarios.py interrupt [SETUP_CODE] CELL   interrupt CELL after 2 s; then run 1+1
  kernel_scenarios.py complete-while-running        completion and inspect while a cell runs
  kernel_scenarios.py transfer SETUP CELL [SECONDS] run SETUP, then CELL collecting its outputs; with SECONDS,
                                                    interrupt CELL that long after its first display_data; then 1+1
  kernel_scenarios.py restart                       set a variable, restart_kernel(), then run cells in the new kernel
  kernel_scenarios.py notebook IN.ipynb OUT.ipynb   execute a notebook with nbclient
  kernel_scenarios.py prompt CELL                   run CELL answering input_request from SFTPI_ANSWER_PASSWORD and
                                                    a TOTP from SFTPI_ANSWER_TOTP_SECRET; then CELL with allow_stdin off
  kernel_scenarios.py session CELLS.json CAPTURE.jsonl KERNEL.log
                                                    run each {"code", "allow_stdin"} of CELLS.json (input_request
                                                    answered as in prompt), then complete, inspect, history and
                                                    kernel_info on control; every message the kernel sends on shell,
                                                    iopub, stdin and control goes to CAPTURE.jsonl, its stdout and
                                                    stderr to KERNEL.log
  kernel_scenarios.py cells CELLS.json              run each code of CELLS.json {"cells": [...], "complete": [[code, cursor]],
                                                    "inspect": [[code, cursor]]} collecting every output's whole
                                                    content (MIME bundles), then the complete and inspect replies
  kernel_scenarios.py notebook-server               start the classic Jupyter Notebook server (python3 -m notebook) and
                                                    drive the kernel as the browser does: REST to create, interrupt,
                                                    restart and delete it, JSON messages over its websocket channels
"""
import json
import os
import sys
import tempfile
import time
from queue import Empty

from jupyter_client.manager import start_new_kernel

KERNEL = "sftpinteractive"
TIMEOUT = 60


def reply_to(kc, msg_id, timeout):
    deadline = time.monotonic() + timeout
    while True:
        msg = kc.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def run_cell(kc, code, timeout=TIMEOUT):
    msg_id = kc.execute(code, allow_stdin=False)
    reply = reply_to(kc, msg_id, timeout)
    return reply["content"]


def interrupted_then_usable(km, kc, reply, result):
    """Records how the interrupted cell ended, then runs 1+1 to show the kernel is still usable."""
    result["status"] = reply["status"]
    result["ename"] = reply.get("ename")
    result["evalue"] = reply.get("evalue")
    after = kc.execute_interactive("1+1", timeout=30, output_hook=lambda m: result.setdefault("after_outputs", []).append(m["content"]))
    result["after_status"] = after["content"]["status"]
    result["alive"] = km.is_alive()
    return result


def interrupt(setup, cell):
    km, kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=TIMEOUT)
    try:
        result = {}
        if setup:
            result["setup"] = run_cell(kc, setup)["status"]
        msg_id = kc.execute(cell)
        time.sleep(2)
        started = time.monotonic()
        km.interrupt_kernel()
        reply = reply_to(kc, msg_id, 20)["content"]
        result["seconds_to_reply"] = time.monotonic() - started
        return interrupted_then_usable(km, kc, reply, result)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)


def complete_while_running():
    """The cell waits (at most 120 s) until a release file exists; the file is written only after the complete and
    inspect replies came, so `released` says both were answered while the cell was still running, however slow the
    machine."""
    km, kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=TIMEOUT)
    release = tempfile.mktemp(prefix="sftpi-release-")
    try:
        run_cell(kc, "1")  # warm
        run_id = kc.execute(
            "var released = false; var waited = System.Diagnostics.Stopwatch.StartNew();\n"
            f"while (!(released = System.IO.File.Exists({json.dumps(release)})) && waited.Elapsed.TotalSeconds < 120) "
            "System.Threading.Thread.Sleep(20);\n"
            "released")
        iopub_for(kc, run_id, lambda m: m["msg_type"] == "status" and m["content"]["execution_state"] == "busy")
        complete_id = kc.complete("Console.WriteLi")
        complete = reply_to(kc, complete_id, TIMEOUT)
        inspect_id = kc.inspect("Console.WriteLine")
        inspect = reply_to(kc, inspect_id, TIMEOUT)
        open(release, "w").close()
        execute = reply_to(kc, run_id, 150)
        result = iopub_for(kc, run_id, lambda m: m["msg_type"] == "execute_result")
        return {
            "matches": complete["content"]["matches"],
            "inspect_found": inspect["content"]["found"],
            "execute_status": execute["content"]["status"],
            "cell_still_running_when_answered": result["content"]["data"]["text/plain"].lower() == "true",
        }
    finally:
        if os.path.exists(release):
            os.remove(release)
        kc.stop_channels()
        km.shutdown_kernel(now=False)


def iopub_for(kc, msg_id, wanted, timeout=TIMEOUT):
    """The first IOPub message of the request msg_id that `wanted` accepts (others are dropped)."""
    deadline = time.monotonic() + timeout
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") == msg_id and wanted(msg):
            return msg


def output_of(msg):
    content = msg["content"]
    return {"type": msg["msg_type"], "display_id": content.get("transient", {}).get("display_id"),
            "text": content.get("data", {}).get("text/plain", content.get("text")), "ename": content.get("ename"),
            "name": content.get("name")}


def transfer(setup, cell, interrupt_after):
    """Runs CELL and records its iopub outputs in order; optionally interrupts it once its progress shows."""
    km, kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=TIMEOUT)
    try:
        result = {"setup": run_cell(kc, setup)["status"]}
        msg_id = kc.execute(cell, allow_stdin=False)
        outputs = []
        reply = None
        first_progress = interrupted_at = replied_at = None
        deadline = time.monotonic() + 3 * TIMEOUT
        idle = False
        while not idle and time.monotonic() < deadline:
            try:
                msg = kc.get_iopub_msg(timeout=0.05)
                if msg["parent_header"].get("msg_id") == msg_id:
                    if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                        idle = True
                    elif msg["msg_type"] in ("display_data", "update_display_data", "execute_result", "error", "stream"):
                        outputs.append(output_of(msg))
                        if msg["msg_type"] == "display_data" and first_progress is None:
                            first_progress = time.monotonic()
            except Empty:
                pass
            if interrupt_after is not None and first_progress is not None and interrupted_at is None \
                    and time.monotonic() - first_progress >= interrupt_after:
                interrupted_at = time.monotonic()
                km.interrupt_kernel()
            if reply is None:
                try:
                    msg = kc.get_shell_msg(timeout=0.01)
                    if msg["parent_header"].get("msg_id") == msg_id:
                        reply = msg["content"]
                        replied_at = time.monotonic()
                except Empty:
                    pass
        if reply is None:
            reply = reply_to(kc, msg_id, TIMEOUT)["content"]
            replied_at = time.monotonic()
        result["outputs"] = outputs
        result["interrupted"] = interrupted_at is not None
        if interrupted_at is not None:
            result["seconds_to_reply"] = replied_at - interrupted_at
        return interrupted_then_usable(km, kc, reply, result)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)


def restart():
    """jupyter_client's restart_kernel: the old kernel shuts itself down (shutdown_request, restart=true), a new one
    starts on the same connection file, and cells run in it with fresh state."""
    km, kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=TIMEOUT)
    try:
        result = {"before": run_cell(kc, "var kept = 5;")["status"]}
        old = km.provisioner.process
        km.restart_kernel(now=False)
        kc.wait_for_ready(timeout=TIMEOUT)
        result["old_exit_code"] = old.poll()
        result["new_process"] = km.provisioner.process is not old
        outputs = []
        reply = kc.execute_interactive("6*7", timeout=TIMEOUT, output_hook=lambda m: outputs.append(m["content"]))
        result["after_status"] = reply["content"]["status"]
        result["after_outputs"] = outputs
        forgotten = run_cell(kc, "kept")
        result["forgotten_status"] = forgotten["status"]
        result["forgotten_evalue"] = forgotten.get("evalue")
        result["alive"] = km.is_alive()
        return result
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)


def notebook(path_in, path_out):
    import os

    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path_in, as_version=4)
    client = NotebookClient(nb, kernel_name=KERNEL, timeout=TIMEOUT, startup_timeout=TIMEOUT,
                            resources={"metadata": {"path": os.path.dirname(os.path.abspath(path_in))}})
    client.execute()
    nbformat.write(nb, path_out)
    return {"cells": len(nb.cells), "written": path_out}


def totp(secret_b32, step=30, digits=6):
    import base64
    import hashlib
    import hmac
    import struct

    key = base64.b32decode(secret_b32.upper() + "=" * (-len(secret_b32) % 8))
    mac = hmac.new(key, struct.pack(">Q", int(time.time()) // step), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    code = (struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF) % (10 ** digits)
    return str(code).zfill(digits)


def prompt(cell):
    import os

    password = os.environ["SFTPI_ANSWER_PASSWORD"]
    secret = os.environ["SFTPI_ANSWER_TOTP_SECRET"]
    km, kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=TIMEOUT)
    try:
        prompts = []
        msg_id = kc.execute(cell, allow_stdin=True)
        deadline = time.monotonic() + TIMEOUT
        reply = None
        while reply is None and time.monotonic() < deadline:
            try:
                request = kc.get_stdin_msg(timeout=0.2)
                text = request["content"]["prompt"]
                prompts.append({"prompt": text, "password": request["content"]["password"],
                                "parent_ok": request["parent_header"].get("msg_id") == msg_id})
                kc.input(totp(secret) if "erification" in text else password)
            except Empty:
                pass
            try:
                msg = kc.get_shell_msg(timeout=0.05)
                if msg["parent_header"].get("msg_id") == msg_id:
                    reply = msg["content"]
            except Empty:
                pass
        iopub = []
        while True:
            try:
                iopub.append(kc.get_iopub_msg(timeout=0.5))
            except Empty:
                break
        leaked = any(password in json.dumps(m["content"]) for m in iopub)
        no_stdin = run_cell(kc, cell.replace("Connect()", "Disconnect(); Connect()"))
        return {"prompts": prompts, "status": reply and reply["status"], "evalue": reply and reply.get("evalue"),
                "password_leaked": leaked, "no_stdin_status": no_stdin["status"], "no_stdin_evalue": no_stdin.get("evalue")}
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)


def session(cells_path, capture_path, log_path):
    import os
    from queue import Empty

    with open(cells_path) as f:
        cells = json.load(f)
    password = os.environ.get("SFTPI_ANSWER_PASSWORD", "")
    secret = os.environ.get("SFTPI_ANSWER_TOTP_SECRET", "")
    log = open(log_path, "w")
    capture = open(capture_path, "w")
    km, kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=TIMEOUT, stdout=log, stderr=log)
    channels = {"shell": kc.get_shell_msg, "iopub": kc.get_iopub_msg, "stdin": kc.get_stdin_msg, "control": kc.get_control_msg}
    codes = []  # the TOTP codes typed (the password is never written out, even here)

    def record(channel, msg):
        capture.write(json.dumps({"channel": channel, "msg_type": msg["msg_type"], "header": msg["header"],
                                  "parent_header": msg["parent_header"], "metadata": msg["metadata"],
                                  "content": msg["content"]}, default=str) + "\n")

    def pump(msg_id, reply_channel, timeout=TIMEOUT, wait_for_idle=True):
        """Records every message until the reply to msg_id and its iopub idle arrived; answers input requests."""
        reply, idle = None, not wait_for_idle
        deadline = time.monotonic() + timeout
        while (reply is None or not idle) and time.monotonic() < deadline:
            for channel, get in channels.items():
                try:
                    msg = get(timeout=0.02)
                except Empty:
                    continue
                record(channel, msg)
                parent = msg["parent_header"].get("msg_id")
                if channel == "stdin" and msg["msg_type"] == "input_request":
                    if "erification" in msg["content"]["prompt"]:
                        codes.append(totp(secret))
                        kc.input(codes[-1])
                    else:
                        kc.input(password)
                elif channel == reply_channel and parent == msg_id:
                    reply = msg["content"]
                elif channel == "iopub" and parent == msg_id and msg["content"].get("execution_state") == "idle":
                    idle = True
        return reply

    try:
        statuses = []
        for cell in cells:
            msg_id = kc.execute(cell["code"], allow_stdin=cell.get("allow_stdin", False))
            reply = pump(msg_id, "shell")
            statuses.append({"status": reply and reply["status"], "ename": reply and reply.get("ename"),
                             "evalue": reply and reply.get("evalue")})
        pump(kc.complete("Session.Sett"), "shell")
        pump(kc.inspect("Explain"), "shell")
        pump(kc.history(hist_access_type="tail", n=100), "shell")
        pump(kc.kernel_info(), "shell")
        for request in ("kernel_info_request", "interrupt_request", "shutdown_request"):
            msg = kc.session.msg(request, {"restart": False} if request == "shutdown_request" else {})
            kc.control_channel.send(msg)
            pump(msg["header"]["msg_id"], "control", wait_for_idle=request == "kernel_info_request")
        time.sleep(0.5)
        pump(None, "none", timeout=0.5, wait_for_idle=False)  # whatever the kernel still says while it stops
        return {"cells": statuses, "totp_codes": codes}
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)
        capture.close()
        log.close()


def run_cells(path):
    with open(path) as f:
        spec = json.load(f)
    km, kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=TIMEOUT)
    try:
        result = {"cells": [], "complete": [], "inspect": []}
        for code in spec.get("cells", []):
            outputs = []

            def hook(msg, outputs=outputs):
                if msg["msg_type"] in ("display_data", "update_display_data", "execute_result", "error", "stream"):
                    outputs.append({"type": msg["msg_type"], **msg["content"]})

            reply = kc.execute_interactive(code, timeout=TIMEOUT, output_hook=hook, allow_stdin=False)["content"]
            result["cells"].append({"status": reply["status"], "ename": reply.get("ename"), "evalue": reply.get("evalue"),
                                    "outputs": outputs})
        for code, cursor in spec.get("complete", []):
            result["complete"].append(reply_to(kc, kc.complete(code, cursor), TIMEOUT)["content"])
        for code, cursor in spec.get("inspect", []):
            result["inspect"].append(reply_to(kc, kc.inspect(code, cursor), TIMEOUT)["content"])
        return result
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)


def notebook_server():
    """The classic Notebook server between us and the kernel, driven like the browser: the kernel created, interrupted,
    restarted and deleted through the REST API, messages sent as JSON (with a channel field) over the kernel's
    websocket. The server inherits JUPYTER_PATH and friends, so it finds the kernelspec only in the test's prefix."""
    import asyncio
    import os
    import secrets
    import signal
    import socket
    import subprocess
    import uuid
    from datetime import datetime, timezone

    from tornado.httpclient import AsyncHTTPClient, HTTPRequest
    from tornado.websocket import websocket_connect

    root = os.getcwd()
    token = secrets.token_hex(24)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    auth = {"Authorization": f"token {token}"}
    log_path = os.path.join(root, "notebook-server.log")
    log = open(log_path, "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "notebook", "--no-browser", "--allow-root", "--ip", "127.0.0.1", f"--port={port}",
         "--port-retries=0", f"--notebook-dir={root}", f"--NotebookApp.token={token}", "--NotebookApp.password="],
        cwd=root, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    http = AsyncHTTPClient()
    session_id = uuid.uuid4().hex
    result = {}

    async def rest(method, path, body=None, timeout=TIMEOUT):
        response = await http.fetch(HTTPRequest(base + path, method=method, headers=auth, request_timeout=timeout,
                                                body=None if body is None and method != "POST" else json.dumps(body or {})),
                                    raise_error=False)
        text = response.body.decode() if response.body else ""
        return response.code, (json.loads(text) if text.startswith(("{", "[")) else text)

    async def wait_for_server():
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise RuntimeError(f"notebook server exited {server.returncode}")
            try:
                code, _ = await rest("GET", "/api/status", timeout=5)
                if code == 200:
                    return
            except OSError:
                pass
            await asyncio.sleep(0.25)
        raise TimeoutError("notebook server did not answer")

    async def connect(kernel_id):
        url = f"ws://127.0.0.1:{port}/api/kernels/{kernel_id}/channels?session_id={session_id}&token={token}"
        return await websocket_connect(HTTPRequest(url, request_timeout=TIMEOUT))

    def message(msg_type, content, channel="shell"):
        return {"header": {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "username": "browser", "session": session_id,
                           "date": datetime.now(timezone.utc).isoformat(), "version": "5.3"},
                "parent_header": {}, "metadata": {}, "content": content, "channel": channel, "buffers": []}

    async def receive(ws, timeout):
        raw = await asyncio.wait_for(ws.read_message(), timeout)
        if raw is None:
            raise ConnectionError("websocket closed")
        if isinstance(raw, bytes):
            from notebook.base.zmqhandlers import deserialize_binary_message
            return deserialize_binary_message(raw)
        return json.loads(raw)

    async def request(ws, msg_type, content, timeout=TIMEOUT, during=None):
        """Sends one request; collects its iopub outputs until the reply and the idle status both arrived. during,
        if given, runs once the kernel reports busy for it (the interrupt)."""
        msg = message(msg_type, content)
        msg_id = msg["header"]["msg_id"]
        await ws.write_message(json.dumps(msg))
        reply, idle, outputs, reply_channel = None, False, [], None
        deadline = time.monotonic() + timeout
        while reply is None or not idle:
            incoming = await receive(ws, max(0.1, deadline - time.monotonic()))
            if incoming["parent_header"].get("msg_id") != msg_id:
                continue
            if incoming["channel"] == "iopub":
                if incoming["msg_type"] == "status":
                    state = incoming["content"]["execution_state"]
                    idle = idle or state == "idle"
                    if state == "busy" and during is not None:
                        await during()
                        during = None
                elif incoming["msg_type"] in ("execute_result", "display_data", "stream", "error"):
                    outputs.append(output_of(incoming))
            elif incoming["msg_type"].endswith("_reply"):
                reply, reply_channel = incoming["content"], incoming["channel"]
        return {"status": reply.get("status"), "ename": reply.get("ename"), "evalue": reply.get("evalue"),
                "reply_channel": reply_channel, "outputs": outputs, "content": reply}

    def execute(code):
        return {"code": code, "silent": False, "store_history": True, "user_expressions": {}, "allow_stdin": False,
                "stop_on_error": True}

    async def drive():
        await wait_for_server()
        result["server_started"] = True
        code, model = await rest("POST", "/api/kernels", {"name": KERNEL})
        result["create_code"], result["kernel_name"] = code, model.get("name")
        kernel_id = model["id"]
        ws = await connect(kernel_id)
        info = await request(ws, "kernel_info_request", {})
        result["kernel_info"] = {"status": info["status"], "language": info["content"].get("language_info", {}).get("name"),
                                 "protocol_version": info["content"].get("protocol_version")}
        cells = {}
        for name, cell in (("answer", "6*7"), ("hello", 'Console.WriteLine("hello");'), ("keep", "var kept = 5;"),
                           ("failing", 'throw new InvalidOperationException("boom");')):
            cells[name] = {k: v for k, v in (await request(ws, "execute_request", execute(cell))).items() if k != "content"}
        result["cells"] = cells
        complete = await request(ws, "complete_request", {"code": "Console.WriteLi", "cursor_pos": 15})
        result["complete"] = {"status": complete["status"], "matches": complete["content"].get("matches", [])}

        interrupted = {}

        async def interrupt():
            await asyncio.sleep(1)
            interrupted["code"], _ = await rest("POST", f"/api/kernels/{kernel_id}/interrupt")
            interrupted["at"] = time.monotonic()

        stuck = await request(ws, "execute_request", execute("await Task.Delay(60000);"), timeout=30, during=interrupt)
        result["interrupt"] = {"rest_code": interrupted.get("code"), "status": stuck["status"], "ename": stuck["ename"],
                               "seconds_to_reply": time.monotonic() - interrupted["at"] if "at" in interrupted else None}
        after = await request(ws, "execute_request", execute("1+1"))
        result["interrupt"]["after_outputs"] = after["outputs"]

        # The classic notebook's Kernel.restart: stop the channels, POST restart, start the channels again.
        ws.close()
        code, model = await rest("POST", f"/api/kernels/{kernel_id}/restart")
        result["restart"] = {"rest_code": code, "same_id": model.get("id") == kernel_id}
        ws = await connect(kernel_id)
        again = await request(ws, "execute_request", execute("6*7"))
        forgotten = await request(ws, "execute_request", execute("kept"))
        result["restart"].update({"status": again["status"], "outputs": again["outputs"],
                                  "forgotten_status": forgotten["status"], "forgotten_evalue": forgotten["evalue"]})
        ws.close()

        code, _ = await rest("DELETE", f"/api/kernels/{kernel_id}")
        listed_code, listed = await rest("GET", "/api/kernels")
        gone_code, _ = await rest("GET", f"/api/kernels/{kernel_id}")
        result["delete"] = {"rest_code": code, "listed": any(k["id"] == kernel_id for k in listed) if listed_code == 200 else None,
                            "get_code": gone_code}
        code, _ = await rest("POST", "/api/shutdown")
        result["shutdown_code"] = code

    try:
        asyncio.run(asyncio.wait_for(drive(), 5 * TIMEOUT))
        try:
            result["server_exit"] = server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            result["server_exit"] = None
        return result
    except BaseException:
        log.flush()
        with open(log_path) as f:
            sys.stderr.write(f.read()[-4000:].replace(token, "<token>"))
        raise
    finally:
        if server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
        log.close()


def main(argv):
    command = argv[1]
    if command == "interrupt":
        result = interrupt(argv[2] if len(argv) > 3 else None, argv[-1])
    elif command == "complete-while-running":
        result = complete_while_running()
    elif command == "transfer":
        result = transfer(argv[2], argv[3], float(argv[4]) if len(argv) > 4 else None)
    elif command == "restart":
        result = restart()
    elif command == "prompt":
        result = prompt(argv[2])
    elif command == "session":
        result = session(argv[2], argv[3], argv[4])
    elif command == "notebook":
        result = notebook(argv[2], argv[3])
    elif command == "cells":
        result = run_cells(argv[2])
    elif command == "notebook-server":
        result = notebook_server()
    else:
        raise SystemExit(f"unknown scenario {command}")
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv)
