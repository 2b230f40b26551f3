#!/usr/bin/env bash
# Jupyter kernel: warm round trip of a trivial cell (execute_request -> idle) through jupyter_client, ours against
# ipykernel and the .NET Interactive engine's C# kernel in the same run; and each kernel's start to first result.
source "$BENCH_DIR/lib/common.sh"
"$PY" -c 'import jupyter_client, ipykernel' 2>/dev/null || { log "installing python3-jupyter-client python3-ipykernel"; sudo_apt python3-jupyter-client python3-ipykernel; }
dotnet build "$REPO_ROOT/src/SftpInteractive.Tool" -c Release -nologo -v q >/dev/null
for rep in $(seq 1 "$REPS"); do
  log "kernel round trip rep $rep/$REPS"
  out=$("$PY" "$BENCH_DIR/kernel-roundtrip.py" --json --cells 100 --warmup 20)
  for tool in ours ipykernel engine; do
    s=$(echo "$out" | "$PY" -c "import json,sys; r=json.load(sys.stdin); print(r['$tool']['median_s'] if '$tool' in r else '')")
    [[ -n $s ]] || continue
    start=$(echo "$out" | "$PY" -c "import json,sys; print(json.load(sys.stdin)['$tool']['startup_s'])")
    case $tool in
      ours) settings="sftpi kernel run (Release build), 1+1, 100 cells after 20 warm-up" ;;
      ipykernel) settings="ipykernel (Debian python3-ipykernel), 1+1, same client and counts" ;;
      engine) settings="dotnet-interactive 1.0.712001 jupyter (tests/tools/dotnet-interactive-kernelspec), 1+1, same client and counts" ;;
    esac
    record kernel-roundtrip "warm 1+1 round trip" "$tool" "$rep" "$s" "$settings"
    record kernel-startup "kernel start to first result" "$tool" "$rep" "$start" "$settings"
  done
done
