#!/usr/bin/env bash
# Tree search for wmr1006.csv: FindAsync (parallel walk) vs Paramiko doing the tutorial's serial listdir_attr walk.
# Time of the walk itself, measured inside each process (connection set-up excluded for both, reported separately).
source "$BENCH_DIR/lib/common.sh"
start_server; prepare_data
ROOT="${SFTPI_TEST_DATA_ROOT:-/data}"
DIRS=$(find "$ROOT" -type d 2>/dev/null | wc -l || echo "?")
for rep in $(seq 1 "$REPS"); do
  log "search rep $rep/$REPS"
  settle   # the tree scenario's writes still going to disk would land in the first repetition
  out=$("$BIN" find "$ROOT" wmr1006.csv --parallel 4 --env "$KEY_ENV")
  cold=$(echo "$out" | "$PY" -c 'import json,re,sys; print(re.search(r"cold ([0-9.]+) s", json.load(sys.stdin)["detail"]).group(1))')
  warm=$(echo "$out" | "$PY" -c 'import json,re,sys; print(re.search(r"warm_s=([0-9.]+)", json.load(sys.stdin)["detail"]).group(1))')
  record search "wmr1006.csv in $ROOT (${DIRS} dirs)" ours "$rep" "$cold" \
    "FindAsync cold: first search right after connect, its 3 extra workers on sftp channels it opens on the session's connection" "$(echo "$out" | "$PY" -c 'import json,sys; d=json.load(sys.stdin); print(json.dumps({"connect_s": d["connect_s"], "detail": d["detail"]}))')"
  record search-warm "wmr1006.csv in $ROOT (${DIRS} dirs)" ours "$rep" "$warm" "FindAsync warm: second search of the session, its channels already open"
  settle
  out=$(HOST="$HOST" PORT="$PORT" "$PY" "$BENCH_DIR/peers/paramiko_bench.py" walk "$ROOT" wmr1006.csv)
  record search "wmr1006.csv in $ROOT (${DIRS} dirs)" paramiko-serial "$rep" "$(echo "$out" | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["work_s"])')" \
    "tutorial walk: recursive listdir_attr, one request at a time" "$(echo "$out" | "$PY" -c 'import json,sys; d=json.load(sys.stdin); print(json.dumps({"connect_s": d["connect_s"], "detail": d["detail"]}))')"
  record search-warm "wmr1006.csv in $ROOT (${DIRS} dirs)" paramiko-serial "$rep" "$(echo "$out" | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["work_s"])')" "same Paramiko run as above"
done
