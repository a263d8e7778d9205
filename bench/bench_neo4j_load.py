"""Batched Neo4j load vs the per-row baseline (one transaction per fact), in one run.

    .venv/bin/python bench/bench_neo4j_load.py [GAZETTE ...] [--batch-size 500] [--repeat 3] --wipe

Each measurement starts from an empty database (the script WIPES it: run it on the dev server of
`make neo4j-up` only) and loads the same facts; a warm-up load first lets the server compile the
statements. Prints both times and the ratio; asserts nothing about time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

from govkg.errors import GovkgError
from govkg.graph.neo4j.backend import Neo4jSettings, connect
from govkg.graph.neo4j.load import counts, load_facts, load_facts_per_row, wipe
from govkg.loaders.pipeline import extract_paths, sample_gazette


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("--batch-size", type=int, default=500)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--wipe", action="store_true", help="allow deleting everything in the database")
    args = ap.parse_args(argv)
    settings = Neo4jSettings.from_env()
    try:
        driver = connect(settings)
    except GovkgError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    db = settings.database
    nodes, rels, _, _ = counts(driver, db)
    if (nodes or rels) and not args.wipe:
        print(f"error: {settings.where()} holds {nodes} nodes; pass --wipe to let the benchmark empty it", file=sys.stderr)
        return 2
    extraction = extract_paths(args.paths or [sample_gazette()])
    facts, aliases = extraction.facts, extraction.aliases
    documents = len({f.doc for f in facts})
    print(f"{len(facts)} facts in {documents} documents -> {settings.where()}")

    wipe(driver, db)
    load_facts(driver, facts, aliases, database=db, batch_size=args.batch_size)  # warm-up
    batched, per_row = [], []
    for _ in range(args.repeat):
        wipe(driver, db)
        batched.append(load_facts(driver, facts, aliases, database=db, batch_size=args.batch_size))
        wipe(driver, db)
        per_row.append(load_facts_per_row(driver, facts, aliases, database=db))
    driver.close()

    b = statistics.median(r.seconds for r in batched)
    p = statistics.median(r.seconds for r in per_row)
    last_b, last_p = batched[-1], per_row[-1]
    print(f"batched  (UNWIND, {args.batch_size} facts/tx): {b:7.3f} s median of {args.repeat}, "
          f"{last_b.transactions} transactions, {last_b.nodes} nodes, {last_b.relationships} relationships")
    print(f"per-row  (1 tx per fact):          {p:7.3f} s median of {args.repeat}, "
          f"{last_p.transactions} transactions, {last_p.nodes} nodes, {last_p.relationships} relationships")
    print(f"ratio per-row / batched: {p / b:.1f}x")
    if (last_b.nodes, last_b.relationships) != (last_p.nodes, last_p.relationships):
        print("note: the two loaders wrote different counts", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
