"""Held-out documents: extraction scored on documents of places the extractors were not written on.

Two sets, each NAME.txt with hand-made gold in the FACTS.md format (NAME.facts.jsonl,
NAME.aliases.jsonl), scored by score.py:

- tests/eval/heldout/: PDF-like gazette issues of other places (running headers, page numbers,
  wrapped lines, spaced names, abbreviations, blocks out of column order): two counties
  (xiangcheng, qishan), a county-level city's plans (xiaoyi), and eight written blind by people who
  had not read the extractors (a prefecture city's flattened task tables, a county with messier
  layout, a province's 厅 and 办公厅, a banner's 旗 and 苏木, a county and a district).
- tests/eval/real/: real documents of other provinces as crawls and OCR left them (single
  documents, often no number, flattened onto one line, half-width punctuation, names masked as
  XXX), with gold made blind from the text alone and reviewed in a second pass.

All of them are now REGRESSION sets: each was first scored at first contact (figures below and in
the README), then the extractors were fixed against it with generic rules. They guard against a
change that loses generality; they no longer measure it. First contact is measured only on
documents nobody has fixed against (the held-back evaluation; a new blind round here).

Each set has a bar on its overall F1 AND a floor on every fact kind its gold holds, so dropping
one kind (every reply, every office) fails even when the overall F1 stays high.
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
SETS = {"heldout": EVAL / "heldout", "real": EVAL / "real"}
# name -> bar: the measured ALL F1 less a margin. At first contact, before any fix aimed at them:
# xiangcheng 0.928, qishan 0.842, xiaoyi 0.964; blind round 1 lingqiu 0.941, xinghualing 0.958;
# round 2 jincheng 0.867, xinxian 0.771; round 3 shanxi 0.849, zhungeer 0.944; round 4 xingguo
# 0.634, nangang 0.794. Now 1.000 on seven, 0.994-0.996 on xingguo, shanxi and zhungeer, 0.977 on
# nangang (suspected gold omissions, see the README).
BARS = {
    "heldout/county-xiangcheng": 0.97,
    "heldout/county-qishan": 0.97,
    "heldout/city-xiaoyi": 0.97,
    "heldout/blind-county-lingqiu": 0.97,
    "heldout/blind-district-xinghualing": 0.97,
    "heldout/blind-city-jincheng": 0.97,
    "heldout/blind-county-xinxian": 0.97,
    "heldout/blind-province-shanxi": 0.97,
    "heldout/blind-banner-zhungeer": 0.97,
    "heldout/blind-county-xingguo": 0.97,
    "heldout/blind-district-nangang": 0.95,
}
BARS.update(json.loads((EVAL / "real" / "BARS.json").read_text("utf-8")) if (EVAL / "real" / "BARS.json").exists()
            else {})
# Every kind must reach this F1 pooled over each set (dropping every reply or every office of a set
# fails), and in each document where its gold holds at least KIND_MIN_GOLD facts (one odd fact of a
# document is a matter of reading, not a lost kind).
KIND_FLOOR = 0.75
KIND_MIN_GOLD = 5
# a notice with numbered items whose text names bodies, but states no responsibility
NO_RESPONSIBILITIES = ("heldout/city-xiaoyi", "孝政发〔2024〕25号")


def source(name: str) -> Path:
    folder, stem = name.split("/")
    return SETS[folder] / f"{stem}.txt"


@lru_cache(maxsize=None)
def extracted(name: str) -> tuple:
    """Each held-out document is extracted once per session, whatever asks for it."""
    return tuple(extract_paths([source(name)]).facts)


@lru_cache(maxsize=None)
def scored(name: str, tmp: str) -> dict:
    pred = Path(tmp) / f"{name.replace('/', '-')}.jsonl"
    pred.write_text("".join(json.dumps(fact_to_json(f), ensure_ascii=False) + "\n" for f in extracted(name)),
                    "utf-8")
    txt = source(name)
    result = subprocess.run([sys.executable, str(EVAL / "score.py"), "--pred", str(pred),
                             "--gold", str(txt.with_suffix(".facts.jsonl")),
                             "--aliases", str(txt.with_suffix(".aliases.jsonl")), "--json"],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def table(scores: dict) -> str:
    return "\n".join(f"{k:16} P {v['precision']:.3f}  R {v['recall']:.3f}  F1 {v['f1']:.3f}  "
                     f"(tp {v['tp']}, fp {v['fp']}, fn {v['fn']})" for k, v in scores.items())


@pytest.mark.parametrize("name", sorted(BARS))
def test_heldout_overall_f1(name: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    scores = scored(name, str(tmp_path_factory.getbasetemp()))
    assert scores["ALL"]["f1"] >= BARS[name], f"{name}: ALL F1 {scores['ALL']['f1']:.3f} < {BARS[name]}\n{table(scores)}"


@pytest.mark.parametrize("name", sorted(BARS))
def test_heldout_every_kind_of_a_document_is_read(name: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    scores = scored(name, str(tmp_path_factory.getbasetemp()))
    weak = {k: round(v["f1"], 3) for k, v in scores.items()
            if k != "ALL" and v["tp"] + v["fn"] >= KIND_MIN_GOLD and v["f1"] < KIND_FLOOR}
    assert not weak, f"{name}: kinds below F1 {KIND_FLOOR}: {weak}\n{table(scores)}"


@pytest.mark.parametrize("folder", sorted(SETS))
def test_heldout_every_kind_of_a_set_is_read(folder: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    pooled: dict[str, dict[str, int]] = {}
    for name in (n for n in BARS if n.startswith(folder + "/")):
        for kind, v in scored(name, str(tmp_path_factory.getbasetemp())).items():
            if kind != "ALL":
                acc = pooled.setdefault(kind, {"tp": 0, "fp": 0, "fn": 0})
                for k in acc:
                    acc[k] += v[k]
    f1 = {k: 2 * v["tp"] / (2 * v["tp"] + v["fp"] + v["fn"]) for k, v in pooled.items() if v["tp"] + v["fn"]}
    weak = {k: round(v, 3) for k, v in f1.items() if v < KIND_FLOOR}
    assert f1 and not weak, f"{folder}: kinds below F1 {KIND_FLOOR} over the set: {weak} (all: {f1})"


def test_numbered_items_without_responsibilities_give_no_tasks_or_duties() -> None:
    name, doc = NO_RESPONSIBILITIES
    found = [f for f in extracted(name) if f.doc == doc and isinstance(f, TaskFact | DutyFact)]
    assert not found, f"{doc} states no responsibility, yet: {found}"
