"""What the Timeline's and Figures' tables saved beside the store save (prints figures; not
a test).

    PYTHONPATH=src python benchmarks/saved_tables.py [--articles 10000] [--rounds 3]
        [--repeat 5]

Builds ``bench_dashboard.synthetic(N)`` and its ``CorpusView`` once, saves both panes'
tables (``tui.paged.SavedTables``) into a temporary folder and then, in fresh processes
alternating the two ways (each round: ``made``, ``opened``, then the other way first):

- ``made``: what every session did before: ``loading.indexed`` makes both tables from the
  records, in memory;
- ``opened``: ``loading.indexed`` opens the saved files (what a session on an unchanged
  folder does now).

Each child times ``indexed`` (CPU and wall seconds), the resident memory it adds, and the
Timeline's searches as the pane runs them (``TimelineSource.query``: the count, then the
first window), each the median of ``--repeat``: common and rare words of three letters and
more (the saved table's trigram index), the same within the busiest person's events, and two
letters (a scan either way). The saving itself (both tables, their trigram indexes) is
timed once, with the files' sizes.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent

SEARCHES = ("said", "port", "minister", "2024-03", "xq", "el")
"""Searches of the bench's sentences: common, less common, a date, two letters."""


def rss_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def setup(articles: int, folder: Path):  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(HERE))
    from bench_dashboard import synthetic

    from tui.app.view import CorpusView
    from tui.paged import SavedTables

    corpus = synthetic(articles)
    saved = SavedTables.beside(folder / "store.sqlite", "/bench", "bench", "v", True)
    return corpus, saved, CorpusView


def child(articles: int, folder: Path, way: str, repeat: int) -> dict[str, float]:
    corpus, saved, _ = setup(articles, folder)
    from tui.app.loading import indexed
    from tui.app.panes.timeline import TimelineSource

    out: dict[str, float] = {}
    before = rss_mb()
    cpu, wall = time.process_time(), time.perf_counter()
    view = indexed(corpus, saved if way == "opened" else None)
    out["indexed_cpu"] = time.process_time() - cpu
    out["indexed_wall"] = time.perf_counter() - wall
    out["rss_added_mb"] = rss_mb() - before
    source = TimelineSource.of(view)
    assert source.table().indexed is (way == "opened")
    busiest = Counter(p for e in view.sorted_events for p in e.people).most_common(1)[0][0]
    for person in (None, busiest):
        for needle in SEARCHES:
            times = []
            for _ in range(repeat):
                start = time.perf_counter()
                query = source.query(person, None, needle)
                if query.count():
                    query.record(0)
                times.append(time.perf_counter() - start)
            name = f"search {needle!r}" + (" (busiest person)" if person else "")
            out[name] = statistics.median(times) * 1000
            out[name + " rows"] = query.count()
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--child", nargs=2, metavar=("WAY", "FOLDER"))
    args = parser.parse_args()
    if args.child:
        way, folder = args.child
        print(json.dumps(child(args.articles, Path(folder), way, args.repeat)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus, saved, corpus_view = setup(args.articles, folder)
        from tui.app.panes.figures import FigureSource
        from tui.app.panes.timeline import TimelineSource

        view = corpus_view.build(corpus)
        for source in (TimelineSource.of(view), FigureSource.of(view)):
            table = source.table()
            cpu, wall = time.process_time(), time.perf_counter()
            saved.save(table)
            size = saved.path(table.KIND).stat().st_size / 1e6
            print(
                f"save {table.KIND}: {time.process_time() - cpu:.2f} s CPU, "
                f"{time.perf_counter() - wall:.2f} s wall, {size:.0f} MB"
            )
        del view, corpus
        results: dict[str, list[dict[str, float]]] = {"made": [], "opened": []}
        for round_ in range(args.rounds):
            ways = ["made", "opened"] if round_ % 2 == 0 else ["opened", "made"]
            for way in ways:
                command = [sys.executable, __file__, "--articles", str(args.articles),
                           "--repeat", str(args.repeat), "--child", way, str(folder)]  # fmt: skip
                found = subprocess.run(command, capture_output=True, text=True, check=True)
                results[way].append(json.loads(found.stdout.splitlines()[-1]))
        print_paired(results, args.rounds)


def print_paired(results: dict[str, list[dict[str, float]]], rounds: int) -> None:
    """Each figure's median over the rounds, the ways side by side."""
    print(f"load average {os.getloadavg()[0]:.1f}; medians of {rounds} rounds")
    print(f"{'':44}" + "".join(f" {way:>16}" for way in results))
    for name in next(iter(results.values()))[0]:
        medians = [statistics.median(r[name] for r in runs) for runs in results.values()]
        print(f"{name:44}" + "".join(f" {m:16.2f}" for m in medians))


if __name__ == "__main__":
    main()
