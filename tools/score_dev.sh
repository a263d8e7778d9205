#!/usr/bin/env bash
# Developer shortcut: extract facts from the sample gazette and score them on the dev gold.
# usage: tools/score_dev.sh [--show-errors N] [--docs DOC ...]   (any score.py flags)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
shared="${GOVKG_SHARED:-$here/../shared}"
out="$(mktemp)"
"$here/.venv/bin/python" -m govkg.loaders.pipeline > "$out"
python3 "$shared/eval/score.py" --pred "$out" --gold "$shared/eval/dev/facts.jsonl" \
  --aliases "$shared/eval/dev/aliases.jsonl" "$@"
rm -f "$out"
