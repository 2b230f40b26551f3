"""Drives the SftpInteractive kernel through jupyter_client / nbclient, as front ends do, and prints one JSON
object with what happened. The xunit tests (KernelClientTests) run these and assert on the JSON.

Usage (Debian's /usr/bin/python3, kernelspec on JUPYTER_PATH):
  kernel_scenarios.py interrupt [SETUP_CODE] CELL   interrupt CELL after 2 s; then run 1+1
  kernel_scenarios.py complete-while-running        completion and inspect while a 6 s cell runs
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
"""
import json
import sys
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
        result["status"] = reply["status"]
        result["ename"] = reply.get("ename")
        result["evalue"] = reply.get("evalue")
        after = kc.execute_interactive("1+1", timeout=30, output_hook=lambda m: result.setdefault("after_outputs", []).append(m["content"]))
        result["after_status"] = after["content"]["status"]
        result["alive"] = km.is_alive()
        return result
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)


def complete_while_running():
    km, kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=TIMEOUT)
    try:
        run_cell(kc, "1")  # warm
        run_id = kc.execute("System.Threading.Thread.Sleep(6000);")
        time.sleep(1)
        started = time.monotonic()
        complete_id = kc.complete("Console.WriteLi")
        complete = reply_to(kc, complete_id, 5)
        inspect_id = kc.inspect("Console.WriteLine")
        inspect = reply_to(kc, inspect_id, 5)
        answered_in = time.monotonic() - started
        execute = reply_to(kc, run_id, 30)
        return {
            "answered_in": answered_in,
            "matches": complete["content"]["matches"],
            "inspect_found": inspect["content"]["found"],
            "execute_status": execute["content"]["status"],
            "cell_still_running_when_answered": answered_in < 4.5,
        }
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)


def output_of(msg):
    content = msg["content"]
    return {"type": msg["msg_type"], "display_id": content.get("transient", {}).get("display_id"),
            "text": content.get("data", {}).get("text/plain", content.get("text")), "ename": content.get("ename")}


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
        result["status"] = reply["status"]
        result["ename"] = reply.get("ename")
        result["evalue"] = reply.get("evalue")
        result["interrupted"] = interrupted_at is not None
        if interrupted_at is not None:
            result["seconds_to_reply"] = replied_at - interrupted_at
        after = kc.execute_interactive("1+1", timeout=30, output_hook=lambda m: result.setdefault("after_outputs", []).append(m["content"]))
        result["after_status"] = after["content"]["status"]
        result["alive"] = km.is_alive()
        return result
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
    else:
        raise SystemExit(f"unknown scenario {command}")
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv)
