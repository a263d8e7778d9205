"""Held-out gazettes: extraction scored on documents of places the extractors were not written on.

tests/eval/heldout/NAME.txt are PDF-like gazette issues of other places (running headers, page
numbers, lines wrapped mid-word, spaced names, abbreviations, blocks out of column order), each with
hand-made gold in the FACTS.md format (NAME.facts.jsonl, NAME.aliases.jsonl):
- county-xiangcheng, county-qishan: appointments, rosters, working groups, replies of two counties;
- city-xiaoyi: plans (labelled parentheses, global numbering, label lines, task tables) and duties
  of a county-level city, and one notice with numbered items but no responsibilities;
- blind-county-lingqiu, blind-district-xinghualing, blind-city-jincheng, blind-county-xinxian,
  blind-province-shanxi, blind-banner-zhungeer, blind-county-xingguo, blind-district-nangang: written
  by people who had not read the extractors, to measure generalisation without the bias of knowing
  what the code handles (a prefecture city's flattened task tables, a county with messier layout,
  a province's 厅 and 办公厅, a banner's 旗 and 苏木).
The pipeline's facts are scored by score.py. Each bar is the measured ALL F1 less a margin, so a
change that loses generality fails here before the held-back evaluation does.
"""

from __future__ import annotations

import json
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest

from govkg.loaders.pipeline import extract_paths
from govkg.ontology.facts import DutyFact, TaskFact, fact_to_json

EVAL = Path(__file__).parent / "eval"
HELDOUT = EVAL / "heldout"
# name -> bar: measured ALL F1 less a margin. Measured now: 1.000 on seven, 0.996 on shanxi and zhungeer
# (one suspected gold omission each). At first contact, before any fix: xiangcheng 0.928, qishan 0.842,
# xiaoyi 0.964; blind round 1 lingqiu 0.941, xinghualing 0.958; blind round 2 (after round 1's fixes)
# jincheng 0.867, xinxian 0.771; blind round 3 (after round 2's fixes) shanxi 0.849, zhungeer 0.944;
# blind round 4 (after round 3's) xingguo 0.634, nangang 0.794 -> now 0.924 and 0.977 (the rest is
# member records the xingguo gold infers from a duty list, and suspected gold omissions).
BARS = {
    "county-xiangcheng": 0.95,
    "county-qishan": 0.93,
    "city-xiaoyi": 0.95,
    "blind-county-lingqiu": 0.95,
    "blind-district-xinghualing": 0.95,
    "blind-city-jincheng": 0.95,
    "blind-county-xinxian": 0.95,
    "blind-province-shanxi": 0.95,
    "blind-banner-zhungeer": 0.95,
    "blind-county-xingguo": 0.88,
    "blind-district-nangang": 0.93,
}
# a notice with numbered items whose text names bodies, but states no responsibility
NO_RESPONSIBILITIES = ("city-xiaoyi", "孝政发〔2024〕25号")


@lru_cache(maxsize=None)
def extracted(name: str) -> tuple:
    """Each held-out gazette is extracted once per session, whatever asks for it."""
    return tuple(extract_paths([HELDOUT / f"{name}.txt"]).facts)


def score(name: str, tmp_path: Path) -> dict:
    facts = extracted(name)
    pred = tmp_path / f"{name}.jsonl"
    pred.write_text("".join(json.dumps(fact_to_json(f), ensure_ascii=False) + "\n" for f in facts), "utf-8")
    result = subprocess.run([sys.executable, str(EVAL / "score.py"), "--pred", str(pred),
                             "--gold", str(HELDOUT / f"{name}.facts.jsonl"),
                             "--aliases", str(HELDOUT / f"{name}.aliases.jsonl"), "--json"],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


@pytest.mark.parametrize("name", sorted(BARS))
def test_heldout_f1(name: str, tmp_path: Path) -> None:
    scores = score(name, tmp_path)
    table = "\n".join(f"{k:16} P {v['precision']:.3f}  R {v['recall']:.3f}  F1 {v['f1']:.3f}  "
                      f"(tp {v['tp']}, fp {v['fp']}, fn {v['fn']})" for k, v in scores.items())
    overall = scores["ALL"]["f1"]
    assert overall >= BARS[name], f"{name}: ALL F1 {overall:.3f} < {BARS[name]}\n{table}"


def test_numbered_items_without_responsibilities_give_no_tasks_or_duties() -> None:
    name, doc = NO_RESPONSIBILITIES
    found = [f for f in extracted(name) if f.doc == doc and isinstance(f, TaskFact | DutyFact)]
    assert not found, f"{doc} states no responsibility, yet: {found}"
