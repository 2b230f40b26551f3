#!/usr/bin/env bash
# REPL start-up in a real terminal (tmux): time to the prompt and to the first result of `6*7`, ours against CSharpRepl
# 0.7.1 (the dotnet tool), both installed the way users install them: `dotnet tool install --tool-path` from a package.
# Ours twice: the portable package (what `dotnet pack` makes by default) and the ReadyToRun package (-p:SftpiReadyToRun=true).
source "$BENCH_DIR/lib/common.sh"
TOOLS="$WORK/tools"; PKG="$WORK/nupkg"; VERSION="0.0.0-bench.$(date +%s)"
rm -rf "$TOOLS" "$PKG"; mkdir -p "$TOOLS" "$PKG"
command -v tmux >/dev/null || { log "installing tmux"; sudo_apt tmux; }
log "installing csharprepl 0.7.1 and packing sftpi (portable and ReadyToRun)"
dotnet tool install csharprepl --version 0.7.1 --tool-path "$TOOLS/csharprepl" >/dev/null
# Pack from a copy so the repository's own build output is left alone.
SRC_COPY="$WORK/src-copy"; rm -rf "$SRC_COPY"; mkdir -p "$SRC_COPY"
(cd "$REPO_ROOT" && git ls-files -z src tests/server Directory.Build.props Directory.Packages.props .editorconfig | xargs -0 cp --parents -t "$SRC_COPY")
for variant in portable r2r; do
  extra=(); [[ $variant == r2r ]] && extra=(-p:SftpiReadyToRun=true)
  dotnet pack "$SRC_COPY/src/SftpInteractive.Tool" -c Release -o "$PKG/$variant" -p:Version="$VERSION" "${extra[@]}" -nologo -v q >/dev/null
  dotnet tool install SftpInteractive.Tool --version "$VERSION" --add-source "$PKG/$variant" --tool-path "$TOOLS/$variant" >/dev/null
done
export SFTPI_HISTORY="$WORK/repl-history"
"$PY" "$BENCH_DIR/repl-startup.py" --json --runs "$((REPS < 5 ? 5 : REPS))" \
  "ours=sftpi>=$TOOLS/r2r/sftpi --no-connect" \
  "ours-portable=sftpi>=$TOOLS/portable/sftpi --no-connect" \
  "csharprepl=>=$TOOLS/csharprepl/csharprepl" > "$WORK/repl.jsonl"
while IFS= read -r line; do
  tool=$(echo "$line" | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["tool"])')
  run=$(echo "$line" | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["run"])')
  prompt=$(echo "$line" | "$PY" -c 'import json,sys; v=json.load(sys.stdin)["prompt_s"]; print("null" if v is None else round(v, 3))')
  first=$(echo "$line" | "$PY" -c 'import json,sys; v=json.load(sys.stdin)["first_result_s"]; print("null" if v is None else round(v, 3))')
  case $tool in
    ours) settings="sftpi --no-connect, ReadyToRun package (dotnet pack -p:SftpiReadyToRun=true), background Roslyn warm-up" ;;
    ours-portable) settings="sftpi --no-connect, default portable package (JIT at start)" ;;
    *) settings="csharprepl 0.7.1 from NuGet, defaults" ;;
  esac
  record repl-prompt "start to prompt" "$tool" "$run" "$prompt" "$settings"
  record repl-first-result "start to the result of 6*7" "$tool" "$run" "$first" "$settings"
done < "$WORK/repl.jsonl"
