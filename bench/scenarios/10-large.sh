#!/usr/bin/env bash
# Large file get and put: us vs OpenSSH sftp, Paramiko, rclone, lftp. Wall time of the whole command (connect included)
# for everyone; tools are interleaved within each repetition so load changes hit all of them alike, and dirty pages are
# written back before each run (each get writes the whole file locally, each put on the server's disk).
source "$BENCH_DIR/lib/common.sh"
start_server; prepare_data
L="$WORK/large.bin"; SRC="$WORK/large-src.bin"
case_name="${SIZE_MB} MiB"
# A local source for puts, and the server copy as the reference for gets.
[[ -f "$SRC" && $(stat -c %s "$SRC") == $((SIZE_MB * 1048576)) ]] || head -c "$((SIZE_MB * 1048576))" /dev/urandom > "$SRC"
for rep in $(seq 1 "$REPS"); do
  log "large get/put rep $rep/$REPS"
  rm -f "$L"; settle; record large-get "$case_name" ours "$rep" "$(timed "$BIN" get "$LARGE" "$L" --env "$KEY_ENV")" "our SFTP engine over SSH.NET's channel, aes128-gcm, 64 KiB reads, up to 4 connections for one file"
  rm -f "$L"; settle; record large-get "$case_name" ours-1-connection "$rep" "$(timed "$BIN" get "$LARGE" "$L" --env "$KEY_ENV" --parallel 1)" "same, Parallelism = 1: one connection, 100 reads in flight"
  rm -f "$L"; settle; record large-get "$case_name" ours-openssh "$rep" "$(timed env SFTP_TRANSPORT=openssh "$BIN" get "$LARGE" "$L" --env "$KEY_ENV")" "our SFTP engine over OpenSSH (SFTP_TRANSPORT=openssh): one ssh master login, each connection an ssh -S channel, 64 KiB reads, 1 MiB pipes, up to 4 connections for one file"
  rm -f "$L"; settle; record large-get "$case_name" ours-openssh-1-connection "$rep" "$(timed env SFTP_TRANSPORT=openssh "$BIN" get "$LARGE" "$L" --env "$KEY_ENV" --parallel 1)" "same, Parallelism = 1: one channel, 100 reads in flight"
  if [[ -x $BIN_AOT ]]; then
    rm -f "$L"; settle; record large-get "$case_name" ours-aot "$rep" "$(timed "$BIN_AOT" get "$LARGE" "$L" --env "$KEY_ENV")" "ours, the bench program published as native AOT: no runtime start-up, no JIT"
    rm -f "$L"; settle; record large-get "$case_name" ours-openssh-aot "$rep" "$(timed env SFTP_TRANSPORT=openssh "$BIN_AOT" get "$LARGE" "$L" --env "$KEY_ENV")" "ours-openssh, the bench program published as native AOT"
  fi
  rm -f "$L"; settle; record large-get "$case_name" raw-ssh.net "$rep" "$(timed env SFTPI_TEST_HOST_KEY_SHA256="$SFTPI_TEST_HOST_KEY_SHA256" "$BIN" raw-get "$LARGE" "$L" --env "$KEY_ENV")" "the library alone: one SftpClient, aes128-gcm, 64 KiB, DownloadFile"
  rm -f "$L"; settle; record large-get "$case_name" openssh-sftp "$rep" "$(timed sftp_run "get $LARGE $L")" "sftp -b, aes128-gcm@openssh.com, defaults (64 requests of the server's limit, 255 KiB on OpenSSH 9)"
  rm -f "$L"; settle; record large-get "$case_name" paramiko "$rep" "$(timed env HOST="$HOST" PORT="$PORT" "$PY" "$BENCH_DIR/peers/paramiko_bench.py" get "$LARGE" "$L")" "paramiko 2.12 SFTPClient.get (prefetch), aes128-ctr"
  rm -f "$L"; settle; record large-get "$case_name" rclone "$rep" "$(timed rclone_sftp copyto ":sftp:$LARGE" "$L")" "rclone 1.60 sftp backend, Go default cipher order (aes128-gcm first), defaults (multi-thread streams 4), hash check off"
  rm -f "$L"; settle; record large-get "$case_name" lftp "$rep" "$(timed lftp_sftp "get $LARGE -o $L")" "lftp 4.9 sftp:// over ssh aes128-gcm, defaults"
  settle; record large-put "$case_name" ours "$rep" "$(timed "$BIN" put "$SRC" "$RBENCH/up-ours.bin" --env "$KEY_ENV")" "64 writes in flight (PipelinedWriter) of one SSH packet each, atomic .part + posix-rename"
  settle; record large-put "$case_name" ours-openssh "$rep" "$(timed env SFTP_TRANSPORT=openssh "$BIN" put "$SRC" "$RBENCH/up-ours-openssh.bin" --env "$KEY_ENV")" "same over OpenSSH (SFTP_TRANSPORT=openssh): ssh master + ssh -S channels, writes of the server's limit (255 KiB), their data spliced from the file into ssh's pipe"
  if [[ -x $BIN_AOT ]]; then
    settle; record large-put "$case_name" ours-aot "$rep" "$(timed "$BIN_AOT" put "$SRC" "$RBENCH/up-ours-aot.bin" --env "$KEY_ENV")" "ours, the bench program published as native AOT"
    settle; record large-put "$case_name" ours-openssh-aot "$rep" "$(timed env SFTP_TRANSPORT=openssh "$BIN_AOT" put "$SRC" "$RBENCH/up-ours-openssh-aot.bin" --env "$KEY_ENV")" "ours-openssh, the bench program published as native AOT"
  fi
  settle; record large-put "$case_name" raw-ssh.net "$rep" "$(timed env SFTPI_TEST_HOST_KEY_SHA256="$SFTPI_TEST_HOST_KEY_SHA256" "$BIN" raw-put "$SRC" "$RBENCH/up-raw.bin" --env "$KEY_ENV")" "the library alone: one SftpClient, aes128-gcm, 64 KiB, UploadFile"
  settle; record large-put "$case_name" openssh-sftp "$rep" "$(timed sftp_run "put $SRC $RBENCH/up-sftp.bin")" "sftp -b, aes128-gcm@openssh.com"
  settle; record large-put "$case_name" paramiko "$rep" "$(timed env HOST="$HOST" PORT="$PORT" "$PY" "$BENCH_DIR/peers/paramiko_bench.py" put "$SRC" "$RBENCH/up-paramiko.bin")" "paramiko 2.12 SFTPClient.put, aes128-ctr"
  settle; record large-put "$case_name" rclone "$rep" "$(timed rclone_sftp copyto --ignore-times "$SRC" ":sftp:$RBENCH/up-rclone.bin")" "rclone 1.60 sftp backend, --ignore-times (else it skips the unchanged target)"
  settle; record large-put "$case_name" lftp "$rep" "$(timed lftp_sftp "put $SRC -o $RBENCH/up-lftp.bin")" "lftp 4.9"
done
rm -f "$L"
printf 'rm %s/up-*.bin\n' "$RBENCH" | sftp_batch >/dev/null 2>&1 || true
