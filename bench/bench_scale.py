"""One run, one table: how govkg scales with the corpus (issue 10's measurements).

    .venv/bin/python bench/bench_scale.py [--sizes 1,10,100] [--jobs 2] [--asks 30] [--neo4j --wipe]
    .venv/bin/python bench/bench_scale.py --extraction-only --jobs 2

Builds renamed copies of the sample gazette (bench/renamed_copies.py: other places, document
numbers and people) and prints, as a Markdown table:
- extraction MB/s at 10x in one process and in --jobs processes (medians of alternated runs),
  against one compiled-regex pass over the same text in the same run (the ratio is what to
  compare across machines); beside wall time, MB/s on the CPU critical path (this process's CPU
  plus its workers' shared among the cores), which a loaded machine does not distort;
- `govkg build` wall time and peak memory (largest process) at each size, and `govkg add` of one
  more copy to the 10x store against the 11x rebuild;
- `ask` p50/p95 per question kind, in-process on a warm store, at the smallest and largest size;
- with --neo4j (server from NEO4J_URI, which the run WIPES): batched load relationships/s at the
  largest size (four loads, each into the emptied database: the first apart, a just-started
  server has not compiled their hot paths yet; the median of the other three) against the
  per-row baseline on the sample.
Asserts nothing about time: shared machines are noisy; quote ratios and medians.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from renamed_copies import rename, write_copies  # noqa: E402

from govkg.loaders.pipeline import extract_paths, sample_gazette  # noqa: E402

GOVKG = [sys.executable, "-m", "govkg.cli"]


def row(cells: list[str]) -> None:
    print("| " + " | ".join(cells) + " |")


def regex_pass(paths: list[Path]) -> float:
    """MB/s of one compiled-regex pass over the text (the floor of any reading of it)."""
    pattern = re.compile(r"[\u4e00-\u9fff]{2,4}同志")
    texts = [p.read_text("utf-8") for p in paths]
    size = sum(len(t.encode()) for t in texts)
    start = time.perf_counter()
    for t in texts:
        sum(1 for _ in pattern.finditer(t))
    return size / 1e6 / (time.perf_counter() - start)


MEASURE = """
import resource, sys, time
from pathlib import Path
from govkg.loaders.pipeline import extract_paths
paths, jobs = [Path(p) for p in sys.argv[2:]], int(sys.argv[1])
children = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu, start = time.process_time(), time.perf_counter()
extract_paths(paths, jobs)
wall, cpu = time.perf_counter() - start, time.process_time() - cpu
after = resource.getrusage(resource.RUSAGE_CHILDREN)
print(wall, cpu, (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime))
"""


def extraction_run(paths: list[Path], jobs: int) -> tuple[float, float]:
    """(MB/s of wall time, MB/s on the critical path of CPU time) of one extraction, in a fresh
    process (cold, as a build meets it: no per-line memo warmed by an earlier run; start-up is
    not counted, the extraction is).

    The CPU figure is what the run would take on free cores: this process's CPU (the serial part)
    plus its workers' CPU shared among `jobs` cores. On a shared, loaded machine the wall figure
    of --jobs 2 says more about the other processes than about ours."""
    size = sum(p.stat().st_size for p in paths) / 1e6
    out = subprocess.run([sys.executable, "-c", MEASURE, str(jobs), *map(str, paths)],
                         capture_output=True, text=True, check=True).stdout.split()
    wall, cpu, workers = map(float, out)
    return size / wall, size / (cpu + workers / jobs)


def timed_cli(*args: str) -> tuple[float, float, str, float]:
    """(wall seconds, peak MB, stdout, CPU seconds) of one govkg run; the peak and the CPU are the
    kernel's, over the run and the workers it waited for (wait4's rusage): on a loaded machine the
    CPU says what the run cost, the wall also what the other processes took."""
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen([*GOVKG, *args], stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise SystemExit(f"govkg {' '.join(args[:2])} failed: {err.read()[-500:]}")
        return wall, usage.ru_maxrss / 1024, out.read(), usage.ru_utime + usage.ru_stime


def triples(stdout: str) -> int:
    m = re.search(r"(\d+) triples", stdout)
    return int(m.group(1)) if m else 0


BUDGET = 20.0  # seconds of calls per question kind, after the third call


def ask_times(store: Path, runs: int) -> dict[str, tuple[float, float, int]]:
    """p50/p95 ms per question kind, in-process through the library API (the store's name index
    included), after one warm-up call of each. Most names are shared by every copy (区财政局), so
    their answers grow with the store; `one place` asks for the first copy's own group, whose answer
    does not: that is the question whose time should not grow."""
    from govkg.api import KnowledgeGraph
    from govkg.errors import GovkgError
    q = KnowledgeGraph(store)
    doc = rename("离政发〔2024〕30号", 0)  # names as the first copy prints them
    own_group = rename("离石区防治动物重大疫病指挥部", 0)
    place = rename("吕梁市离石区", 0)  # the first copy's district: in the store at every size
    cases = {
        "who-leads, one place": lambda: q.who_leads(own_group),
        "members, one place": lambda: q.members(own_group),
        "who-leads --place": lambda: q.who_leads("区财政局", place=place),
        "person --place": lambda: q.person("任凯旋", place=place),
        "members, a misspelt group (疫情 for 疫病)": lambda: q.members("区防治动物重大疫情指挥部"),
        "responsible": lambda: q.responsible("26", doc),
        "tasks --place": lambda: q.tasks("区财政局", place=place),
        "duties --place": lambda: q.duties("区财政局", place=place),
        "abbreviation --place": lambda: q.who_leads("区工科局", place=place),
        "ambiguous name (lists its places)": lambda: q.who_leads("区财政局"),
        "unknown name": lambda: q.who_leads("区不存在局"),
    }
    out = {}
    for kind, call in cases.items():
        times: list[float] = []
        spent = time.perf_counter()
        for k in range(runs + 1):
            if len(times) >= 3 and time.perf_counter() - spent > BUDGET:
                break  # a slow kind at a large size: fewer calls, the count is printed
            start = time.perf_counter()
            try:
                call()
            except GovkgError:
                pass  # an unknown name's suggestions are what is timed
            if k:
                times.append((time.perf_counter() - start) * 1000)
        times.sort()
        out[kind] = (statistics.median(times), times[min(len(times) - 1, int(0.95 * len(times)))], len(times))
    return out


def neo4j_rates(sample: list[Path], largest: list[Path], runs: int = 4) -> tuple[list[float], float, int]:
    """(batched rel/s of each of `runs` loads at the largest size, in order, per-row rel/s on the
    sample, relationships at the largest). Each load starts from an emptied database. On a
    just-started server the first loads at the largest size run before the JVM has compiled
    their hot paths (18.6k rel/s, then 28-29k, then 31-35k once warm), so the first is reported
    apart from the median of the rest."""
    from govkg.graph.neo4j.backend import Neo4jSettings, connect
    from govkg.graph.neo4j.load import load_facts, load_facts_per_row, wipe
    settings = Neo4jSettings.from_env()
    driver = connect(settings)
    db = settings.database
    try:
        small = extract_paths(sample)
        wipe(driver, db)  # a batched load first warms the server (JIT, page cache) for the baseline
        load_facts(driver, small.facts, small.aliases, database=db, batch_size=5000)
        wipe(driver, db)
        per_row = load_facts_per_row(driver, small.facts, small.aliases, database=db)
        big = extract_paths(largest, 2)
        rates = []
        for _ in range(runs):
            wipe(driver, db)
            batched = load_facts(driver, big.facts, big.aliases, database=db, batch_size=5000)
            rates.append(batched.relationships / batched.seconds)
        wipe(driver, db)
    finally:
        driver.close()
    return rates, per_row.relationships / per_row.seconds, batched.relationships


def _spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i
    return total


def machine_parallelism(jobs: int, n: int = 10_000_000) -> float:
    """How much faster `jobs` processes run a pure CPU loop than one, now: the most any --jobs
    could gain on this machine at this moment (a shared machine gives less than its cores)."""
    from concurrent.futures import ProcessPoolExecutor
    times = {}
    for k in (1, jobs):
        start = time.perf_counter()
        with ProcessPoolExecutor(k) as pool:
            list(pool.map(_spin, [n // k] * k))
        times[k] = time.perf_counter() - start
    return times[1] / times[jobs]


def extraction_rows(ten: list[Path], jobs: int, runs: int = 3) -> None:
    """Extraction at 1 and `jobs` processes, alternated `runs` times (medians): wall MB/s, and
    MB/s on the CPU critical path (see extraction_run), against one regex pass in the same run."""
    mb = sum(p.stat().st_size for p in ten) / 1e6
    regex = regex_pass(ten)
    one: list[tuple[float, float]] = []
    many: list[tuple[float, float]] = []
    for _ in range(runs):
        one.append(extraction_run(ten, 1))
        many.append(extraction_run(ten, jobs))
    (w1, c1), (wn, cn) = [tuple(statistics.median(x) for x in zip(*r)) for r in (one, many)]
    load = os.getloadavg()[0]
    spin = statistics.median(machine_parallelism(jobs) for _ in range(3))
    row([f"extraction, {len(ten)}x ({mb:.1f} MB), 1 process (median of {runs})", f"{w1:.2f} MB/s wall, {c1:.2f} MB/s CPU",
         f"regex pass {regex:.0f} MB/s", f"{w1 / regex:.4f}"])
    row([f"extraction, {len(ten)}x, --jobs {jobs} (load {load:.1f} on {os.cpu_count()} cores)",
         f"{wn:.2f} MB/s wall, {cn:.2f} MB/s CPU critical path", f"1 process {w1:.2f} wall, {c1:.2f} CPU",
         f"{wn / w1:.2f}x wall, {cn / c1:.2f}x CPU"])
    row([f"a pure CPU loop, {jobs} processes vs 1 (what the machine gives now)", f"{spin:.2f}x", "", ""])


def add_row(work: Path, ten: Path, eleven: list[Path], runs: int = 3) -> None:
    """`govkg add` of an eleventh copy to the 10x store against a build of all 11, alternated,
    medians of `runs`, in wall and in CPU seconds; the added store must hold what the rebuild holds
    (same triple count, and the report says whether the add was in place)."""
    adds, builds = [], []
    for k in range(runs):
        added = work / f"store-10-plus-1-{k}"
        subprocess.run(["rm", "-rf", str(added)], check=True)
        subprocess.run(["cp", "-r", str(ten), str(added)], check=True)
        add_wall, _, add_out, add_cpu = timed_cli("add", str(eleven[-1]), "--store", str(added), "--no-progress")
        full_wall, _, full_out, full_cpu = timed_cli("build", *map(str, eleven), "--store", str(work / "store-11"), "--no-progress")
        if triples(add_out) != triples(full_out):
            raise SystemExit(f"add gave {triples(add_out)} triples, the rebuild {triples(full_out)}")
        adds.append((add_wall, add_cpu))
        builds.append((full_wall, full_cpu))
    how = "in place" if "extended in place" in add_out else "rewritten"
    (add_wall, add_cpu), (full_wall, full_cpu) = [tuple(statistics.median(x) for x in zip(*r)) for r in (adds, builds)]
    row([f"add 1 gazette to 10x (1 process, {how}, median of {runs})", f"{add_wall:.2f} s wall, {add_cpu:.2f} s CPU",
         f"rebuild of 11x {full_wall:.2f} s wall, {full_cpu:.2f} s CPU (same {triples(full_out)} triples)",
         f"{full_wall / add_wall:.1f}x faster wall, {full_cpu / add_cpu:.1f}x CPU"])


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1,10,100", help="corpus sizes in copies of the sample")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--asks", type=int, default=30, help="timed calls per question kind")
    ap.add_argument("--neo4j", action="store_true", help="also measure Neo4j loading (WIPES the server's database)")
    ap.add_argument("--wipe", action="store_true", help="confirm that the Neo4j database may be emptied")
    ap.add_argument("--workdir", type=Path, default=None)
    ap.add_argument("--reuse", action="store_true", help="with --workdir: keep the stores built there, time the questions only")
    ap.add_argument("--extraction-only", action="store_true", help="only the extraction rows (10 copies)")
    args = ap.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    work = args.workdir or Path(tempfile.mkdtemp(prefix="govkg-bench-"))
    copies = write_copies(sample_gazette(), 10 if args.extraction_only else max(sizes) + 1, work / "copies")
    corpus = {n: copies[:n] for n in sizes}
    ten = copies[:10]

    print(f"corpus: renamed copies of the sample gazette in {work}; {os.cpu_count()} cores\n")
    row(["measure", "value", "baseline in the same run", "ratio"])
    row(["---"] * 4)
    if not args.reuse:
        extraction_rows(ten, args.jobs)
    if args.extraction_only:
        return 0
    stores = {}
    for n in sizes:
        store = work / f"store-{n}"
        stores[n] = store
        if args.reuse and store.exists():
            continue
        wall, peak, out, _ = timed_cli("build", *map(str, corpus[n]), "--store", str(store), "--jobs", str(args.jobs), "--no-progress")
        size = sum(p.stat().st_size for p in corpus[n]) / 1e6
        row([f"build {n}x ({size:.1f} MB, {triples(out)} triples), --jobs {args.jobs}", f"{wall:.1f} s",
             f"peak memory {peak:.0f} MB", ""])
    if 10 in stores and not args.reuse:
        add_row(work, stores[10], copies[:11])
    small, large = sizes[0], sizes[-1]
    at_small, at_large = ask_times(stores[small], args.asks), ask_times(stores[large], args.asks)
    for kind in at_small:
        (s50, s95, _), (l50, l95, n) = at_small[kind], at_large[kind]
        row([f"ask {kind}: p50 / p95 at {large}x ({n} calls)", f"{l50:.1f} / {l95:.1f} ms",
             f"at {small}x: {s50:.1f} / {s95:.1f} ms", f"{l50 / s50:.1f}x"])
    if args.neo4j:
        if not args.wipe:
            print("\n--neo4j needs --wipe (the run empties the database)", file=sys.stderr)
            return 2
        rates, per_row, rels = neo4j_rates([sample_gazette()], corpus[large])
        batched = statistics.median(rates[1:])
        row([f"Neo4j batched load, {large}x ({rels} relationships): median of loads 2-{len(rates)}",
             f"{batched:,.0f} rel/s (load 1: {rates[0]:,.0f})",
             f"per-row on the sample {per_row:,.0f} rel/s", f"{batched / per_row:.1f}x"])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
