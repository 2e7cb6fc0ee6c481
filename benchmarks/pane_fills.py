"""What the Timeline's and Figures' fills cost, and where they run (prints figures; not a test).

    PYTHONPATH=src python benchmarks/pane_fills.py [--articles 10000] [--rounds 3]
        [--against OTHER_SRC]

Builds ``bench_dashboard.synthetic(N)`` and its ``CorpusView``, then times, in CPU seconds,
each pane's fill for the filters a key sets: the first fill (unfiltered), the busiest
person, one outlet, a search made for the first time and another one (each fill reads the
middle row as a table scrolled there would). With the paged panes (``tui.paged``) it also
times what the load worker does before the view is shown (``loading.indexed``: the index
and both tables) and the two fills on the event loop that follow. It prints the memory
still held after the fills. Each round runs in a fresh process per code; ``--against``
alternates this checkout's ``src`` and another's (e.g. one from before the paged panes,
whose fills build every row) and prints both codes' medians side by side.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"


def rss_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def child(articles: int) -> dict[str, float]:
    """One round in this process, with whichever ``tui`` is on the path."""
    sys.path.insert(0, str(HERE))
    from bench_dashboard import synthetic

    import tui.app.panes.figures as figures
    import tui.app.panes.timeline as timeline
    from tui.app.date_rows import EventDays
    from tui.app.view import CorpusView

    corpus = synthetic(articles)
    out: dict[str, float] = {}

    def timed(name: str, run: Callable[[], object]) -> None:
        start = time.process_time()
        run()
        out[name] = time.process_time() - start

    paged = hasattr(timeline, "TimelineSource")
    made: list[CorpusView] = []
    if paged:
        from tui.app.loading import indexed

        timed("worker: index and tables", lambda: made.append(indexed(corpus)))
    else:
        timed("worker: index", lambda: made.append(CorpusView.build(corpus)))
    view = made[0]
    gc.collect()
    before = rss_mb()
    person = max(view.events_of_person_sorted, key=lambda p: len(view.events_of_person_sorted[p]))
    outlet = next(f for f in view.outlet_filters() if f.label.startswith("outlet:"))
    if paged:
        rows = timeline.TimelineRows(view, 120, timeline.TimelineSource.of(view))
        figure_rows = figures.FigureRows(view, 120, figures.FigureSource.of(view))

        def fill(who: str | None, where: object, search: str) -> None:
            listed = rows.rows(who, where, search)  # type: ignore[arg-type]
            rows.measure(listed)
            listed.query.months()
            if len(listed):
                listed[len(listed) // 2]
    else:
        rows = timeline.TimelineRows(view, 120, EventDays(view))  # type: ignore[arg-type]
        figure_rows = figures.FigureRows(view, 120)  # type: ignore[call-arg]

        def fill(who: str | None, where: object, search: str) -> None:
            events = rows.events(who, where, search)  # type: ignore[arg-type]
            built, _ = rows.build_rows(events)  # type: ignore[attr-defined]
            rows.days.per_month(events)
            if len(built):
                built[len(built) // 2]

    def figure_fill(who: str | None, where: object, search: str) -> None:
        built, _ = figure_rows.build(who, where, search)  # type: ignore[arg-type]
        if len(built):
            built[len(built) // 2]

    timed("Timeline: first fill", lambda: fill(None, None, ""))
    timed("Timeline: busiest person", lambda: fill(person, None, ""))
    timed("Timeline: an outlet", lambda: fill(None, outlet, ""))
    timed("Timeline: a first search", lambda: fill(None, None, "strike"))
    timed("Timeline: another search", lambda: fill(None, None, "said"))
    timed("Figures: first fill", lambda: figure_fill(None, None, ""))
    timed("Figures: busiest person", lambda: figure_fill(person, None, ""))
    timed("Figures: an outlet", lambda: figure_fill(None, outlet, ""))
    timed("Figures: a first search", lambda: figure_fill(None, None, "workers"))
    timed("Figures: another search", lambda: figure_fill(None, None, "percent"))
    gc.collect()
    out["memory held after the fills (MB)"] = rss_mb() - before
    return out


def run(src: Path, articles: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    command = [sys.executable, __file__, "--child", str(articles)]
    done = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    found: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--against", type=Path, help="another checkout's src directory")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child)))
        return
    codes = {"this": SRC} | ({"other": args.against.resolve()} if args.against else {})
    samples: dict[str, list[dict[str, float]]] = {name: [] for name in codes}
    for round_ in range(args.rounds):
        order = list(codes) if round_ % 2 == 0 else list(codes)[::-1]
        for name in order:
            samples[name].append(run(codes[name], args.articles))
            print(f"round {round_ + 1} {name} done", file=sys.stderr)
    names = list(dict.fromkeys(k for rounds in samples.values() for r in rounds for k in r))
    print(f"{args.articles:,} articles, medians of {args.rounds} rounds (CPU s unless said)")
    for key in names:
        cells = []
        for name in codes:
            values = [r[key] for r in samples[name] if key in r]
            cells.append(
                f"{name} {statistics.median(values):8.3f}" if values else f"{name}        –"
            )
        print(f"{key:34s}  " + "  ".join(cells))


if __name__ == "__main__":
    main()
