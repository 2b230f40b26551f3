#!/usr/bin/env bash
# Our peak RSS growth while getting a large file (default 2 GiB). The server file is sparse (reads as zeros), which
# costs the server no disk; the bytes still cross the encrypted channel like any others.
source "$BENCH_DIR/lib/common.sh"
start_server; prepare_data
R="$RBENCH/rss-${RSS_GB}g.bin"; L="$WORK/rss.bin"; W="$RBENCH/rss-warm.bin"
home_path="$(remote_home)/bench/rss-${RSS_GB}g.bin"; warm_path="$(remote_home)/bench/rss-warm.bin"
if [[ -d "$(remote_home)" && -w "$(remote_home)/bench" ]]; then
  truncate -s "${RSS_GB}G" "$home_path"
  truncate -s 128M "$warm_path"
else
  printf 'put /dev/null %s\n' "$R" | sftp_batch >/dev/null
  echo "(cannot create a sparse file locally; using what exists)" >&2
fi
rss_case() {  # rss_case <case label> <settings> <warm-up remote or ""> [env assignments…]
  local label="$1" settings="$2" warm="$3"; shift 3
  local out
  out=$(env "$@" "$BIN" rss-get "$R" "$L" $warm --env "$KEY_ENV" --parallel 4)
  rm -f "$L"
  record rss "$label" ours 1 "$(echo "$out" | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["work_s"])')" "$settings" "$(echo "$out" | "$PY" -c '
import json, re, sys
d = json.load(sys.stdin)
m = re.search(r"transfer-only peak RSS growth ([0-9.]+) MB", d["detail"])
print(json.dumps({"rss_growth_mb": float(m.group(1)) if m else None, "process_rss_growth_mb": d["rss_growth_mb"]}))')"
}
# The target: what the transfer itself adds. A 128 MiB get first opens the pool's 4 connections and runs every code path
# once, as any earlier transfer of a session does; then VmHWM growth is measured around the 2 GiB get.
rss_case "get ${RSS_GB} GiB, session warm" "VmHWM growth around GetAsync after a 128 MiB get; 4 connections; workstation GC defaults" "$W" DOTNET_NOTHING=1
# The first transfer of a session: opening 3 more SSH connections and first-use code land inside the measurement.
rss_case "get ${RSS_GB} GiB, first transfer of the session" "same, no warm-up: the pool opens inside the measurement" "" DOTNET_NOTHING=1
rm -f "$home_path" "$warm_path"
