"""The extraction quality bar: `govkg export facts` scored on the hand-checked dev gold."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

EVAL = Path(__file__).parent / "eval"
OVERALL_F1, KIND_F1 = 0.90, 0.80


def test_dev_gold_f1(sample_facts_file: Path) -> None:
    result = subprocess.run([sys.executable, str(EVAL / "score.py"), "--pred", str(sample_facts_file),
                             "--gold", str(EVAL / "facts.jsonl"), "--aliases", str(EVAL / "aliases.jsonl"), "--json"],
                            capture_output=True, text=True, check=True)
    scores = json.loads(result.stdout)
    table = "\n".join(f"{k}: {v}" for k, v in scores.items())
    overall = scores["ALL"]["f1"]
    assert overall >= OVERALL_F1, f"overall F1 {overall:.3f} < {OVERALL_F1}\n{table}"
    weak = {k: v["f1"] for k, v in scores.items() if k != "ALL" and v["f1"] < KIND_F1}
    assert not weak, f"kinds under F1 {KIND_F1}: {weak}\n{table}"
