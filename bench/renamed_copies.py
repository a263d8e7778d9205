"""Renamed copies of a gazette: the same documents as if another district had published them.

    .venv/bin/python bench/renamed_copies.py N OUTDIR [--source GAZETTE] [--people]

Copy i replaces the place (离石区 -> another district's name, 离石 -> its short form), the document
numbers' prefix (离政发 -> another one-character prefix + 政发, so numbers differ per place) and,
with --people, the people named before 同志 (the last character of the name, if a common one, changed
per copy; names printed elsewhere, as in rosters, keep theirs), so a benchmark or a test can grow
the corpus without repeating one place's identities. Why: the issue's measurements (places merge,
superlinear steps, store growth) need many distinct-but-realistic gazettes, and we have one.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

FIRST = "东西南北青红白金银玉翠云龙凤麒梅兰竹松柏"
SECOND = "城山湖塔岩泉屏川海林溪江岭峰原阳台谷坪桥"
# A given-name character followed by 同志 is a person's name; shifting it renames the person.
PERSON = re.compile(r"([\u4e00-\u9fff]{1,3})(同志)")
GIVEN = "军华明强伟平红建国海"  # common last characters of given names
OTHER = "峰林涛磊超勇波辉亮斌"


def shift(i: int) -> dict[int, str]:
    """Copy i's renaming of given-name characters (a different one for each of ten copies)."""
    k = i % len(OTHER)
    return str.maketrans(GIVEN, OTHER[k:] + OTHER[:k])


def place_name(i: int) -> str:
    """Copy i's district short name: two Chinese characters, distinct for the first 400 copies
    (digits would not read as a place or a document number)."""
    a, b = i % len(FIRST), i // len(FIRST)
    return FIRST[a] + SECOND[(a + b) % len(SECOND)]


def prefix(i: int) -> str:
    """Copy i's document-number prefix (东 -> 东政发〔2024〕30号), two characters after the first 20."""
    a, b = i % len(FIRST), i // len(FIRST)
    return FIRST[a] + (SECOND[(a + b) % len(SECOND)] if b else "")


def rename(text: str, i: int, people: bool = False) -> str:
    """The text as copy i: place, document-number prefix and (optionally) people renamed."""
    text = text.replace("离石", place_name(i)).replace("离政", f"{prefix(i)}政")
    if people:
        table = shift(i)
        text = PERSON.sub(lambda m: m.group(1)[:-1] + m.group(1)[-1].translate(table) + m.group(2), text)
    return text


def write_copies(source: Path, n: int, outdir: Path, people: bool = False) -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    text = source.read_text(encoding="utf-8")
    paths = []
    for i in range(n):
        path = outdir / f"copy-{i:03d}-{place_name(i)}.txt"
        path.write_text(rename(text, i, people), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str]) -> int:
    from govkg.loaders.pipeline import sample_gazette
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--source", type=Path, default=sample_gazette())
    ap.add_argument("--people", action="store_true", help="rename people too")
    args = ap.parse_args(argv)
    for p in write_copies(args.source, args.n, args.outdir, args.people):
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
