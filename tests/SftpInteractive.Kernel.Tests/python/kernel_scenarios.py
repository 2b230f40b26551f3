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
    elif command == "notebook":
        result = notebook(argv[2], argv[3])
    else:
        raise SystemExit(f"unknown scenario {command}")
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv)
