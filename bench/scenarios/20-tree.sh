#!/usr/bin/env bash
# Recursive get of the sample tree: us (parallel over a connection pool) vs sftp -r, rclone copy, lftp mirror.
source "$BENCH_DIR/lib/common.sh"
start_server; prepare_data
D="$WORK/tree"
FILES=$(find "$TREE" -type f 2>/dev/null | wc -l || echo "?")
case_name="$(basename "$TREE") (${FILES} files)"
for rep in $(seq 1 "$REPS"); do
  log "tree get rep $rep/$REPS"
  rm -rf "$D"; settle; record tree-get "$case_name" ours "$rep" "$(timed "$BIN" getdir "$TREE" "$D" --parallel 4 --env "$KEY_ENV")" "GetDirectoryAsync, 4 connections, plan first, atomic .part per file, mtime kept"
  rm -rf "$D"; mkdir -p "$D"; settle; record tree-get "$case_name" openssh-sftp "$rep" "$(timed sftp_run "get -r $TREE $D")" "sftp -r -b, aes128-gcm@openssh.com"
  rm -rf "$D"; settle; record tree-get "$case_name" rclone "$rep" "$(timed rclone_sftp copy ":sftp:$TREE" "$D" --transfers 8 --checkers 8)" "rclone copy --transfers 8 --checkers 8, hash check off"
  rm -rf "$D"; settle; record tree-get "$case_name" lftp "$rep" "$(timed lftp_sftp "mirror --parallel=8 $TREE $D")" "lftp mirror --parallel=8"
done
rm -rf "$D"
