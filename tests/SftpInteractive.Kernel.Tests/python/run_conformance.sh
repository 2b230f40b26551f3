#!/usr/bin/env bash
# Runs jupyter_kernel_test against the kernel: installs the kernelspec into a temporary prefix (the user's Jupyter
# config is left alone) and runs the suite with Debian's python3, which has the Jupyter libraries.
# Usage: run_conformance.sh [path/to/sftpi.dll or sftpi]   (default: the Tool's Debug build)
#        run_conformance.sh --engine   the same test class against the .NET Interactive engine's C# Jupyter kernel
#                                      (README, "Side by side"; its snippets use our verbs where the suite needs HTML)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../../.." && pwd)"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
export JUPYTER_RUNTIME_DIR="$TMP/runtime" JUPYTER_DATA_DIR="$TMP/data"
if [[ "${1:-}" == --engine ]]; then
  export SFTPI_KERNEL_NAME="$("$REPO/tests/tools/dotnet-interactive-kernelspec" "$TMP/engine")"
  export JUPYTER_PATH="$TMP/engine" DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT=1
  cd "$HERE"
  exec /usr/bin/python3 -m unittest -v test_sftpinteractive_kernel
fi
TOOL="${1:-$REPO/src/SftpInteractive.Tool/bin/Debug/net10.0/sftpi.dll}"
[[ -e "$TOOL" ]] || { echo "No $TOOL: build src/SftpInteractive.Tool first" >&2; exit 2; }
if [[ "$TOOL" == *.dll ]]; then launch=(dotnet "$TOOL"); else launch=("$TOOL"); fi
"${launch[@]}" kernel install --prefix "$TMP/prefix"
export JUPYTER_PATH="$TMP/prefix/share/jupyter"
cd "$HERE"
exec /usr/bin/python3 -m unittest -v test_sftpinteractive_kernel
