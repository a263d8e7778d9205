"""The long fuzz run over the text readers and every extractor (the suite runs a bounded one).

    .venv/bin/python tools/fuzz.py --inputs 3000 --seed 11

Inputs: random byte strings (decoding), and gazette-like text mixing the sample's pieces with the
hostile shapes of tests/hostile.py at sizes up to ~100 KB. Prints inputs, crashes (any exception
but a one-line InputError), hangs (an input taking over a second of CPU: wall time on a shared
machine measures the other processes) and the slowest input under 100 KB; --save-slow DIR keeps
the hangs to profile. Exit 1 if there was a crash or a hang.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/ helpers

from govkg.errors import InputError  # noqa: E402
from govkg.loaders import appointments, duties, metadata, replies, rosters, tasks  # noqa: E402
from govkg.loaders.text import clean_lines, decode, split_documents  # noqa: E402
from tests.hostile import DOC_LINE, SHAPES  # noqa: E402

EXTRACTORS = (metadata, appointments, rosters, tasks, duties, replies)
PIECES = [DOC_LINE, "区人民政府", "政府公报", "2024年3月1日", "一、", "（一）", "牵头单位：", "责任单位：", "区财政局",
          "、", "：", "。", "组长：", "副组长：", "成员：", "任命", "免去", "同志", "为", "的职务", "附件", "第1页",
          "—12—", "〔", "〕", "（", "）", "号", "年", "\n", " ", "\u3000", "\t", "[/]"]
SAMPLE = Path(__file__).resolve().parents[1] / "loaders" / "sample"


def make_input(rng: random.Random, sample_lines: list[str]) -> bytes:
    kind = rng.random()
    if kind < 0.2:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 2000)))
    parts = [DOC_LINE, "\n"]
    budget = rng.choice([2_000, 20_000, 100_000])
    while sum(map(len, parts)) < budget:
        r = rng.random()
        if r < 0.4:
            parts.append(rng.choice(PIECES))
        elif r < 0.7 and sample_lines:
            parts.append(rng.choice(sample_lines) + "\n")
        else:
            parts.append(SHAPES[rng.choice(sorted(SHAPES))](rng.randrange(1, budget // 4)))
    text = "".join(parts)[:budget]
    return text.encode(rng.choice(["utf-8", "utf-8", "gb18030", "utf-16"]), errors="ignore")[:100_000]


def read_all(data: bytes) -> None:
    try:
        text, _ = decode(data, "fuzz.txt")
    except InputError:
        return
    for doc in split_documents(clean_lines(text)):
        for extractor in EXTRACTORS:
            extractor.extract(doc)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--inputs", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--seconds", type=float, default=0, help="stop after this long (0: no limit); figures so far")
    ap.add_argument("--save-slow", type=Path, default=None, metavar="DIR",
                    help="write each input that took over a second to DIR (to profile it)")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    sample_lines = [ln for f in sorted(SAMPLE.glob("*.txt")) for ln in f.read_text("utf-8").splitlines()]
    crashes = hangs = 0
    slowest = (0.0, 0, -1)
    total_bytes = 0
    began, done = time.perf_counter(), 0
    for i in range(args.inputs):
        if args.seconds and time.perf_counter() - began > args.seconds:
            break
        done += 1
        data = make_input(rng, sample_lines)
        total_bytes += len(data)
        start = time.process_time()  # CPU seconds: on a shared machine wall time measures the neighbours
        try:
            read_all(data)
        except Exception:  # noqa: BLE001 - counting crashes is the point
            crashes += 1
            print(f"crash on input {i}:", traceback.format_exc().splitlines()[-1], file=sys.stderr)
        spent = time.process_time() - start
        if spent > 1.0:
            hangs += 1
            if args.save_slow:
                args.save_slow.mkdir(parents=True, exist_ok=True)
                (args.save_slow / f"input-{i}-{spent:.1f}s.txt").write_bytes(data)
        if len(data) <= 100_000 and spent > slowest[0]:
            slowest = (spent, len(data), i)
    print(f"seed {args.seed}: {done} inputs ({total_bytes / 1e6:.1f} MB) in {time.perf_counter() - began:.0f} s, "
          f"{crashes} crashes, {hangs} over 1 s of CPU; slowest input under 100 KB: input {slowest[2]}, "
          f"{slowest[0]:.2f} s ({slowest[1]} bytes)")
    return 1 if crashes or hangs else 0


if __name__ == "__main__":
    sys.exit(main())
