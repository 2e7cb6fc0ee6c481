"""``CorpusView``'s own indexes: their size per field and what its hot readers cost (prints
figures; not a test).

    PYTHONPATH=src python benchmarks/view_indexes.py [--articles 3000] [--rounds 3]
        [--against OTHER_SRC]

Each round is a fresh process: ``bench_dashboard.synthetic(N)`` packed and read back as a
saved corpus is, then ``CorpusView.build`` (its CPU time, and the resident memory it adds,
kept, after a full collection), then

- the bytes an article each field of the view holds beyond the records: a deep
  ``sys.getsizeof`` walk (dicts, lists, tuples, sets, arrays, and the view's own helper
  objects), the records themselves walked first so that what the view shares with them
  is not counted again;
- ``figure_ids_for(person, None)``: for the person with most figures, asked first; then
  for the next 199, each asked once (made) and then ten times more (kept, as a filter's
  rebuilds ask): µs a call;
- ``person_mentions`` of the 200 people with most mentions (their reading order),
  ``index_first_mentions`` (every person's first, as the load worker finds them), and
  ``spans_of`` of every article: µs a call.

``--against OTHER_SRC`` runs the same with another checkout's ``src`` on the path, the two
alternating which goes first in each round, and prints both medians side by side.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
ATOMS = (str, bytes, int, float, bool, type(None))


def deep_size(o: object, seen: set[int]) -> int:
    """Bytes of ``o`` and what it holds that ``seen`` has not counted yet."""
    from array import array

    from pydantic import BaseModel

    if id(o) in seen:
        return 0
    seen.add(id(o))
    size = sys.getsizeof(o)
    if isinstance(o, (*ATOMS, array)):
        return size
    if isinstance(o, BaseModel):
        return size + deep_size(o.__dict__, seen)
    if isinstance(o, dict):
        return size + sum(deep_size(k, seen) + deep_size(v, seen) for k, v in o.items())
    if isinstance(o, (list, tuple, set, frozenset)):
        return size + sum(deep_size(v, seen) for v in o)
    if type(o).__module__.startswith("tui."):  # the view's helpers: what they hold
        for slot in getattr(type(o), "__slots__", ()):
            size += deep_size(getattr(o, slot, None), seen)
        if hasattr(o, "__dict__"):
            size += deep_size(vars(o), seen)
    return size


def rss_mb() -> float:
    """Resident memory now, in MB (``/proc/self/statm``)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def per_call_us(calls: list[Any], call: Any) -> float:
    started = time.perf_counter()
    for args in calls:
        call(*args)
    return (time.perf_counter() - started) / max(1, len(calls)) * 1e6


def child(n: int) -> None:
    sys.path.insert(0, str(HERE))
    from bench_dashboard import synthetic

    from tui import snapshot
    from tui.app.view import CorpusView

    corpus = snapshot.unpack(snapshot.pack(synthetic(n)))
    gc.collect()
    before = rss_mb()
    started = time.process_time()
    view = CorpusView.build(corpus)
    out: dict[str, float] = {"build_s": time.process_time() - started}
    view.index_first_mentions()
    gc.collect()
    out["resident MB the view adds"] = rss_mb() - before

    seen: set[int] = set()
    for name in ("articles", "people", "events", "figures", "comparisons", "quotes"):
        deep_size(getattr(corpus, name), seen)
    total = 0
    for f in dataclasses.fields(view):
        if f.name == "corpus":
            continue
        size = deep_size(getattr(view, f.name), seen) / n
        total += size
        if size >= 1:
            out[f"B {f.name}"] = size
    out["B total"] = total

    people = sorted(view.figures_of_person_sorted.items(), key=lambda kv: -len(kv[1]))[:200]
    # The busiest person first (their figures' ids made once, on a person filter), then
    # the others, each asked once and then ten times more (as a filter's rebuilds ask).
    out["figures of the busiest person"] = len(people[0][1])
    out["figure_ids_for made µs, the busiest"] = per_call_us(
        [(people[0][0], None)], view.figure_ids_for
    )
    made = kept = 0.0
    for pid, _ in people[1:]:
        made += per_call_us([(pid, None)], view.figure_ids_for)
        kept += per_call_us([(pid, None)] * 10, view.figure_ids_for)
    out["figure_ids_for made µs"] = made / (len(people) - 1)
    out["figure_ids_for kept µs"] = kept / (len(people) - 1)
    # The Figures pane's rows for a person filter (a rebuild on the event loop): the
    # table made and every comparison's rows cached first, then the 5 busiest people.
    from tui.app.panes.figures import FigureRows, FigureSource

    rows = FigureRows(view, 120, FigureSource(view))
    rows.build(None, None, "")
    five = [(pid, None, "") for pid, _ in people[:5]]
    out["Figures rebuild, a person's first, ms"] = per_call_us(five, rows.build) / 1000
    out["Figures rebuild, again, ms"] = per_call_us(five, rows.build) / 1000
    busiest = sorted(corpus.people, key=lambda p: -len(p.mentions))[:200]
    view._mentions_sorted.clear()
    out["person_mentions µs"] = per_call_us([(p.id,) for p in busiest], view.person_mentions)
    view._mentions_sorted.clear()
    view._first_mentions.clear()
    out["index_first_mentions ms"] = per_call_us([()], view.index_first_mentions) / 1000
    out["spans_of µs"] = per_call_us([(a.id,) for a in corpus.articles], view.spans_of)
    print(json.dumps(out))


def measure(src: Path, n: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    result = subprocess.run(
        [sys.executable, __file__, "--child", str(n)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    figures: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--against", type=Path, help="another checkout's src directory")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        child(args.child)
        return
    sources = {"this": SRC}
    if args.against is not None:
        sources["other"] = args.against.resolve()
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in sources}
    for round_ in range(args.rounds):
        order = list(sources) if round_ % 2 == 0 else list(reversed(sources))
        for name in order:
            runs[name].append(measure(sources[name], args.articles))
            print(f"round {round_ + 1} {name}: build {runs[name][-1]['build_s']:.2f} s CPU")
    print(f"\n{args.articles} articles, median of {args.rounds} rounds (load {os.getloadavg()})")
    keys = list(dict.fromkeys(k for r in runs.values() for figures in r for k in figures))
    print(f"{'':34s}" + "".join(f"{name:>12s}" for name in sources))
    for key in keys:
        cells = []
        for name in sources:
            values = [r[key] for r in runs[name] if key in r]
            cells.append(f"{statistics.median(values):12.2f}" if values else f"{'—':>12s}")
        print(f"{key:34s}" + "".join(cells))


if __name__ == "__main__":
    main()
