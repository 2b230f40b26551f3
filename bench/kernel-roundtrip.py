#!/usr/bin/python3
"""Warm round trip of a trivial cell through jupyter_client: the SftpInteractive kernel against ipykernel and the .NET
Interactive engine's C# kernel, in the same run (target: ours <= 2x ipykernel), plus each kernel's start-up (start to
the first result). Installs the kernelspecs into a temporary prefix, so the user's Jupyter config is untouched. Needs
Debian's python3-jupyter-client and python3-ipykernel; the engine comes from tests/tools/install-dotnet-interactive
(skipped with --no-engine or when it cannot be installed).

With --fresh K: what a user sees in a new kernel instead: K fresh kernels per tool (ours and ipykernel, alternating),
each timed on cells 6..25 (after the first five, the first of which is the start-up's), median per kernel, then the
median over the kernels (the issue's `execute_interactive` measurement).

With --debugger: ours once more with JupyterLab's debugger switched on (initialize, attach and configurationDone on the
control channel before the first cell), so every cell is instrumented for breakpoints.

Usage: bench/kernel-roundtrip.py [--cells N] [--warmup N] [--fresh K] [--json] [--no-engine] [--debugger] [--tool path/to/sftpi.dll|sftpi]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


ATTACHED = "sftpinteractive (debugger)"


def attach_debugger(kc):
    """What JupyterLab sends when its debugger is switched on."""
    for seq, command in enumerate(("initialize", "attach", "configurationDone"), 1):
        msg = kc.session.msg("debug_request", {"type": "request", "seq": seq, "command": command, "arguments": {}})
        kc.control_channel.send(msg)
        while kc.get_control_msg(timeout=60)["parent_header"].get("msg_id") != msg["header"]["msg_id"]:
            pass


def measure(kernel_name, code, cells, warmup, debugger=False):
    from jupyter_client.manager import start_new_kernel

    started = time.perf_counter()
    km, kc = start_new_kernel(kernel_name=kernel_name, startup_timeout=120)
    try:
        if debugger:
            attach_debugger(kc)
        first = kc.execute_interactive(code, timeout=120, output_hook=lambda m: None)
        assert first["content"]["status"] == "ok", first["content"]
        startup = time.perf_counter() - started
        for _ in range(warmup):
            kc.execute_interactive(code, timeout=60, output_hook=lambda m: None)
        samples = []
        for _ in range(cells):
            started = time.perf_counter()
            reply = kc.execute_interactive(code, timeout=60, output_hook=lambda m: None)
            samples.append(time.perf_counter() - started)
            assert reply["content"]["status"] == "ok", reply["content"]
        return startup, samples
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)


def fresh(kernels, rounds):
    """Per tool: the median of cells 6..25 of each fresh kernel, and each kernel's start to first result."""
    out = {name: {"medians": [], "startups": []} for name in kernels}
    for _ in range(rounds):
        for name, kernel in kernels.items():
            startup, samples = measure(kernel, "1+1", 20, 4)
            out[name]["medians"].append(statistics.median(samples))
            out[name]["startups"].append(startup)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cells", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--fresh", type=int, default=0, help="K fresh kernels per tool, cells 6..25 each (ours and ipykernel only)")
    parser.add_argument("--json", action="store_true", help="print one JSON object (bench/scenarios/60-kernel.sh)")
    parser.add_argument("--no-engine", action="store_true", help="leave out the .NET Interactive engine's kernel")
    parser.add_argument("--debugger", action="store_true", help="also ours with JupyterLab's debugger attached")
    parser.add_argument("--tool", default=os.path.join(REPO, "src/SftpInteractive.Tool/bin/Release/net10.0/sftpi.dll"))
    args = parser.parse_args()
    if not os.path.exists(args.tool):
        sys.exit(f"{args.tool} not found: dotnet build src/SftpInteractive.Tool -c Release")

    with tempfile.TemporaryDirectory() as tmp:
        launch = ["dotnet", args.tool] if args.tool.endswith(".dll") else [args.tool]
        subprocess.run(launch + ["kernel", "install", "--prefix", os.path.join(tmp, "prefix")], check=True, stdout=subprocess.DEVNULL)
        os.environ["JUPYTER_PATH"] = os.path.join(tmp, "prefix", "share", "jupyter")
        os.environ["JUPYTER_RUNTIME_DIR"] = os.path.join(tmp, "runtime")
        kernels = {"ipykernel (python3)": "python3", "sftpinteractive (C#)": "sftpinteractive"}
        if args.fresh:
            report_fresh(fresh(kernels, args.fresh), args.json)
            return
        if not args.no_engine:
            spec = subprocess.run([os.path.join(REPO, "tests/tools/dotnet-interactive-kernelspec"), os.path.join(tmp, "engine")],
                                  capture_output=True, text=True)
            if spec.returncode == 0:
                os.environ["JUPYTER_PATH"] += os.pathsep + os.path.join(tmp, "engine")
                os.environ["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1"
                kernels["dotnet-interactive (C#)"] = spec.stdout.strip()
            else:
                print(f"(the .NET Interactive engine is left out: {spec.stderr.strip()})", file=sys.stderr)
        if args.debugger:
            kernels[ATTACHED] = "sftpinteractive"
        measured = {name: measure(kernel, "1+1", args.cells, args.warmup, name == ATTACHED) for name, kernel in kernels.items()}
        startups = {name: m[0] for name, m in measured.items()}
        results = {name: m[1] for name, m in measured.items()}

    if args.json:
        names = {"ours": "sftpinteractive (C#)", "ipykernel": "ipykernel (python3)", "engine": "dotnet-interactive (C#)", "debugger": ATTACHED}
        print(json.dumps({key: {"median_s": statistics.median(results[name]), "samples": len(results[name]), "startup_s": startups[name]}
                          for key, name in names.items() if name in results}))
        return
    print(f"Warm round trip of '1+1' (execute_request -> idle), {args.cells} cells after {args.warmup} warm-up cells")
    print(f"{'kernel':<26}{'median ms':>10}{'p90 ms':>10}{'mean ms':>10}{'start-up s':>12}")
    for name, samples in results.items():
        ms = sorted(s * 1000 for s in samples)
        print(f"{name:<26}{statistics.median(ms):>10.2f}{ms[int(len(ms) * 0.9)]:>10.2f}{statistics.mean(ms):>10.2f}{startups[name]:>12.2f}")
    ours = statistics.median(results["sftpinteractive (C#)"])
    theirs = statistics.median(results["ipykernel (python3)"])
    ratio = ours / theirs
    print(f"ratio (median, ours / ipykernel): {ratio:.2f}x  target <= 2.00x  {'OK' if ratio <= 2 else 'MISSED'}")


def report_fresh(measured, as_json):
    names = {"ours": "sftpinteractive (C#)", "ipykernel": "ipykernel (python3)"}
    if as_json:
        print(json.dumps({key: {"median_s": statistics.median(measured[name]["medians"]), "kernel_medians_s": measured[name]["medians"],
                                "startup_s": statistics.median(measured[name]["startups"]), "startups_s": measured[name]["startups"]}
                          for key, name in names.items()}))
        return
    print(f"Round trip of '1+1' in fresh kernels, cells 6..25, {len(measured[names['ours']]['medians'])} kernels each")
    print(f"{'kernel':<26}{'median ms':>10}{'per-kernel medians ms':>40}{'start-up s':>12}")
    for name, m in measured.items():
        per = " ".join(f"{x * 1000:.1f}" for x in m["medians"])
        print(f"{name:<26}{statistics.median(m['medians']) * 1000:>10.2f}{per:>40}{statistics.median(m['startups']):>12.2f}")
    ratio = statistics.median(measured[names["ours"]]["medians"]) / statistics.median(measured[names["ipykernel"]]["medians"])
    print(f"ratio (median, ours / ipykernel): {ratio:.2f}x  target <= 2.00x  {'OK' if ratio <= 2 else 'MISSED'}")


if __name__ == "__main__":
    main()
