#!/usr/bin/env bash
# REPL start-up in a real terminal (tmux): time to the prompt and to the first result of `6*7`, ours against CSharpRepl
# 0.7.1 (the dotnet tool), both installed the way users install them: `dotnet tool install --tool-path` from a package.
# Ours twice: the default package (ReadyToRun for this platform, what `dotnet tool install` picks) and the portable one.
# Then a piped one-line script from start to exit: `Pwd()` connected from .env to the test server (OpenSSH `sftp -b`
# running `pwd` beside it) and `1+1` with --no-connect.
source "$BENCH_DIR/lib/common.sh"
TOOLS="$WORK/tools"
command -v tmux >/dev/null || { log "installing tmux"; sudo_apt tmux; }
install_sftpi
log "installing csharprepl 0.7.1"
rm -rf "$TOOLS/csharprepl"
dotnet tool install csharprepl --version 0.7.1 --tool-path "$TOOLS/csharprepl" >/dev/null
export SFTPI_HISTORY="$WORK/repl-history"
"$PY" "$BENCH_DIR/repl-startup.py" --json --runs "$((REPS < 5 ? 5 : REPS))" \
  "ours=sftpi>=$TOOLS/ours/sftpi --no-connect" \
  "ours-portable=sftpi>=$TOOLS/portable/sftpi --no-connect" \
  "csharprepl=>=$TOOLS/csharprepl/csharprepl" > "$WORK/repl.jsonl"
while IFS= read -r line; do
  tool=$(echo "$line" | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["tool"])')
  run=$(echo "$line" | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["run"])')
  prompt=$(echo "$line" | "$PY" -c 'import json,sys; v=json.load(sys.stdin)["prompt_s"]; print("null" if v is None else round(v, 3))')
  first=$(echo "$line" | "$PY" -c 'import json,sys; v=json.load(sys.stdin)["first_result_s"]; print("null" if v is None else round(v, 3))')
  case $tool in
    ours) settings="sftpi --no-connect, default package (dotnet pack: ReadyToRun linux-x64 picked by dotnet tool install), background Roslyn warm-up" ;;
    ours-portable) settings="sftpi --no-connect, portable package (-p:SftpiToolRuntimeIdentifiers=portable, JIT at start)" ;;
    *) settings="csharprepl 0.7.1 from NuGet, defaults" ;;
  esac
  record repl-prompt "start to prompt" "$tool" "$run" "$prompt" "$settings"
  record repl-first-result "start to the result of 6*7" "$tool" "$run" "$first" "$settings"
done < "$WORK/repl.jsonl"

# Piped one-liners: the whole process, start to exit, in a folder whose .env points at the test server. Twice each:
# the first run of the script (its compiled-script cache emptied before, so the compiler runs) and a run of a script
# that ran before (the cache holds its compiled form, as for a script a user or a cron job runs again).
PIPED="$WORK/piped"; rm -rf "$PIPED"; mkdir -p "$PIPED"; cp "$KEY_ENV" "$PIPED/.env"
export SFTPI_SCRIPT_CACHE="$WORK/script-cache"
for run in $(seq 1 "$((REPS < 5 ? 5 : REPS))"); do
  for variant in ours portable; do
    tool=ours; [[ $variant == portable ]] && tool=ours-portable
    rm -rf "$SFTPI_SCRIPT_CACHE"
    record piped-pwd-first "echo 'Pwd()' | sftpi, connected from .env, first run" "$tool" "$run" \
      "$(timed bash -c "cd '$PIPED' && echo 'Pwd()' | '$TOOLS/$variant/sftpi'")" "sftpi $variant package, stdin a pipe, .env in the working folder, script cache empty"
    record piped-pwd "echo 'Pwd()' | sftpi, connected from .env" "$tool" "$run" \
      "$(timed bash -c "cd '$PIPED' && echo 'Pwd()' | '$TOOLS/$variant/sftpi'")" "sftpi $variant package, stdin a pipe, .env in the working folder, script run before"
    record piped-no-connect-first "echo '1+1' | sftpi --no-connect, first run" "$tool" "$run" \
      "$(timed bash -c "echo '1+1' | '$TOOLS/$variant/sftpi' --no-connect")" "sftpi $variant package, stdin a pipe, script cache empty"
    record piped-no-connect "echo '1+1' | sftpi --no-connect" "$tool" "$run" \
      "$(timed bash -c "echo '1+1' | '$TOOLS/$variant/sftpi' --no-connect")" "sftpi $variant package, stdin a pipe, script run before"
  done
  record piped-pwd "echo 'Pwd()' | sftpi, connected from .env" openssh-sftp "$run" "$(timed sftp_run pwd)" "sftp -b with pwd, same key and server"
done
