"""Score extraction on a set of documents with hand-made gold, one row per document and pooled.

usage: python tools/score_sets.py [SET_DIR ...] [--show-errors N] [--only NAME]
       (default: tests/eval/real and tests/eval/heldout)

Each SET_DIR holds NAME.txt with NAME.facts.jsonl and NAME.aliases.jsonl beside it. Every
document is extracted on its own (as a researcher pointing govkg at one file would), scored by
tests/eval/score.py, and the pooled row sums true and false positives over the set.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from govkg.loaders.pipeline import extract_paths
from govkg.ontology.facts import fact_to_json

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT / "tests" / "eval" / "score.py"


def score_one(txt: Path, show_errors: int = 0) -> tuple[dict, str]:
    """(score.py's JSON table, its printed errors) for one document against its gold."""
    facts = extract_paths([txt]).facts
    gold, aliases = txt.with_suffix(".facts.jsonl"), txt.with_suffix(".aliases.jsonl")
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as fh:
        fh.writelines(json.dumps(fact_to_json(f), ensure_ascii=False) + "\n" for f in facts)
        pred = fh.name
    base = [sys.executable, str(SCORER), "--pred", pred, "--gold", str(gold)]
    if aliases.exists():
        base += ["--aliases", str(aliases)]
    table = json.loads(subprocess.run(base + ["--json"], capture_output=True, text=True, check=True).stdout)
    errors = ""
    if show_errors:
        errors = subprocess.run(base + ["--show-errors", str(show_errors)], capture_output=True, text=True).stdout
    Path(pred).unlink()
    return table, errors


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sets", nargs="*", type=Path)
    ap.add_argument("--show-errors", type=int, default=0)
    ap.add_argument("--only", default="")
    args = ap.parse_args()
    sets = args.sets or [ROOT / "tests" / "eval" / "real", ROOT / "tests" / "eval" / "heldout"]
    for folder in sets:
        pooled = {"tp": 0, "fp": 0, "fn": 0}
        print(f"## {folder.name}\n\n| document | gold | P | R | F1 |\n|---|---|---|---|---|")
        for txt in sorted(folder.glob("*.txt")):
            if args.only not in txt.stem or not txt.with_suffix(".facts.jsonl").exists():
                continue
            table, errors = score_one(txt, args.show_errors)
            row = table["ALL"]
            for k in pooled:
                pooled[k] += row[k]
            print(f"| {txt.stem} | {row['tp'] + row['fn']} | {row['precision']:.3f} | {row['recall']:.3f} | {row['f1']:.3f} |")
            if errors:
                print(errors)
        tp, fp, fn = pooled["tp"], pooled["fp"], pooled["fn"]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"| **pooled** | {tp + fn} | {p:.3f} | {r:.3f} | **{f1:.3f}** |\n")


if __name__ == "__main__":
    main()
