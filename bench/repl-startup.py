#!/usr/bin/python3
"""REPL start-up through a real terminal (tmux): time from starting the command to its prompt, and to the first result
of `6*7` typed as soon as the prompt shows. Every tool gets the same treatment: the text is typed, Enter is pressed once
the text is echoed (CSharpRepl reads keys that arrive in one burst as a paste and would not run it), and the screen is
polled every few milliseconds. Each run uses its own tmux server.

Usage: repl-startup.py [--runs N] [--json] [--warm NAME=DIR ...] NAME=PROMPT=COMMAND [NAME=PROMPT=COMMAND ...]
  PROMPT is the text the last non-empty screen line equals (trailing spaces ignored), e.g. 'sftpi>' or '>'.
  --warm NAME=DIR: NAME is an sftpi whose COMMAND sets SFTPI_WARM_DIR=DIR (docs/warm-start.md). Every timed run of it
  is a second start: before it, the bench waits for a warm spare in DIR, and when none comes (the timed session was
  killed before it left one), an untimed session leaves one first. Cold rows set SFTPI_WARM=0.
Prints a table, or with --json one JSON object per tool and run: {"tool", "run", "prompt_s", "first_result_s"}.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import uuid

POLL_S = 0.003


def tmux(sock, *args):
    return subprocess.run(["tmux", "-L", sock, *args], capture_output=True, text=True)


def last_line(sock):
    screen = tmux(sock, "capture-pane", "-p", "-t", "bench").stdout
    lines = [l.rstrip() for l in screen.split("\n") if l.strip()]
    return lines, (lines[-1] if lines else "")


def once(command, prompt, timeout=60.0, keep_until=None):
    sock = "sftpi-bench-" + uuid.uuid4().hex[:8]
    t_prompt = t_result = None
    start = time.monotonic()
    tmux(sock, "new-session", "-d", "-s", "bench", "-x", "120", "-y", "40", f"env TERM=xterm-256color {command}")
    try:
        while time.monotonic() - start < timeout:
            _, last = last_line(sock)
            if last == prompt:
                t_prompt = time.monotonic() - start
                break
            time.sleep(POLL_S)
        if t_prompt is None:
            return None, None
        tmux(sock, "send-keys", "-t", "bench", "-l", "6*7")
        while time.monotonic() - start < timeout and not last_line(sock)[1].endswith("6*7"):
            time.sleep(POLL_S)
        tmux(sock, "send-keys", "-t", "bench", "Enter")
        while time.monotonic() - start < timeout:
            lines, _ = last_line(sock)
            if "42" in lines:
                t_result = time.monotonic() - start
                break
            time.sleep(POLL_S)
        while keep_until is not None and time.monotonic() - start < 180 and not keep_until():
            time.sleep(0.2)  # an untimed session kept until it left a warm spare
        return t_prompt, t_result
    finally:
        tmux(sock, "kill-server")


def spare_waiting(directory):
    for name in os.listdir(directory) if os.path.isdir(directory) else []:
        if name.endswith(".pid"):
            try:
                pid = int(open(os.path.join(directory, name)).read().strip())
                if "--warm-spare" in open(f"/proc/{pid}/cmdline").read():
                    return True
            except (OSError, ValueError):
                pass
    return False


def wait_for_spare(directory, command, prompt, timeout=10.0):
    """Bounded: a spare within `timeout`, else one untimed session kept until it leaves one (at most 180 s)."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if spare_waiting(directory):
            return True
        time.sleep(0.2)
    once(command, prompt, keep_until=lambda: spare_waiting(directory))
    return spare_waiting(directory)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--warm", action="append", default=[], help="NAME=DIR")
    ap.add_argument("tools", nargs="+", help="NAME=PROMPT=COMMAND")
    a = ap.parse_args()
    tools = [t.split("=", 2) for t in a.tools]
    warm = dict(w.split("=", 1) for w in a.warm)
    for name, prompt, command in tools:
        once(command, prompt, keep_until=(lambda d=warm[name]: spare_waiting(d)) if name in warm else None)  # caches warm, not counted
    results = {name: [] for name, _, _ in tools}
    for run in range(1, a.runs + 1):
        for name, prompt, command in tools:  # interleaved, so load changes hit every tool alike
            if name in warm and not wait_for_spare(warm[name], command, prompt):
                print(f"{name}: no warm spare came; this run is cold", file=sys.stderr)
            p, r = once(command, prompt)
            results[name].append((p, r))
            if a.json:
                print(json.dumps({"tool": name, "run": run, "prompt_s": p, "first_result_s": r}), flush=True)
    if a.json:
        return
    fmt = lambda xs: f"{statistics.median(xs) * 1000:7.0f} ms (min {min(xs) * 1000:.0f}, max {max(xs) * 1000:.0f})" if xs else "n/a"
    print(f"{'tool':<28}{'prompt (median)':>34}{'first result of 6*7 (median)':>40}")
    for name, runs in results.items():
        print(f"{name:<28}{fmt([p for p, _ in runs if p is not None]):>34}{fmt([r for _, r in runs if r is not None]):>40}")


if __name__ == "__main__":
    main()
