#!/usr/bin/env bash
# Load at the full counts of issue 7: 500 connect/disconnect cycles and 200 parallel small transfers (3 rounds of
# 200 puts + 200 gets), run by the integration tests in LoadTests (the same assertions as CI, which uses fewer
# cycles). The tests append their figures (fds, threads, managed heap, RSS before/after) to a JSON-lines file.
# No ratio target: the figures are the result; a failed bound fails the test and shows as seconds null.
source "$BENCH_DIR/lib/common.sh"
start_server
report="$WORK/load.jsonl"; : > "$report"
project="$REPO_ROOT/tests/SftpInteractive.IntegrationTests"
dotnet build "$project" -c Release -nologo -clp:ErrorsOnly -v q >/dev/null
SFTPI_LOAD_CYCLES="${LOAD_CYCLES:-500}" SFTPI_LOAD_PARALLEL="${LOAD_PARALLEL:-200}" SFTPI_LOAD_REPORT="$report" \
  dotnet test "$project" -c Release --no-build --filter "FullyQualifiedName~LoadTests" >>"$WORK/peer.log" 2>&1 \
  || log "load tests failed (see $WORK/peer.log)"
while read -r line; do
  case_name=$("$PY" -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["test"] + (" %d cycles" % d["cycles"] if "cycles" in d else " %d parallel" % d["parallel"]))' "$line")
  seconds=$("$PY" -c 'import json,sys; print(json.loads(sys.argv[1])["seconds"])' "$line")
  record load "$case_name" ours 1 "$seconds" "LoadTests via dotnet test; bounds asserted in the test" "$line"
done < "$report"
