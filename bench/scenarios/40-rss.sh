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
out=$("$BIN" rss-get "$R" "$L" --env "$KEY_ENV")
rm -f "$L" "$home_path"
record rss "get ${RSS_GB} GiB" ours 1 "$(echo "$out" | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["work_s"])')" \
  "VmHWM from /proc/self/status" "$(echo "$out" | "$PY" -c '
import json, re, sys
d = json.load(sys.stdin)
m = re.search(r"transfer-only peak RSS growth ([0-9.]+) MB", d["detail"])
print(json.dumps({"rss_growth_mb": float(m.group(1)) if m else None, "process_rss_growth_mb": d["rss_growth_mb"]}))')"
