"""Drives the real .NET Interactive engine (the Jupyter kernel of the dotnet-interactive tool) with our extension
package loaded from a local folder, as a notebook front end does, and prints one JSON object with what happened.
The xunit tests (EngineJupyterTests) build the package, run this and assert on the JSON.

Usage (Debian's /usr/bin/python3; JUPYTER_PATH holds the engine's kernelspecs; run in a folder whose .env is the
password account's, whose totp-prompt.env has neither password nor TOTP secret, and whose slow.env reaches the server
through a throttling proxy):
  engine_scenarios.py notebook PACKAGE_DIR VERSION LARGE_REMOTE_FILE
      cells: #i + #r of the package, Connect(), Ls, Find, Get (progress), Connect to the TOTP account answering its
      input requests from SFTPI_ANSWER_PASSWORD and a TOTP from SFTPI_ANSWER_TOTP_SECRET, Run, Help(); last a Get over
      slow.env interrupted by a Jupyter interrupt on its first progress display, then 1 + 1 (the engine's host shuts down on
      SIGINT, so "alive" tells whether the kernel survived)
  engine_scenarios.py stdio PACKAGE_DIR VERSION LARGE_REMOTE_FILE
      the engine's stdio mode (the JSON protocol Polyglot Notebooks speaks; executable in SFTPI_ENGINE): SubmitCode
      envelopes for the #i + #r cell, Connect() over slow.env, Ls; then a Get stopped by a Cancel envelope (Polyglot's stop button)
      on its first progress display, then 1 + 1
  engine_scenarios.py dib PACKAGE_DIR VERSION NOTEBOOK.dib
      runs the .dib's C# cells in order, its "#r \"nuget: SftpInteractive.Interactive\"" line pointed at the package
"""
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from queue import Empty, Queue

from jupyter_client.manager import start_new_kernel

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "SftpInteractive.Kernel.Tests", "python"))
from kernel_scenarios import totp  # noqa: E402  (one TOTP implementation for every Python driver)

KERNEL = "dotnet-csharp"
TIMEOUT = 120
RESTORE_TIMEOUT = 600
INTERRUPTS = 3


def execute(kc, code, timeout=TIMEOUT, allow_stdin=False, answer=None, on_output=None, on_other=None):
    """Runs one cell; returns (reply content, outputs, input requests). Ends on the reply and the idle status."""
    msg_id = kc.execute(code, allow_stdin=allow_stdin)
    outputs, prompts = [], []
    reply, idle = None, False
    deadline = time.monotonic() + timeout
    while reply is None or not idle:
        if time.monotonic() > deadline:
            raise TimeoutError(f"cell did not finish in {timeout} s: {code[:80]}")
        if allow_stdin:
            try:
                request = kc.get_stdin_msg(timeout=0.01)
                content = request["content"]
                prompts.append({"prompt": content["prompt"], "password": content.get("password", False)})
                kc.input(answer(content["prompt"]))
            except Empty:
                pass
        try:
            msg = kc.get_iopub_msg(timeout=0.05)
            if on_other and msg["parent_header"].get("msg_id") != msg_id:
                on_other("iopub", msg)
            if msg["parent_header"].get("msg_id") == msg_id:
                kind = msg["msg_type"]
                if kind == "status" and on_other:
                    on_other("iopub", msg)
                if kind == "status" and msg["content"]["execution_state"] == "idle":
                    idle = True
                elif kind in ("display_data", "update_display_data", "execute_result", "stream", "error"):
                    outputs.append({"type": kind, "content": msg["content"]})
                    if on_output:
                        on_output(msg)
        except Empty:
            pass
        if reply is None:
            try:
                msg = kc.get_shell_msg(timeout=0.01)
                if on_other and msg["parent_header"].get("msg_id") != msg_id:
                    on_other("shell", msg)
                if msg["parent_header"].get("msg_id") == msg_id:
                    reply = msg["content"]
                    if on_other:
                        on_other("shell", msg)
            except Empty:
                pass
    return reply, outputs, prompts


def summary(reply, outputs, prompts=()):
    """What a test asserts on: status, error, output kinds, the text and HTML shown, display ids."""
    def data(o):
        return o["content"].get("data", {})
    return {
        "status": reply["status"],
        "evalue": reply.get("evalue"),
        "types": [o["type"] for o in outputs],
        "text": "\n".join(data(o).get("text/plain", "") or o["content"].get("text", "") for o in outputs),
        "html": "\n".join(data(o).get("text/html", "") for o in outputs),
        "display_ids": [o["content"].get("transient", {}).get("display_id") for o in outputs if o["type"] in ("display_data", "update_display_data")],
        "prompts": list(prompts),
    }


def start(env_extra=None):
    # Jupyter interrupts this kernel with SIGINT. In a full `dotnet test` of the solution the test host runs with
    # SIGINT and SIGQUIT ignored (the kernel's SigIgn was 0x1006), every child inherits that, and .NET then installs
    # no SIGINT handler: the interrupt did nothing. A terminal's Jupyter has SIGINT at its default; start the kernel
    # that way (a Python handler here is reset to the default in children).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    env = dict(os.environ)
    env.update({"DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT": "1", "DOTNET_CLI_TELEMETRY_OPTOUT": "1", "DOTNET_NOLOGO": "1"})
    env.update(env_extra or {})
    started = time.monotonic()
    # The engine logs to its stdout: keep it out of ours (the JSON), in a file next to the notebook.
    log = open(os.path.join(os.getcwd(), "engine.log"), "ab")
    km, kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=TIMEOUT, cwd=os.getcwd(), env=env, stdout=log, stderr=log)
    return km, kc, time.monotonic() - started


def signal_state(pid):
    """The kernel process's signal masks (ignored, caught; blocked in any thread), to tell why a SIGINT had no effect."""
    try:
        status = dict(line.split(":\t", 1) for line in open(f"/proc/{pid}/status").read().splitlines() if ":\t" in line)
        blocked = 0
        for task in os.listdir(f"/proc/{pid}/task"):
            for line in open(f"/proc/{pid}/task/{task}/status"):
                if line.startswith("SigBlk:"):
                    blocked |= int(line.split()[1], 16)
        return f'kernel {pid}: SigIgn {status.get("SigIgn")} SigCgt {status.get("SigCgt")} SigBlk(any thread) {blocked:016x}'
    except (OSError, TypeError, ValueError) as e:
        return f"kernel {pid}: signal state unknown ({e})"


def load(kc, package_dir, version):
    return execute(kc, f'#i "nuget:{package_dir}"\n#r "nuget: SftpInteractive.Interactive, {version}"', timeout=RESTORE_TIMEOUT)


def answer_prompt(prompt):
    if "Password" in prompt:
        return os.environ["SFTPI_ANSWER_PASSWORD"]
    return totp(os.environ["SFTPI_ANSWER_TOTP_SECRET"])


def notebook(package_dir, version, large):
    km, kc, startup = start()
    result = {"startup_seconds": startup}
    try:
        result["load"] = summary(*load(kc, package_dir, version))
        result["connect"] = summary(*execute(kc, "Connect()"))
        result["ls"] = summary(*execute(kc, 'Ls("/data")'))
        result["find"] = summary(*execute(kc, 'Find("/data", "wmr1006.csv")'))
        result["get"] = summary(*execute(kc, f'Get("{large}", "large-copy.bin")'))

        result["totp"] = summary(*execute(kc, 'Connect(new SftpOptions { EnvFile = "totp-prompt.env" }); Run("id -un")',
                                          allow_stdin=True, answer=answer_prompt))
        result["help"] = summary(*execute(kc, "Help()"))
        # Through the test's throttling proxy, so the interrupt below always lands mid-transfer.
        result["reconnect"] = summary(*execute(kc, 'Connect(new SftpOptions { EnvFile = "slow.env" })'))

        # Interrupted three times in a row: an interrupt racing the cell's own end once left the engine idle with no
        # execute_reply (1 run in 5 under load); each of these cells must end, as an error, with no final file.
        result["interrupt_outputs"] = []
        result["interrupted_runs"] = []
        result["interrupt_sent"] = True
        for attempt in range(INTERRUPTS):
            interrupted = {"sent": False}
            get_started = time.monotonic()

            def interrupt_on_progress(msg):
                # Kept in the result as they happen, so a cell that never ends still tells what it showed and when.
                result["interrupt_outputs"].append(f'run {attempt + 1}: {time.monotonic() - get_started:.1f}s {msg["msg_type"]}')
                if msg["msg_type"] == "display_data" and not interrupted["sent"]:
                    interrupted["sent"] = True
                    result["interrupt_outputs"].append(signal_state(getattr(km.provisioner, "pid", None)))
                    km.interrupt_kernel()
                    result["interrupt_outputs"].append(f'run {attempt + 1}: {time.monotonic() - get_started:.1f}s interrupt sent')

            def other_message(channel, msg):
                # The reply, and what came for another request (the engine's own Cancel): why a cell never ended.
                state = msg["content"].get("execution_state") or msg["content"].get("status") or ""
                result["interrupt_outputs"].append(f'run {attempt + 1}: {time.monotonic() - get_started:.1f}s {channel} '
                                                   f'{msg["msg_type"]} {state} parent {msg["parent_header"].get("msg_type")}')

            run = summary(*execute(kc, f'Get("{large}", "interrupted.bin", new TransferOptions {{ Parallelism = 1 }})',
                                   timeout=90, on_output=interrupt_on_progress, on_other=other_message))
            result["interrupted_runs"].append(run)
            result["interrupt_sent"] = result["interrupt_sent"] and interrupted["sent"]
        result["interrupted"] = result["interrupted_runs"][0]
        result["after_interrupt"] = summary(*execute(kc, "1 + 1", timeout=60))
        result["alive"] = km.is_alive()
    except Exception as e:  # the JSON still tells the test how far the notebook got
        result["failure"] = f"{type(e).__name__}: {e}"
        result["alive"] = km.is_alive()
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    return result


def dib(package_dir, version, path):
    text = open(path, encoding="utf-8").read()
    cells = re.split(r"^#!(\w+)\s*$", text, flags=re.M)[1:]
    km, kc, startup = start()
    result = {"startup_seconds": startup, "cells": []}
    try:
        for kernel, code in zip(cells[0::2], cells[1::2]):
            code = code.strip()
            if kernel != "csharp" or not code:
                continue
            if code.startswith('#r "nuget: SftpInteractive.Interactive'):
                reply = load(kc, package_dir, version)
            else:
                reply = execute(kc, code)
            result["cells"].append({"code": code, **summary(*reply)})
    except Exception as e:  # the JSON still tells the test how far the notebook got
        result["failure"] = f"{type(e).__name__}: {e}"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    return result


class Stdio:
    """The engine in stdio mode: one JSON command envelope per line in, one JSON event envelope per line out."""

    def __init__(self):
        env = dict(os.environ)
        env.update({"DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT": "1", "DOTNET_CLI_TELEMETRY_OPTOUT": "1", "DOTNET_NOLOGO": "1"})
        log = open(os.path.join(os.getcwd(), "engine.log"), "ab")
        self.started = time.monotonic()
        self.process = subprocess.Popen([os.environ["SFTPI_ENGINE"], "stdio", "--default-kernel", "csharp"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=log, cwd=os.getcwd(), env=env, text=True, encoding="utf-8")
        self.events = Queue()
        self.transcript = []
        self.count = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            try:
                envelope = json.loads(line)
            except json.JSONDecodeError:
                continue
            self.transcript.append(envelope)
            self.events.put(envelope)

    def wait_ready(self, timeout=TIMEOUT):
        self._until(lambda e: e.get("eventType") == "KernelReady", timeout)
        return time.monotonic() - self.started

    def _until(self, predicate, timeout):
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("no matching event from the engine")
            envelope = self.events.get(timeout=remaining)
            if predicate(envelope):
                return envelope

    def send(self, command_type, command):
        self.count += 1
        token = f"sftpi-{self.count}"
        self.process.stdin.write(json.dumps({"token": token, "commandType": command_type, "command": command}) + "\n")
        self.process.stdin.flush()
        return token

    def submit(self, code, timeout=TIMEOUT, on_event=None):
        """Submits a cell; returns (status, events of this command)."""
        token = self.send("SubmitCode", {"code": code, "targetKernelName": "csharp"})
        events = []

        def mine(envelope):
            if envelope.get("command", {}).get("token", "").split(".")[0] != token:
                return False
            events.append({"type": envelope["eventType"], "event": envelope["event"]})
            if on_event:
                on_event(envelope)
            return envelope["eventType"] in ("CommandSucceeded", "CommandFailed") and envelope["command"]["token"] == token

        done = self._until(mine, timeout)
        return ("ok" if done["eventType"] == "CommandSucceeded" else "error"), events

    def close(self):
        self.process.stdin.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def stdio_summary(status, events):
    def formatted(e):
        return e["event"].get("formattedValues") or []
    return {
        "status": status,
        "types": [e["type"] for e in events],
        "message": "\n".join(e["event"].get("message", "") for e in events if e["type"] == "CommandFailed"),
        "html": "\n".join(v["value"] for e in events for v in formatted(e) if v.get("mimeType") == "text/html"),
        "text": "\n".join(v["value"] for e in events for v in formatted(e) if v.get("mimeType") == "text/plain"),
    }


def stdio(package_dir, version, large):
    engine = Stdio()
    result = {}
    try:
        result["startup_seconds"] = engine.wait_ready()
        result["load"] = stdio_summary(*engine.submit(f'#i "nuget:{package_dir}"\n#r "nuget: SftpInteractive.Interactive, {version}"', timeout=RESTORE_TIMEOUT))
        result["connect"] = stdio_summary(*engine.submit('Connect(new SftpOptions { EnvFile = "slow.env" })'))
        result["ls"] = stdio_summary(*engine.submit('Ls("/data")'))
        stopped = {"sent": False}

        def stop_on_progress(envelope):
            if envelope["eventType"] == "DisplayedValueProduced" and not stopped["sent"]:
                stopped["sent"] = True
                engine.send("Cancel", {})

        result["cancelled"] = stdio_summary(*engine.submit(f'Get("{large}", "stopped.bin", new TransferOptions {{ Parallelism = 1 }})', on_event=stop_on_progress))
        result["cancel_sent"] = stopped["sent"]
        result["after_cancel"] = stdio_summary(*engine.submit("1 + 1"))
    except Exception as e:  # the JSON still tells the test how far the session got
        result["failure"] = f"{type(e).__name__}: {e}"
    finally:
        engine.close()
    result["transcript_chars"] = len(json.dumps(engine.transcript))
    result["transcript"] = engine.transcript[-400:]
    return result


def main(argv):
    scenario = argv[1]
    if scenario == "notebook":
        result = notebook(argv[2], argv[3], argv[4])
    elif scenario == "stdio":
        result = stdio(argv[2], argv[3], argv[4])
    elif scenario == "dib":
        result = dib(argv[2], argv[3], argv[4])
    else:
        raise SystemExit(f"unknown scenario {scenario}")
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv)
