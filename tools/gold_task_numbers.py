"""Rewrite hand-made gold task numbers to FACTS.md's convention: the number as printed when it is
unique at its depth through the document (every number
at that depth is), else the shortest section path that makes it unique.

usage: python tools/gold_task_numbers.py GOLD.facts.jsonl [...]   (rewrites in place)

Gold makers may write every task as its full path (`二.（三）.1`); FACTS.md and the scorer's other
gold give `26` for an item numbered through the whole plan and `三.2` only where numbering restarts
per section. Uniqueness is judged on the numbers the gold itself holds at each depth, the sections its deeper
paths imply included.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path


def parts(task: str) -> tuple[str, ...]:
    return tuple(p for p in re.sub(r"[（）()、\s]", "", task).replace("．", ".").split(".") if p)


def convert(records: list[dict]) -> list[dict]:
    by_doc: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for r in records:
        if r.get("kind") == "task":
            by_doc[r["doc"]].append(parts(r["task"]))
            by_doc[r["doc"]].extend(parts(c) if "." in str(c) else parts(r["task"])[:-1] + (str(c),)
                                    for c in r.get("covers") or [])
    new_id: dict[tuple[str, tuple[str, ...]], str] = {}
    for doc, paths in by_doc.items():
        unique_paths = set(paths)
        # a deeper path implies its sections: 二.一.1 means a 二.一 whose （一） repeats 三.一's
        known = unique_paths | {p[:k] for p in unique_paths for k in range(1, len(p))}
        for path in unique_paths:
            depth = len(path)
            same_depth = [p for p in known if len(p) == depth]
            if max(Counter(p[-1] for p in same_depth).values()) == 1:  # numbered through the document
                new_id[(doc, path)] = path[-1]
                continue
            top = (path[0], path[-1])
            if depth > 2 and sum((p[0], p[-1]) == top for p in same_depth) == 1:
                new_id[(doc, path)] = ".".join(top)
            else:
                new_id[(doc, path)] = ".".join(path)
    out = []
    for r in records:
        if r.get("kind") == "task":
            path = parts(r["task"])
            r = {**r, "task": new_id[(r["doc"], path)]}
            if r.get("covers"):  # covered items take the same convention as the tasks
                r["covers"] = [new_id.get((r["doc"], parts(c)), c) if "." in str(c) else c for c in r["covers"]]
        out.append(r)
    return out


def main(paths: list[str]) -> None:
    for name in paths:
        path = Path(name)
        records = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in convert(records)), "utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
