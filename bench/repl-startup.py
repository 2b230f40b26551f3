#!/usr/bin/python3
"""REPL start-up: time from process start to the prompt, and to the first result of `6*7` typed as soon as the
prompt shows. Runs the command in a real pseudo-terminal. Usage: repl-startup.py [--runs N] [--prompt TEXT] -- CMD..."""
import argparse, os, pty, select, statistics, sys, time


def once(cmd, prompt, timeout=30.0):
    start = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.setdefault("TERM", "xterm-256color")
        os.execvp(cmd[0], cmd)
    buf, t_prompt, t_result, sent = b"", None, None, False
    try:
        while time.monotonic() - start < timeout:
            r, _, _ = select.select([fd], [], [], 0.005)
            if r:
                try:
                    data = os.read(fd, 65536)
                except OSError:
                    break
                buf += data
            if t_prompt is None and prompt.encode() in buf:
                t_prompt = time.monotonic() - start
                os.write(fd, b"6*7\r")
                sent = True
                buf = buf[buf.index(prompt.encode()) + len(prompt):]
            if sent and b"42" in buf.replace(b"6*7", b""):
                t_result = time.monotonic() - start
                break
    finally:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        os.close(fd)
    return t_prompt, t_result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--prompt", default="sftpi> ")
    ap.add_argument("cmd", nargs="+")
    a = ap.parse_args()
    once(a.cmd, a.prompt)  # disk cache warm-up, not counted
    results = [once(a.cmd, a.prompt) for _ in range(a.runs)]
    prompts = [p for p, _ in results if p is not None]
    firsts = [r for _, r in results if r is not None]
    fmt = lambda xs: f"median {statistics.median(xs)*1000:.0f} ms (min {min(xs)*1000:.0f}, max {max(xs)*1000:.0f}, n={len(xs)})" if xs else "n/a"
    print(f"{' '.join(a.cmd)}\n  prompt:        {fmt(prompts)}\n  first result:  {fmt(firsts)}")


if __name__ == "__main__":
    main()
