#!/usr/bin/env bash
# Developer shortcut: extract facts from the sample gazette and score them on the dev gold.
# usage: tools/score_dev.sh [--show-errors N] [--docs DOC ...]   (any score.py flags)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
eval="$here/tests/eval"   # the dev gold ships with the repository: works in any clone
python="$here/.venv/bin/python"
[ -x "$python" ] || { echo "score_dev.sh: no $python; run \`make setup\` first" >&2; exit 2; }
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
"$python" -m govkg.loaders.pipeline > "$out"
"$python" "$eval/score.py" --pred "$out" --gold "$eval/facts.jsonl" --aliases "$eval/aliases.jsonl" "$@"
