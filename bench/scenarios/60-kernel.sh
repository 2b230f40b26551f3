#!/usr/bin/env bash
# Jupyter kernel: warm round trip of a trivial cell (execute_request -> idle) through jupyter_client, ours against
# ipykernel and the .NET Interactive engine's C# kernel in the same run; each kernel's start to first result; and the
# round trip a user sees in a fresh kernel (cells 6..25, several kernels each). Ours is the installed default package
# (ReadyToRun), started by the kernelspec it installs, as users run it.
source "$BENCH_DIR/lib/common.sh"
"$PY" -c 'import jupyter_client, ipykernel' 2>/dev/null || { log "installing python3-jupyter-client python3-ipykernel"; sudo_apt python3-jupyter-client python3-ipykernel; }
install_sftpi
SFTPI="$WORK/tools/ours/sftpi"
for rep in $(seq 1 "$REPS"); do
  log "kernel round trip rep $rep/$REPS"
  out=$("$PY" "$BENCH_DIR/kernel-roundtrip.py" --json --cells 100 --warmup 20 --tool "$SFTPI" | tail -n 1)  # a kernel may print its banner on the same stdout
  for tool in ours ipykernel engine; do
    s=$(echo "$out" | "$PY" -c "import json,sys; r=json.load(sys.stdin); print(r['$tool']['median_s'] if '$tool' in r else '')")
    [[ -n $s ]] || continue
    start=$(echo "$out" | "$PY" -c "import json,sys; print(json.load(sys.stdin)['$tool']['startup_s'])")
    case $tool in
      ours) settings="sftpi kernel run (installed default package, ReadyToRun), 1+1, 100 cells after 20 warm-up" ;;
      ipykernel) settings="ipykernel (Debian python3-ipykernel), 1+1, same client and counts" ;;
      engine) settings="dotnet-interactive 1.0.712001 jupyter (tests/tools/dotnet-interactive-kernelspec), 1+1, same client and counts" ;;
    esac
    record kernel-roundtrip "warm 1+1 round trip" "$tool" "$rep" "$s" "$settings"
    record kernel-startup "kernel start to first result" "$tool" "$rep" "$start" "$settings"
  done
done
log "kernel round trip in fresh kernels ($((REPS < 3 ? 3 : REPS)) kernels each)"
out=$("$PY" "$BENCH_DIR/kernel-roundtrip.py" --json --fresh "$((REPS < 3 ? 3 : REPS))" --tool "$SFTPI" | tail -n 1)
for tool in ours ipykernel; do
  echo "$out" | "$PY" -c "import json,sys; [print(i + 1, s) for i, s in enumerate(json.load(sys.stdin)['$tool']['kernel_medians_s'])]" |
    while read -r kernel s; do
      record kernel-fresh-roundtrip "1+1 round trip, cells 6..25 of a fresh kernel" "$tool" "$kernel" "$s" \
        "median of cells 6..25 per fresh kernel, jupyter_client execute_interactive; ours: installed default package"
    done
done
