#!/usr/bin/python3
"""Runs the Polyglot corpus (tests/SftpInteractive.Kernel.Tests/polyglot-corpus/*.ipynb) cell by cell with nbclient
against our kernel and the .NET Interactive engine's Jupyter kernel, and records for every code cell: ok or error
(with the error's first line) and the sorted set of output kinds (MIME types; `stream:stdout`/`stream:stderr` for
streams). Both kernels get the same cell sources, the .ipynb exactly as Polyglot saved it, `#!html`/`#!markdown`/...
cells included (that is what opening the notebook runs). Errors are allowed; every cell has a timeout.

Kernelspecs go into a temporary JUPYTER_PATH, so the user's Jupyter config is untouched: ours from --tool
(`sftpi kernel install --prefix`), the engine's from tests/tools/dotnet-interactive-kernelspec (which installs the
engine with tests/tools/install-dotnet-interactive). Each kernel runs in its own copy of the corpus folder, so
`#!import imports/helpers.dib` resolves and nothing is written into the repository.

Where the engine cannot be installed or started (or with --no-engine) and --recorded FILE is given, the engine's
column comes from FILE (what the engine produced in a real run, written by --record), and the table and the JSON's
`engine_source` say so ("recorded DATE", or "live, recorded DATE for NOTEBOOKS" when only some notebooks could not start).

Usage:
  polyglot_corpus.py --tool src/SftpInteractive.Tool/bin/Release/net10.0/sftpi.dll [--json out.json]
  polyglot_corpus.py --only engine --record polyglot-corpus/engine-results.json     (records the engine's results)
Needs Debian's python3-nbclient and python3-jupyter-client (/usr/bin/python3).
"""
import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
DEFAULT_CORPUS = os.path.join(REPO, "tests", "SftpInteractive.Kernel.Tests", "polyglot-corpus")
KERNELSPEC_SCRIPT = os.path.join(REPO, "tests", "tools", "dotnet-interactive-kernelspec")
OURS_KERNEL = "sftpinteractive"


class RecordingClient(NotebookClient):
    """nbclient's client, counting update_display_data messages per cell (nbclient applies them in place)."""

    def __init__(self, nb, **kwargs):
        super().__init__(nb, **kwargs)
        self.updates = 0
        self.reply = None
        self.on_cell_executed = self._executed

    def _executed(self, cell, cell_index, execute_reply):
        self.reply = execute_reply

    def process_message(self, msg, cell, cell_index):
        if msg.get("msg_type") == "update_display_data" and msg.get("parent_header", {}).get("msg_id"):
            self.updates += 1
        return super().process_message(msg, cell, cell_index)


def first_line(text):
    for line in str(text).splitlines():
        if line.strip():
            return line.strip()[:300]
    return ""


# The engine sends, with the first formatted output of a session, a script of its own (a text/html display whose
# element id starts with this) that finds the output cell in VS Code; it is not an output of the cell.
ENGINE_BOOTSTRAP = "dotnet-interactive-this-cell-"


def is_bootstrap(output):
    html = output.get("data", {}).get("text/html", "")
    html = "".join(html) if isinstance(html, list) else html
    return output.get("output_type") == "display_data" and ENGINE_BOOTSTRAP in html


# What an HTML output is, beyond its MIME type: a table (DataFrame, object and collection views), a Plotly chart
# (Plotly.NET's HTML calls Plotly.newPlot), a Mermaid diagram (rendered by mermaid's JavaScript). A `<pre>` dump of a
# value's text is text/html too; these tell it from the real view.
HTML_FEATURES = [("table", lambda h: "<table" in h), ("plotly", lambda h: "newPlot(" in h),
                 ("mermaid", lambda h: "<script" in h and "mermaid" in h)]


def html_features(outputs):
    html = ""
    for output in outputs:
        if output.get("output_type") in ("display_data", "execute_result") and not is_bootstrap(output):
            value = output.get("data", {}).get("text/html", "")
            html += "".join(value) if isinstance(value, list) else value
    return [name for name, found in HTML_FEATURES if found(html)]


def output_kinds(outputs):
    return sorted({kind for bundle in output_bundles(outputs) for kind in bundle})


def output_bundles(outputs):
    """The distinct output bundles: each display's or result's sorted MIME types, and one ["stream:NAME"] per stream
    written to (hosts flush stream text in different pieces). The engine's bootstrap script is left out."""
    bundles = set()
    for output in outputs:
        kind = output.get("output_type")
        if kind == "stream":
            bundles.add(("stream:" + output.get("name", "?"),))
        elif kind in ("display_data", "execute_result") and not is_bootstrap(output):
            bundles.add(tuple(sorted(output.get("data", {}).keys())))
    return [list(b) for b in sorted(bundles)]


def error_line(outputs, reply):
    errors = [o for o in outputs if o.get("output_type") == "error"]
    if errors:
        e = errors[0]
        value = first_line(e.get("evalue", ""))
        return f"{e.get('ename', '')}: {value}" if e.get("ename") else value
    if reply is not None and reply.get("content", {}).get("evalue"):
        content = reply["content"]
        return f"{content.get('ename', '')}: {first_line(content['evalue'])}"
    stderr = "".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream" and o.get("name") == "stderr")
    return first_line(stderr)


def code_cells(nb):
    return [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code"]


def cell_record(name, index, cell):
    meta = cell.metadata.get("polyglot_notebook", {}).get("kernelName") or cell.metadata.get("dotnet_interactive", {}).get("language")
    return {"notebook": name, "cell": index, "id": cell.get("id"), "kernel": meta or "csharp",
            "first_line": first_line(cell.source)}


def run_notebook(path, kernel_name, workdir, timeout, startup_timeout, save_dir=None):
    """One notebook in a fresh kernel; a record per code cell."""
    nb = nbformat.read(path, as_version=4)
    name = os.path.basename(path)
    client = RecordingClient(nb, kernel_name=kernel_name, timeout=timeout, startup_timeout=startup_timeout,
                             allow_errors=True, interrupt_on_timeout=True,
                             error_on_timeout={"ename": "Timeout", "evalue": f"no reply within {timeout} s"},
                             resources={"metadata": {"path": workdir}})
    records = []
    pending = code_cells(nb)
    try:
        with client.setup_kernel():
            while pending:
                index, cell = pending.pop(0)
                record = cell_record(name, index, cell)
                client.updates, client.reply = 0, None
                started = time.monotonic()
                try:
                    client.execute_cell(cell, index)
                    status = (client.reply or {}).get("content", {}).get("status", "error")
                except CellTimeoutError:
                    status = "timeout"
                except DeadKernelError:
                    status = "dead"
                record.update(status="ok" if status == "ok" else "error", outcome=status,
                              error="" if status == "ok" else (error_line(cell.outputs, client.reply) or f"({status})"),
                              stderr=first_line("".join(o.get("text", "") for o in cell.outputs
                                                        if o.get("output_type") == "stream" and o.get("name") == "stderr")),
                              error_outputs=sum(o.get("output_type") == "error" for o in cell.outputs),
                              outputs=output_kinds(cell.outputs), bundles=output_bundles(cell.outputs),
                              html_features=html_features(cell.outputs), updates=client.updates,
                              seconds=round(time.monotonic() - started, 2))
                records.append(record)
                if status == "dead":
                    break
        if save_dir:
            os.makedirs(save_dir, exist_ok=True)
            nbformat.write(nb, os.path.join(save_dir, name))
    except Exception as ex:  # the kernel did not start, or died between cells
        reason = f"{type(ex).__name__}: {first_line(ex)}"
        for index, cell in pending:
            records.append({**cell_record(name, index, cell), "status": "error", "outcome": "not-run",
                            "error": "kernel unavailable: " + reason, "stderr": "", "error_outputs": 0, "outputs": [], "bundles": [], "html_features": [], "updates": 0, "seconds": 0})
        return records, reason
    for index, cell in pending:
        records.append({**cell_record(name, index, cell), "status": "error", "outcome": "not-run",
                        "error": "kernel died in an earlier cell", "stderr": "", "error_outputs": 0, "outputs": [], "bundles": [], "html_features": [], "updates": 0, "seconds": 0})
    return records, None


def run_kernel(label, kernel_name, corpus, notebooks, tmp, timeout, startup_timeout, save_dir=None):
    workdir = os.path.join(tmp, "work-" + label)
    shutil.copytree(corpus, workdir)
    results, failures = [], []
    for nb in notebooks:
        records, failure = run_notebook(os.path.join(workdir, nb), kernel_name, workdir, timeout, startup_timeout,
                                        os.path.join(save_dir, label) if save_dir else None)
        results.extend(records)
        if failure:
            failures.append(f"{nb}: {failure}")
        print(f"  {label}: {nb}: {sum(r['status'] == 'ok' for r in records)}/{len(records)} cells ran", file=sys.stderr, flush=True)
    return results, failures


def install_ours(tool, dotnet, tmp):
    launch = [dotnet, tool] if tool.endswith(".dll") else [tool]
    subprocess.run(launch + ["kernel", "install", "--prefix", os.path.join(tmp, "prefix")], check=True,
                   stdout=subprocess.DEVNULL)
    return os.path.join(tmp, "prefix", "share", "jupyter")


def install_engine(tmp):
    """The engine's kernelspec folder and kernel name, or (None, reason)."""
    folder = os.path.join(tmp, "engine")
    try:
        spec = subprocess.run([KERNELSPEC_SCRIPT, folder], capture_output=True, text=True, timeout=900)
    except (OSError, subprocess.TimeoutExpired) as ex:
        return None, None, f"{KERNELSPEC_SCRIPT}: {ex}"
    if spec.returncode != 0:
        return None, None, f"{KERNELSPEC_SCRIPT} exited with {spec.returncode}: {first_line(spec.stderr)}"
    return folder, spec.stdout.strip().splitlines()[-1], None


def summarise(cells):
    total = len(cells)
    ours_ok = sum(c["ours"]["status"] == "ok" for c in cells if c.get("ours"))
    engine_ok = sum(c["engine"]["status"] == "ok" for c in cells if c.get("engine"))
    both = [c for c in cells if c.get("ours") and c.get("engine") and c["ours"]["status"] == c["engine"]["status"] == "ok"]
    matched = sum(c["ours"]["outputs"] == c["engine"]["outputs"] for c in both)
    return {"cells": total, "ours_ran": ours_ok, "engine_ran": engine_ok, "ran_in_both": len(both), "outputs_matched": matched}


def describe(record):
    if record is None:
        return "-"
    kinds = ",".join(record["outputs"]) or "(none)"
    return ("ok " + kinds) if record["status"] == "ok" else f"ERR {kinds} | {record['error'][:70]}"


def print_table(cells, summary, engine_source):
    print(f"{'cell':<34} {'first line':<38} {'ours':<60} engine ({engine_source})")
    for c in cells:
        key = f"{c['notebook'][:28]}#{c['cell']}"
        print(f"{key:<34} {c['first_line'][:38]:<38} {describe(c.get('ours'))[:60]:<60} {describe(c.get('engine'))}")
    print(f"cells run: ours {summary['ours_ran']}/{summary['cells']}, engine {summary['engine_ran']}/{summary['cells']} "
          f"({engine_source}); outputs matched {summary['outputs_matched']} of {summary['ran_in_both']} cells that ran in both "
          f"(the same output kinds, before the documented differences PolyglotCorpusTests allows)")


def engine_version():
    marker = os.path.join(os.environ.get("SFTPI_TOOLS_DIR", os.path.join(REPO, ".tools")), "dotnet-interactive", ".version")
    return open(marker).read().strip() if os.path.exists(marker) else ""


def recorded_for(path, notebooks):
    """The recorded engine records of these notebooks, and the date they were recorded."""
    if not path or not os.path.exists(path):
        return None, None
    recorded = json.load(open(path, encoding="utf-8"))
    return [c for c in recorded["cells"] if c["notebook"] in notebooks], recorded.get("recorded", "")


def run_engine(args, notebooks, tmp, engine_kernel, engine_problem):
    """The engine's records and where they come from: "live"; "live, recorded for N" when the engine's kernel did not
    start for some notebooks; "recorded DATE" when it could not run at all; "unavailable" without recorded results."""
    engine, failed = [], list(notebooks)
    if engine_kernel:
        live, failures = run_kernel("engine", engine_kernel, args.corpus, notebooks, tmp, args.timeout, args.startup_timeout, args.save)
        failed = [f.split(":")[0] for f in failures]
        engine = [r for r in live if r["notebook"] not in failed]
        if failures:
            engine_problem = "the engine's kernel did not start: " + "; ".join(failures)
    if not failed:
        return engine, "live", engine_problem
    recorded, date = recorded_for(args.recorded, failed)
    if recorded is None:
        print(f"The engine could not run: {engine_problem}", file=sys.stderr)
        return (engine or None), ("live, missing " + ", ".join(failed) if engine else "unavailable"), engine_problem
    print(f"The engine could not run {', '.join(failed)} ({engine_problem}); those come from {args.recorded} ({date}).",
          file=sys.stderr)
    source = f"recorded {date}" if not engine else f"live, recorded {date} for " + ", ".join(failed)
    return engine + recorded, source, engine_problem


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=DEFAULT_CORPUS)
    parser.add_argument("--tool", help="sftpi.dll (or the sftpi apphost) whose kernel is 'ours'")
    parser.add_argument("--dotnet", default=os.environ.get("DOTNET_HOST_PATH", "dotnet"))
    parser.add_argument("--only", choices=["ours", "engine", "both"], default="both")
    parser.add_argument("--notebooks", help="comma-separated notebook names (default: every *.ipynb of the corpus)")
    parser.add_argument("--timeout", type=int, default=300, help="seconds per cell")
    parser.add_argument("--startup-timeout", type=int, default=180)
    parser.add_argument("--no-engine", action="store_true", help="do not run the engine: compare with --recorded")
    parser.add_argument("--recorded", help="the engine's recorded results, used where the engine cannot run")
    parser.add_argument("--record", help="write the engine's results (as --recorded reads them) to this file")
    parser.add_argument("--json", help="write every cell's results and the summary here")
    parser.add_argument("--save", help="write the executed notebooks into SAVE/ours and SAVE/engine")
    args = parser.parse_args()

    notebooks = args.notebooks.split(",") if args.notebooks else sorted(
        os.path.basename(p) for p in glob.glob(os.path.join(args.corpus, "*.ipynb")))
    ours = engine = None
    engine_source, engine_problem = "not asked", None
    with tempfile.TemporaryDirectory(prefix="sftpi-corpus-") as tmp:
        os.environ["JUPYTER_RUNTIME_DIR"] = os.path.join(tmp, "runtime")
        os.environ["JUPYTER_DATA_DIR"] = os.path.join(tmp, "data")
        os.environ["JUPYTER_CONFIG_DIR"] = os.path.join(tmp, "config")
        os.environ["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1"
        os.environ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1"
        paths = []
        if args.only in ("ours", "both"):
            if not args.tool:
                sys.exit("--tool is needed to run our kernel")
            paths.append(install_ours(args.tool, args.dotnet, tmp))
        engine_kernel = None
        if args.only in ("engine", "both"):
            if args.no_engine:
                engine_problem = "--no-engine"
            else:
                folder, engine_kernel, engine_problem = install_engine(tmp)
                if folder:
                    paths.append(folder)
        os.environ["JUPYTER_PATH"] = os.pathsep.join(paths)

        if args.only in ("ours", "both"):
            ours, _ = run_kernel("ours", OURS_KERNEL, args.corpus, notebooks, tmp, args.timeout, args.startup_timeout, args.save)
        if args.only in ("engine", "both"):
            engine, engine_source, engine_problem = run_engine(args, notebooks, tmp, engine_kernel, engine_problem)

    if args.record:
        if engine is None or engine_source != "live":
            sys.exit(f"nothing to record: the engine did not run ({engine_problem})")
        with open(args.record, "w", encoding="utf-8", newline="\n") as f:
            json.dump({"engine": f"Microsoft.dotnet-interactive {engine_version()}".strip(), "recorded": time.strftime("%Y-%m-%d"),
                       "cells": [{k: v for k, v in c.items() if k != "seconds"} for c in engine]}, f, indent=1)
            f.write("\n")

    by_key = {}
    for label, records in (("ours", ours), ("engine", engine)):
        for r in records or []:
            entry = by_key.setdefault((r["notebook"], r["cell"]), {k: r[k] for k in ("notebook", "cell", "id", "kernel", "first_line")})
            entry[label] = {k: r.get(k) for k in ("id", "status", "outcome", "error", "stderr", "error_outputs", "outputs", "bundles",
                                                  "html_features", "updates", "seconds")}
    cells = [by_key[k] for k in sorted(by_key)]
    summary = summarise(cells)
    print_table(cells, summary, engine_source)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"engine_source": engine_source, "engine_problem": engine_problem, "summary": summary, "cells": cells}, f, indent=1)


if __name__ == "__main__":
    main()
