# Shared by bench/run and every scenario script (sourced). Scenario scripts only call record/timed and the peer helpers.
set -euo pipefail
BENCH_DIR="${BENCH_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
REPO_ROOT="${REPO_ROOT:-$(cd "$BENCH_DIR/.." && pwd)}"
export SFTPI_TEST_DIR="${SFTPI_TEST_DIR:-$REPO_ROOT/.sftpi-test}"
RESULTS_DIR="$BENCH_DIR/results"
RESULTS_JSONL="$RESULTS_DIR/results.jsonl"
WORK="${BENCH_WORK:-/tmp/sftpi-bench}"
PY=/usr/bin/python3   # Debian's python3 has python3-paramiko; the first python3 on PATH may not.
BIN="$BENCH_DIR/SftpInteractive.Bench/out/SftpInteractive.Bench"
BIN_AOT="$BENCH_DIR/SftpInteractive.Bench/out-aot/SftpInteractive.Bench"   # only when build_bench could publish it
mkdir -p "$RESULTS_DIR" "$WORK"
export RUN_ID="${RUN_ID:-$$}"   # bench/run's process id: what scenarios of one run share (install_sftpi)

log() { echo "[bench $(date -u +%H:%M:%S)] $*" >&2; }

install_peers() {
  local missing=()
  command -v sftp >/dev/null || missing+=(openssh-client)
  "$PY" -c 'import paramiko' 2>/dev/null || missing+=(python3-paramiko)
  command -v rclone >/dev/null || missing+=(rclone)
  command -v lftp >/dev/null || missing+=(lftp)
  command -v tmux >/dev/null || missing+=(tmux)
  "$PY" -c 'import jupyter_client, ipykernel' 2>/dev/null || missing+=(python3-jupyter-client python3-ipykernel)
  if (( ${#missing[@]} )); then
    log "installing ${missing[*]}"
    local sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
    $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

sudo_apt() {
  local sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get install -y -qq "$@" >/dev/null 2>&1 || { $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null; }
}

start_server() {
  "$REPO_ROOT/tests/server/sftpi-test-server" start >/dev/null
  # shellcheck disable=SC1091
  source "$SFTPI_TEST_DIR/server.env"
  set -a; source "$SFTPI_TEST_DIR/env/key.env"; set +a   # SFTP_USERNAME, SFTP_PRIVATE_KEY (never printed)
  export KEY_ENV="$SFTPI_TEST_DIR/env/key.env" HOST="$SFTPI_TEST_HOST" PORT="$SFTPI_TEST_PORT"
}

build_bench() {
  # ReadyToRun, as the dotnet tool ships: start-up JIT would otherwise be timed as if it were transfer work.
  log "publishing the bench program (Release, ReadyToRun)"
  dotnet publish "$BENCH_DIR/SftpInteractive.Bench" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -o "$BENCH_DIR/SftpInteractive.Bench/out" -v q -nologo >/dev/null
  # The same program published as native AOT (the library is AOT-compatible): the *-aot rows show what a program of
  # the user's own gets without the .NET runtime's start-up and JIT. Without a C toolchain those rows are left out.
  log "publishing the bench program (Release, native AOT)"
  rm -rf "$(dirname "$BIN_AOT")"
  dotnet publish "$BENCH_DIR/SftpInteractive.Bench" -c Release -r linux-x64 -p:SftpiAot=true -o "$(dirname "$BIN_AOT")" \
    -v q -nologo >"$WORK/aot-publish.log" 2>&1 || log "native AOT publish failed (rows *-aot left out): $(tail -3 "$WORK/aot-publish.log")"
}

# install_sftpi: packs the tool from a copy of the sources the way users get it and installs it with
# `dotnet tool install --tool-path` twice: $WORK/tools/ours (pointer package + this platform's ReadyToRun package,
# picked by `dotnet tool install` as from the default pack) and $WORK/tools/portable (-p:SftpiToolRuntimeIdentifiers=portable,
# the single portable JIT package). Once per bench run: later scenarios reuse the installs.
install_sftpi() {
  local tools="$WORK/tools" pkg="$WORK/nupkg" stamp="$WORK/tools/.stamp-$RUN_ID"
  [[ -f $stamp ]] && return 0
  local version="0.0.0-bench.$(date +%s)" copy="$WORK/src-copy"
  rm -rf "$tools/ours" "$tools/portable" "$pkg" "$copy"; mkdir -p "$tools" "$pkg" "$copy"
  log "packing and installing sftpi (default ReadyToRun packages, and the portable package)"
  (cd "$REPO_ROOT" && git ls-files -z src tests/server Directory.Build.props Directory.Packages.props .editorconfig | xargs -0 cp --parents -t "$copy")
  local variant
  for variant in ours portable; do
    # `host` packs the pointer package and this machine's ReadyToRun package only: the same linux-x64 package the
    # default pack makes (with every other platform's), in a fraction of the time.
    local extra=(-p:SftpiToolRuntimeIdentifiers=host); [[ $variant == portable ]] && extra=(-p:SftpiToolRuntimeIdentifiers=portable)
    dotnet pack "$copy/src/SftpInteractive.Tool" -c Release -o "$pkg/$variant" -p:Version="$version" "${extra[@]}" -nologo -v q >/dev/null
    dotnet tool install SftpInteractive.Tool --version "$version" --add-source "$pkg/$variant" --tool-path "$tools/$variant" >/dev/null
  done
  touch "$stamp"
}

# Data lives in the key account's home so the benchmark needs no root on the server side.
remote_home() { echo "/home/$SFTP_USERNAME"; }
prepare_data() {
  export RBENCH="$(remote_home)/bench"
  export LARGE="$RBENCH/large-${SIZE_MB}.bin"
  export TREE="${SFTPI_TEST_DATA_ROOT:-/data}/WMR_Spots"
  [[ "$QUICK" == 1 ]] && TREE="$TREE/North"
  printf 'mkdir %s\n' "$RBENCH" | sftp_batch >/dev/null 2>&1 || true
  if ! printf 'ls -l %s\n' "$LARGE" | sftp_batch 2>/dev/null | grep -q "$((SIZE_MB * 1048576))"; then
    log "creating $LARGE (${SIZE_MB} MiB random) on the server"
    head -c "$((SIZE_MB * 1048576))" /dev/urandom > "$WORK/seed.bin"
    printf 'put %s %s\n' "$WORK/seed.bin" "$LARGE" | sftp_batch >/dev/null
    rm -f "$WORK/seed.bin"
  fi
}

# Same cipher for every OpenSSH-based peer; strict host key checking against the test server's known_hosts.
SSH_OPTS=(-o "Ciphers=aes128-gcm@openssh.com" -o "UserKnownHostsFile=$SFTPI_TEST_DIR/known_hosts" -o StrictHostKeyChecking=yes -o BatchMode=yes)
sftp_batch() { sftp -q -i "$SFTP_PRIVATE_KEY" -P "$PORT" "${SSH_OPTS[@]}" -b - "$SFTP_USERNAME@$HOST"; }
# sftp_run "<batch command>": one OpenSSH sftp session running that command (what the timed peer runs).
sftp_run() { printf '%s\n' "$1" > "$WORK/batch"; sftp -q -i "$SFTP_PRIVATE_KEY" -P "$PORT" "${SSH_OPTS[@]}" -b "$WORK/batch" "$SFTP_USERNAME@$HOST"; }

rclone_sftp() {
  RCLONE_CONFIG=/dev/null rclone "$@" --sftp-host "$HOST" --sftp-port "$PORT" --sftp-user "$SFTP_USERNAME" \
    --sftp-key-file "$SFTP_PRIVATE_KEY" --sftp-known-hosts-file "$SFTPI_TEST_DIR/known_hosts" --sftp-disable-hashcheck
}

lftp_sftp() {
  lftp -u "$SFTP_USERNAME," -e "set sftp:connect-program 'ssh -a -x -i $SFTP_PRIVATE_KEY ${SSH_OPTS[*]}'; set net:max-retries 1; $1; bye" "sftp://$HOST:$PORT"
}

# timed <command…>: runs it, prints the wall seconds on stdout (command output goes to stderr log).
# settle: writes back dirty pages (the previous tool's 512 MiB) before the next timed run, so a run does not pay for the
# one before it; not timed.
settle() {
  sync
}

timed() {
  local start end
  start=$(date +%s.%N)
  "$@" >>"$WORK/peer.log" 2>&1 || { echo "FAILED: $*" >&2; tail -5 "$WORK/peer.log" >&2; echo "null"; return 0; }
  end=$(date +%s.%N)
  "$PY" -c "print(round($end - $start, 3))"
}

# record <section> <case> <tool> <rep> <seconds> [settings] [extra-json-fields]
record() {
  "$PY" - "$@" >>"$RESULTS_JSONL" <<'PY'
import json, sys
a = sys.argv[1:] + [""] * 7
rec = {"section": a[0], "case": a[1], "tool": a[2], "rep": int(a[3]), "seconds": None if a[4] in ("", "null") else float(a[4]), "settings": a[5]}
if a[6]:
    rec.update(json.loads(a[6]))
print(json.dumps(rec))
PY
}
