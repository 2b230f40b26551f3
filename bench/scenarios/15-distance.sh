#!/usr/bin/env bash
# At distance: large get/put, a tree get and a search through bench/DelayProxy (a loopback forwarder that delays each
# direction by half the round trip; `tc netem` is not available here), at each RTT in $DIST_RTTS (default "20 60").
# Ours vs OpenSSH sftp, rclone, lftp (and Paramiko's serial walk for the search), interleaved within each repetition.
source "$BENCH_DIR/lib/common.sh"
start_server; prepare_data
DIST_MB="${DIST_MB:-32}"
DIST_TREE="${DIST_TREE:-${SFTPI_TEST_DATA_ROOT:-/data}/WMR_Spots/North/stations/north-01}"
DIST_SEARCH="${DIST_SEARCH:-${SFTPI_TEST_DATA_ROOT:-/data}/WMR_Spots/North}"
L="$WORK/dist.bin"; SRC="$WORK/dist-src.bin"; D="$WORK/dist-tree"
DLARGE="$RBENCH/dist-${DIST_MB}.bin"
[[ -f "$SRC" && $(stat -c %s "$SRC") == $((DIST_MB * 1048576)) ]] || head -c "$((DIST_MB * 1048576))" /dev/urandom > "$SRC"
printf 'put %s %s\n' "$SRC" "$DLARGE" | sftp_batch >/dev/null
FILES=$(find "$DIST_TREE" -type f 2>/dev/null | wc -l || echo "?")
DIRS=$(find "$DIST_SEARCH" -type d 2>/dev/null | wc -l || echo "?")

log "building the delay proxy"
dotnet build "$BENCH_DIR/DelayProxy" -c Release -o "$WORK/delay-proxy" -v q -nologo >/dev/null

for rtt in ${DIST_RTTS:-20 60}; do
  "$WORK/delay-proxy/delay-proxy" "$PORT" "$rtt" >"$WORK/proxy.out" 2>&1 &
  proxy=$!
  for _ in $(seq 1 100); do grep -q '^listening' "$WORK/proxy.out" && break; sleep 0.1; done
  PPORT=$(awk '/^listening/ { print $2 }' "$WORK/proxy.out")
  [[ -n "$PPORT" ]] || { log "delay proxy did not start"; kill "$proxy"; exit 1; }
  # Everyone talks to the proxy's port: its known_hosts entries are the server's keys under [127.0.0.1]:<proxy port>.
  sed "s/^\[$HOST\]:$PORT /[$HOST]:$PPORT /" "$SFTPI_TEST_DIR/known_hosts" > "$WORK/known_hosts.proxy"
  grep -v '^SFTP_PORT=\|^SFTP_KNOWN_HOSTS=' "$KEY_ENV" > "$WORK/dist.env"
  printf 'SFTP_PORT=%s\nSFTP_KNOWN_HOSTS=%s\n' "$PPORT" "$WORK/known_hosts.proxy" >> "$WORK/dist.env"
  (
    PORT=$PPORT
    SSH_OPTS=(-o "Ciphers=aes128-gcm@openssh.com" -o "UserKnownHostsFile=$WORK/known_hosts.proxy" -o StrictHostKeyChecking=yes -o BatchMode=yes)
    rclone_sftp() {
      RCLONE_CONFIG=/dev/null rclone "$@" --sftp-host "$HOST" --sftp-port "$PORT" --sftp-user "$SFTP_USERNAME" \
        --sftp-key-file "$SFTP_PRIVATE_KEY" --sftp-known-hosts-file "$WORK/known_hosts.proxy" --sftp-disable-hashcheck
    }
    big="${DIST_MB} MiB at ${rtt} ms RTT"; tree="$(basename "$DIST_TREE") (${FILES} files) at ${rtt} ms RTT"
    walk="wmr1006.csv in $DIST_SEARCH (${DIRS} dirs) at ${rtt} ms RTT"
    for rep in $(seq 1 "$REPS"); do
      log "distance ${rtt} ms rep $rep/$REPS"
      rm -f "$L"; record dist-large-get "$big" ours "$rep" "$(timed "$BIN" get "$DLARGE" "$L" --env "$WORK/dist.env")" "SSH.NET tuned, default connections"
      rm -f "$L"; record dist-large-get "$big" ours-openssh "$rep" "$(timed env SFTP_TRANSPORT=openssh "$BIN" get "$DLARGE" "$L" --env "$WORK/dist.env")" "our engine over OpenSSH (SFTP_TRANSPORT=openssh), default connections"
      rm -f "$L"; record dist-large-get "$big" openssh-sftp "$rep" "$(timed sftp_run "get $DLARGE $L")" "sftp -b, defaults (64 requests of the server's limit, 255 KiB on OpenSSH 9)"
      rm -f "$L"; record dist-large-get "$big" rclone "$rep" "$(timed rclone_sftp copyto ":sftp:$DLARGE" "$L")" "rclone defaults"
      rm -f "$L"; record dist-large-get "$big" lftp "$rep" "$(timed lftp_sftp "get $DLARGE -o $L")" "lftp defaults"
      record dist-large-put "$big" ours "$rep" "$(timed "$BIN" put "$SRC" "$RBENCH/dist-up-ours.bin" --env "$WORK/dist.env")" "atomic .part; ranges by round trip where they pay"
      record dist-large-put "$big" ours-openssh "$rep" "$(timed env SFTP_TRANSPORT=openssh "$BIN" put "$SRC" "$RBENCH/dist-up-ours-openssh.bin" --env "$WORK/dist.env")" "same over OpenSSH (SFTP_TRANSPORT=openssh)"
      record dist-large-put "$big" openssh-sftp "$rep" "$(timed sftp_run "put $SRC $RBENCH/dist-up-sftp.bin")" "sftp -b"
      record dist-large-put "$big" rclone "$rep" "$(timed rclone_sftp copyto --ignore-times "$SRC" ":sftp:$RBENCH/dist-up-rclone.bin")" "rclone --ignore-times"
      record dist-large-put "$big" lftp "$rep" "$(timed lftp_sftp "put $SRC -o $RBENCH/dist-up-lftp.bin")" "lftp"
      rm -rf "$D"; record dist-tree-get "$tree" ours "$rep" "$(timed "$BIN" getdir "$DIST_TREE" "$D" --parallel 4 --env "$WORK/dist.env")" "GetDirectoryAsync, 4 connections"
      rm -rf "$D"; mkdir -p "$D"; record dist-tree-get "$tree" openssh-sftp "$rep" "$(timed sftp_run "get -r $DIST_TREE $D")" "sftp -r"
      rm -rf "$D"; record dist-tree-get "$tree" rclone "$rep" "$(timed rclone_sftp copy ":sftp:$DIST_TREE" "$D" --transfers 8 --checkers 8)" "rclone --transfers 8 --checkers 8"
      rm -rf "$D"; record dist-tree-get "$tree" lftp "$rep" "$(timed lftp_sftp "mirror --parallel=8 $DIST_TREE $D")" "lftp mirror --parallel=8"
      out=$("$BIN" find "$DIST_SEARCH" wmr1006.csv --parallel 4 --env "$WORK/dist.env")
      record dist-search "$walk" ours "$rep" "$(echo "$out" | "$PY" -c 'import json,re,sys; print(re.search(r"cold ([0-9.]+) s", json.load(sys.stdin)["detail"]).group(1))')" "FindAsync cold"
      out=$(HOST="$HOST" PORT="$PORT" "$PY" "$BENCH_DIR/peers/paramiko_bench.py" walk "$DIST_SEARCH" wmr1006.csv)
      record dist-search "$walk" paramiko-serial "$rep" "$(echo "$out" | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["work_s"])')" "tutorial walk, one request at a time"
    done
  )
  kill "$proxy" 2>/dev/null; wait "$proxy" 2>/dev/null || true
done
rm -rf "$D" "$L"
printf 'rm %s/dist-up-*.bin\n' "$RBENCH" | sftp_batch >/dev/null 2>&1 || true
