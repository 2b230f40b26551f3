#!/usr/bin/python3
"""First `#r "nuget: CsvHelper, 34.0.0"` in a fresh kernel with a warm package cache: the SftpInteractive kernel
against the .NET Interactive engine's Jupyter kernel (dotnet tool Microsoft.dotnet-interactive, which restores through
a generated project and the SDK), same client, same run (target: ours <= 0.5x). Each timed cell runs in a kernel
started for it; one untimed round per kernel first fills the cache and the SDK's own caches. Kernelspecs go into a
temporary folder, so the user's Jupyter config is untouched. Needs Debian's python3-jupyter-client.

Usage: bench/nuget-first-ref.py --dotnet-interactive PATH [--reps N] [--json] [--tool path/to/sftpi.dll]
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
CELL = '#r "nuget: CsvHelper, 34.0.0"'


def first_reference(kernel_name):
    """Seconds from sending the cell to its reply, in a kernel started (and ready) just before."""
    from jupyter_client.manager import start_new_kernel

    # The engine logs to stdout; keep this script's stdout for its own result.
    km, kc = start_new_kernel(kernel_name=kernel_name, startup_timeout=180, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print(f"[nuget-first-ref] {kernel_name}: kernel ready", file=sys.stderr)
    try:
        started = time.perf_counter()
        reply = kc.execute_interactive(CELL, timeout=120, output_hook=lambda m: None)
        elapsed = time.perf_counter() - started
        assert reply["content"]["status"] == "ok", reply["content"]
        return elapsed
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)


def install_dotnet_interactive(executable, kernels_dir):
    """`dotnet-interactive jupyter install --path` writes argv starting with `dotnet interactive`; a tool-path
    install has its own executable, so that goes first instead."""
    subprocess.run([executable, "jupyter", "install", "--path", kernels_dir], check=True, stdout=subprocess.DEVNULL)
    spec_path = os.path.join(kernels_dir, ".net-csharp", "kernel.json")
    with open(spec_path) as f:
        spec = json.load(f)
    assert spec["argv"][:2] == ["dotnet", "interactive"], spec["argv"]
    spec["argv"] = [executable] + spec["argv"][2:]
    with open(spec_path, "w") as f:
        json.dump(spec, f)
    return ".net-csharp"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dotnet-interactive", required=True)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print one JSON object (bench/scenarios/80-nuget.sh)")
    parser.add_argument("--tool", default=os.path.join(REPO, "src/SftpInteractive.Tool/bin/Release/net10.0/sftpi.dll"))
    args = parser.parse_args()
    args.dotnet_interactive = os.path.abspath(args.dotnet_interactive)
    if not os.path.exists(args.tool):
        sys.exit(f"{args.tool} not found: dotnet build src/SftpInteractive.Tool -c Release")

    with tempfile.TemporaryDirectory() as tmp:
        launch = ["dotnet", args.tool] if args.tool.endswith(".dll") else [args.tool]
        subprocess.run(launch + ["kernel", "install", "--prefix", os.path.join(tmp, "prefix")], check=True, stdout=subprocess.DEVNULL)
        kernels = os.path.join(tmp, "prefix", "share", "jupyter", "kernels")
        theirs = install_dotnet_interactive(args.dotnet_interactive, kernels)
        os.environ["JUPYTER_PATH"] = os.path.join(tmp, "prefix", "share", "jupyter")
        os.environ["JUPYTER_RUNTIME_DIR"] = os.path.join(tmp, "runtime")
        os.chdir(tmp)
        names = {"ours": "sftpinteractive", "dotnet-interactive": theirs}
        for kernel in names.values():
            first_reference(kernel)  # warm-up: package cache and the tools' own caches
        samples = {tool: [] for tool in names}
        for _ in range(args.reps):
            for tool, kernel in names.items():
                samples[tool].append(first_reference(kernel))

    summary = {tool: {"median_s": statistics.median(s), "samples_s": s} for tool, s in samples.items()}
    if args.json:
        print(json.dumps(summary))
        return
    ours, theirs_s = summary["ours"]["median_s"], summary["dotnet-interactive"]["median_s"]
    print(f"first #r \"nuget: CsvHelper, 34.0.0\" (warm cache, fresh kernel), median of {args.reps}:")
    print(f"  sftpinteractive     {ours:.3f} s")
    print(f"  dotnet-interactive  {theirs_s:.3f} s")
    print(f"  ratio {ours / theirs_s:.2f}x (target <= 0.5x)")


if __name__ == "__main__":
    main()
