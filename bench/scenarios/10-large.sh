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
# One function per row; each repetition runs them in another order (rotated by a third of the list per
# repetition), so no tool always runs first after the previous repetition's puts (that position measured slower).
get_ours() { record large-get "$case_name" ours "$rep" "$(timed "$BIN" get "$LARGE" "$L" --env "$KEY_ENV")" "our SFTP engine over SSH.NET's channel, aes128-gcm, 64 KiB reads, up to 4 connections for one file"; }
get_ours_1_connection() { record large-get "$case_name" ours-1-connection "$rep" "$(timed "$BIN" get "$LARGE" "$L" --env "$KEY_ENV" --parallel 1)" "same, Parallelism = 1: one connection, 100 reads in flight"; }
get_ours_openssh() { record large-get "$case_name" ours-openssh "$rep" "$(timed env SFTP_TRANSPORT=openssh "$BIN" get "$LARGE" "$L" --env "$KEY_ENV")" "our SFTP engine over OpenSSH (SFTP_TRANSPORT=openssh): one ssh master login, each connection an ssh -S channel, 64 KiB reads, 1 MiB pipes, up to 4 connections for one file"; }
get_ours_openssh_1_connection() { record large-get "$case_name" ours-openssh-1-connection "$rep" "$(timed env SFTP_TRANSPORT=openssh "$BIN" get "$LARGE" "$L" --env "$KEY_ENV" --parallel 1)" "same, Parallelism = 1: one channel, 100 reads in flight"; }
get_ours_aot() { record large-get "$case_name" ours-aot "$rep" "$(timed "$BIN_AOT" get "$LARGE" "$L" --env "$KEY_ENV")" "ours, the bench program published as native AOT: no runtime start-up, no JIT"; }
get_ours_openssh_aot() { record large-get "$case_name" ours-openssh-aot "$rep" "$(timed env SFTP_TRANSPORT=openssh "$BIN_AOT" get "$LARGE" "$L" --env "$KEY_ENV")" "ours-openssh, the bench program published as native AOT"; }
get_raw_ssh_net() { record large-get "$case_name" raw-ssh.net "$rep" "$(timed env SFTPI_TEST_HOST_KEY_SHA256="$SFTPI_TEST_HOST_KEY_SHA256" "$BIN" raw-get "$LARGE" "$L" --env "$KEY_ENV")" "the library alone: one SftpClient, aes128-gcm, 64 KiB, DownloadFile"; }
get_openssh_sftp() { record large-get "$case_name" openssh-sftp "$rep" "$(timed sftp_run "get $LARGE $L")" "sftp -b, aes128-gcm@openssh.com, defaults (64 requests of the server's limit, 255 KiB on OpenSSH 9)"; }
get_paramiko() { record large-get "$case_name" paramiko "$rep" "$(timed env HOST="$HOST" PORT="$PORT" "$PY" "$BENCH_DIR/peers/paramiko_bench.py" get "$LARGE" "$L")" "paramiko 2.12 SFTPClient.get (prefetch), aes128-ctr"; }
get_rclone() { record large-get "$case_name" rclone "$rep" "$(timed rclone_sftp copyto ":sftp:$LARGE" "$L")" "rclone 1.60 sftp backend, Go default cipher order (aes128-gcm first), defaults (multi-thread streams 4), hash check off"; }
get_lftp() { record large-get "$case_name" lftp "$rep" "$(timed lftp_sftp "get $LARGE -o $L")" "lftp 4.9 sftp:// over ssh aes128-gcm, defaults"; }
put_ours() { record large-put "$case_name" ours "$rep" "$(timed "$BIN" put "$SRC" "$RBENCH/up-ours.bin" --env "$KEY_ENV")" "up to 64 writes in flight of one SSH packet each, about 1 MiB on a short round trip (PipelinedWriter, RequestWindow), atomic .part + posix-rename"; }
put_ours_openssh() { record large-put "$case_name" ours-openssh "$rep" "$(timed env SFTP_TRANSPORT=openssh "$BIN" put "$SRC" "$RBENCH/up-ours-openssh.bin" --env "$KEY_ENV")" "same over OpenSSH (SFTP_TRANSPORT=openssh): ssh master + ssh -S channels, writes of the server's limit (255 KiB), their data spliced from the file into ssh's pipe"; }
put_ours_aot() { record large-put "$case_name" ours-aot "$rep" "$(timed "$BIN_AOT" put "$SRC" "$RBENCH/up-ours-aot.bin" --env "$KEY_ENV")" "ours, the bench program published as native AOT"; }
put_ours_openssh_aot() { record large-put "$case_name" ours-openssh-aot "$rep" "$(timed env SFTP_TRANSPORT=openssh "$BIN_AOT" put "$SRC" "$RBENCH/up-ours-openssh-aot.bin" --env "$KEY_ENV")" "ours-openssh, the bench program published as native AOT"; }
put_raw_ssh_net() { record large-put "$case_name" raw-ssh.net "$rep" "$(timed env SFTPI_TEST_HOST_KEY_SHA256="$SFTPI_TEST_HOST_KEY_SHA256" "$BIN" raw-put "$SRC" "$RBENCH/up-raw.bin" --env "$KEY_ENV")" "the library alone: one SftpClient, aes128-gcm, 64 KiB, UploadFile"; }
put_openssh_sftp() { record large-put "$case_name" openssh-sftp "$rep" "$(timed sftp_run "put $SRC $RBENCH/up-sftp.bin")" "sftp -b, aes128-gcm@openssh.com"; }
put_paramiko() { record large-put "$case_name" paramiko "$rep" "$(timed env HOST="$HOST" PORT="$PORT" "$PY" "$BENCH_DIR/peers/paramiko_bench.py" put "$SRC" "$RBENCH/up-paramiko.bin")" "paramiko 2.12 SFTPClient.put, aes128-ctr"; }
put_rclone() { record large-put "$case_name" rclone "$rep" "$(timed rclone_sftp copyto --ignore-times "$SRC" ":sftp:$RBENCH/up-rclone.bin")" "rclone 1.60 sftp backend, --ignore-times (else it skips the unchanged target)"; }
put_lftp() { record large-put "$case_name" lftp "$rep" "$(timed lftp_sftp "put $SRC -o $RBENCH/up-lftp.bin")" "lftp 4.9"; }
gets=(get_ours get_ours_1_connection get_ours_openssh get_ours_openssh_1_connection get_raw_ssh_net get_openssh_sftp get_paramiko get_rclone get_lftp)
puts=(put_ours put_ours_openssh put_raw_ssh_net put_openssh_sftp put_paramiko put_rclone put_lftp)
if [[ -x $BIN_AOT ]]; then gets+=(get_ours_aot get_ours_openssh_aot); puts+=(put_ours_aot put_ours_openssh_aot); fi
rotated() { local rep=$1; shift; local all=("$@"); local k=$(( (rep - 1) * ((${#all[@]} + REPS - 1) / REPS) % ${#all[@]} )); echo "${all[@]:k}" "${all[@]:0:k}"; }
for rep in $(seq 1 "$REPS"); do
  log "large get/put rep $rep/$REPS"
  for row in $(rotated "$rep" "${gets[@]}"); do rm -f "$L"; settle; "$row"; done
  for row in $(rotated "$rep" "${puts[@]}"); do settle; "$row"; done
done
rm -f "$L"
printf 'rm %s/up-*.bin\n' "$RBENCH" | sftp_batch >/dev/null 2>&1 || true
