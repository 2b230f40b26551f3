#!/usr/bin/env bash
# Our peak RSS growth while getting a large file (default 2 GiB). The server file is sparse (reads as zeros), which
# costs the server no disk; the bytes still cross the encrypted channel like any others.
source "$BENCH_DIR/lib/common.sh"
start_server; prepare_data
R="$RBENCH/rss-${RSS_GB}g.bin"; L="$WORK/rss.bin"
home_path="$(remote_home)/bench/rss-${RSS_GB}g.bin"
if [[ -d "$(remote_home)" && -w "$(remote_home)/bench" ]]; then
  truncate -s "${RSS_GB}G" "$home_path"
else
  printf 'put /dev/null %s\n' "$R" | sftp_batch >/dev/null
  echo "(cannot create a sparse file locally; using what exists)" >&2
fi
rss_case() {  # rss_case <case label> <settings> [env assignments…]
  local label="$1" settings="$2"; shift 2
  local out
  out=$(env "$@" "$BIN" rss-get "$R" "$L" --env "$KEY_ENV" --parallel 4)
  rm -f "$L"
  record rss "$label" ours 1 "$(echo "$out" | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["work_s"])')" "$settings" "$(echo "$out" | "$PY" -c '
import json, re, sys
d = json.load(sys.stdin)
m = re.search(r"transfer-only peak RSS growth ([0-9.]+) MB", d["detail"])
print(json.dumps({"rss_growth_mb": float(m.group(1)) if m else None, "process_rss_growth_mb": d["rss_growth_mb"]}))')"
}
rss_case "get ${RSS_GB} GiB, default GC" "VmHWM growth around GetAsync; .NET workstation GC defaults" DOTNET_NOTHING=1
# The same transfer under a 64 MiB GC heap cap (what a container limit or System.GC.HeapHardLimit gives): it shows how
# much of the default growth is garbage the GC simply had no reason to collect yet.
rss_case "get ${RSS_GB} GiB, GC heap capped at 64 MiB" "same, DOTNET_GCHeapHardLimit=0x4000000" DOTNET_GCHeapHardLimit=0x4000000
rm -f "$home_path"
