#!/usr/bin/python3
"""Serves the JupyterLab app that tests/tools/build-jupyterlab built, with Debian's jupyterlab_server and
jupyter_server, for the browser tests.

    /usr/bin/python3 serve.py --app-dir DIR --root-dir NOTEBOOKS [--jupyter-path KERNELS_PREFIX] [--state-dir DIR]
                              [--kernel-name NAME] [--port N]

--app-dir is the folder build-jupyterlab printed (JUPYTERLAB_APP=...); --root-dir the folder whose notebooks the
file browser shows; --jupyter-path a folder holding kernels/<name>/kernel.json (put first on JUPYTER_PATH, so a
kernelspec installed there is found); --state-dir holds this server's settings, workspaces, runtime files and log
(a temporary folder when not given, removed at exit). The server listens on 127.0.0.1, on a free port unless --port
says, with a random token. When it answers, one line goes to stdout:

    SFTPI_LAB_URL=http://127.0.0.1:PORT/lab?token=TOKEN

It stops on SIGTERM or SIGINT (and then shuts its kernels down), and with --exit-with-stdin also when its standard
input closes.
"""
import argparse
import os
import secrets
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
import urllib.request


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def parse():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--app-dir", required=True)
    p.add_argument("--root-dir", required=True)
    p.add_argument("--jupyter-path")
    p.add_argument("--state-dir")
    p.add_argument("--kernel-name")
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--exit-with-stdin", action="store_true",
                   help="stop (shutting the kernels down) when stdin closes: the test process that started this "
                        "server holds it open, so a test run that dies takes its server along")
    return p.parse_args()


args = parse()
app_dir = os.path.abspath(args.app_dir)
state_dir = os.path.abspath(args.state_dir) if args.state_dir else tempfile.mkdtemp(prefix="sftpi-lab-")
temporary_state = not args.state_dir
for sub in ("runtime", "data", "config", "user_settings", "workspaces"):
    os.makedirs(os.path.join(state_dir, sub), exist_ok=True)

# Before Jupyter's modules read them: no config files from the user's home, and kernelspecs from --jupyter-path first.
os.environ["JUPYTER_NO_CONFIG"] = "1"
os.environ["JUPYTER_RUNTIME_DIR"] = os.path.join(state_dir, "runtime")
os.environ["JUPYTER_DATA_DIR"] = os.path.join(state_dir, "data")
os.environ["JUPYTER_CONFIG_DIR"] = os.path.join(state_dir, "config")
if args.jupyter_path:
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        p for p in (os.path.abspath(args.jupyter_path), os.environ.get("JUPYTER_PATH")) if p)

from jupyterlab_server import LabServerApp  # noqa: E402

build_dir = os.path.join(app_dir, "build")
if not os.path.isfile(os.path.join(build_dir, "bundle.js")):
    sys.exit(f"serve.py: no bundle in {build_dir}: run tests/tools/build-jupyterlab first")

token = secrets.token_hex(24)
port = args.port or free_port()


class SftpiLab(LabServerApp):
    """JupyterLab's page, settings, themes and translations over the bundle; the server's own REST and websocket
    APIs (contents, kernels, sessions, kernelspecs) come from jupyter_server."""
    # jupyter_server finds an extension by its module: this script's, as the one it starts.
    name = __name__
    extension_url = "/lab"
    default_url = "/lab"
    load_other_extensions = False
    app_name = "JupyterLab (sftpi tests)"
    app_version = "4"
    static_dir = build_dir
    templates_dir = os.path.join(app_dir, "templates")
    schemas_dir = os.path.join(build_dir, "schemas")
    themes_dir = os.path.join(build_dir, "themes")
    app_settings_dir = os.path.join(app_dir, "settings")
    user_settings_dir = os.path.join(state_dir, "user_settings")
    workspaces_dir = os.path.join(state_dir, "workspaces")

    def initialize_settings(self):
        super().initialize_settings()
        self.serverapp.web_app.settings["terminals_available"] = False



def _jupyter_server_extension_points():
    return [{"module": __name__, "app": SftpiLab}]


def announce_when_answering():
    """Prints the URL once the server answers its status API (a thread: the server's loop is busy serving)."""
    url = f"http://127.0.0.1:{port}/api/status?token={token}"
    for _ in range(1200):  # 10 minutes at most
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    print(f"SFTPI_LAB_URL=http://127.0.0.1:{port}/lab?token={token}", flush=True)
                    return
        except OSError:
            pass
        time.sleep(0.5)
    print("serve.py: the server did not answer in 10 minutes", file=sys.stderr, flush=True)


def stop_when_stdin_closes():
    """Reads stdin to its end, then stops the server as SIGTERM does (its kernels are shut down)."""
    while sys.stdin.buffer.read(4096):
        pass
    os.kill(os.getpid(), signal.SIGTERM)


def main():
    threading.Thread(target=announce_when_answering, daemon=True).start()
    if args.exit_with_stdin:
        threading.Thread(target=stop_when_stdin_closes, daemon=True).start()
    argv = [
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.token={token}",
        "--ServerApp.password=",
        "--ServerApp.open_browser=False",
        "--ServerApp.allow_root=True",
        f"--ServerApp.root_dir={os.path.abspath(args.root_dir)}",
    ]
    if args.kernel_name:
        argv.append(f"--MappingKernelManager.default_kernel_name={args.kernel_name}")
    try:
        SftpiLab.launch_instance(argv=argv)
    finally:
        if temporary_state:
            shutil.rmtree(state_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
