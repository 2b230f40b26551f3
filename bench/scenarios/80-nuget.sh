#!/usr/bin/env bash
# NuGet: first `#r "nuget: CsvHelper, 34.0.0"` with a warm package cache in a fresh kernel, ours against the .NET
# Interactive engine's Jupyter kernel (Microsoft.dotnet-interactive, installed by tests/tools/install-dotnet-interactive)
# through the same jupyter_client, in the same run. Target: ours <= 0.5x.
source "$BENCH_DIR/lib/common.sh"
"$PY" -c 'import jupyter_client' 2>/dev/null || { log "installing python3-jupyter-client"; sudo_apt python3-jupyter-client; }
dotnet build "$REPO_ROOT/src/SftpInteractive.Tool" -c Release -nologo -v q >/dev/null
engine="$("$REPO_ROOT/tests/tools/install-dotnet-interactive")"
log "first #r nuget, $REPS reps per kernel"
out=$("$PY" "$BENCH_DIR/nuget-first-ref.py" --json --reps "$REPS" --dotnet-interactive "$engine" | grep '^{' | tail -1)
for tool in ours dotnet-interactive; do
  samples=$(echo "$out" | "$PY" -c "import json,sys; print(' '.join(str(s) for s in json.load(sys.stdin)['$tool']['samples_s']))")
  settings=$([[ $tool == ours ]] && echo "sftpi kernel run (Release build): in-process NuGet restore, warm global packages folder" \
    || echo "dotnet-interactive 1.0.712001 jupyter (.net-csharp): SDK restore of a generated project, warm global packages folder")
  rep=0
  for s in $samples; do
    rep=$((rep + 1))
    record nuget-first-ref "first #r \"nuget: CsvHelper, 34.0.0\", warm cache, fresh kernel" "$tool" "$rep" "$s" "$settings"
  done
done
