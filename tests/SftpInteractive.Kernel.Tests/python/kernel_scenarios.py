"""Drives the SftpInteractive kernel through jupyter_client / nbclient, as front ends do, and prints one JSON
object with what happened. The xunit tests (KernelClientTests) run these and assert on the JSON.

Usage (Debian's /usr/bin/python3, kernelspec on JUPYTER_PATH):
  kernel_scenarios.py interrupt [SETUP_CODE] CELL   interrupt CELL after 2 s; then run 1+1
  kernel_scenarios.py complete-while-running        completion and inspect while a 6 s cell runs
  kernel_scenarios.py notebook IN.ipynb OUT.ipynb   execute a notebook with nbclient
"""
import json
import sys
import time

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


def main(argv):
    command = argv[1]
    if command == "interrupt":
        result = interrupt(argv[2] if len(argv) > 3 else None, argv[-1])
    elif command == "complete-while-running":
        result = complete_while_running()
    elif command == "notebook":
        result = notebook(argv[2], argv[3])
    else:
        raise SystemExit(f"unknown scenario {command}")
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv)
