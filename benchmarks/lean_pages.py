"""What the pages cost on a corpus read with or without its texts (prints figures; not a test).

    PYTHONPATH=src python benchmarks/lean_pages.py [--articles 10000] [--rounds 3]
        [--against OTHER_SRC]

Each measurement runs in a fresh process: ``bench_dashboard.synthetic(N)``, packed and read
back as a saved corpus is, either whole (``full``) or without what a texts file beside the
store holds (``lean``: the file written first, not measured; the texts, and the statements,
events, figures and people's mentions when the code saves them there), then
``CorpusView.build``. It times, in CPU seconds with the collector paused (as the dashboard's
workers build pages): the corpus read back (``read``) and its index (``view``); every
person's first mention; the People pane's order by mentions and every person's entry
(``people rows``); the palette's index; the page of the date with the most events (its
events found, its rows, then laid out for 158 columns); the page of the person with the
most mentions (the section a big page shows first, every section, then laid out); the
Figures table's rows (``FigureSource._rows``, as made when no saved table is found) and the
counts of ``F`` on every figure. ``--against`` runs the same with another checkout's
``src``, alternating which goes first in each round, and prints the medians side by side.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
T = TypeVar("T")
STEPS = (
    "read",
    "view",
    "first mentions",
    "people rows",
    "palette",
    "date events",
    "date rows",
    "date laid",
    "person first",
    "person sections",
    "person laid",
    "figures rows",
    "figures F",
)


def child(n: int, lean: bool) -> None:
    sys.path.insert(0, str(HERE))
    from bench_dashboard import synthetic
    from texts_file import texts_file

    from tui import snapshot
    from tui.app import person_rows
    from tui.app.counts import figures_columns
    from tui.app.date_rows import DATE_COLUMNS, EventDays, date_rows
    from tui.app.palette import palette_index
    from tui.app.panes.figures import FigureSource
    from tui.app.panes.timeline import TimelineSource
    from tui.app.screens.conflict import laid_out
    from tui.app.screens.date import DATE_LAYOUT
    from tui.app.screens.person import lay_out
    from tui.app.view import CorpusView
    from tui.gcpolicy import gc_paused

    made = synthetic(n)
    packed = snapshot.pack(made)
    texts = texts_file(made) if lean else None
    del made
    out: dict[str, float] = {}

    def timed(step: str, make: Callable[[], T]) -> T:
        with gc_paused():
            started = time.process_time()
            made = make()
            out[step] = time.process_time() - started
        return made

    corpus = timed("read", lambda: snapshot.unpack(packed, texts))
    view = timed("view", lambda: CorpusView.build(corpus))
    # Every person's first mention (the load worker finds them; made with the index when
    # the view counts the mentions from columns), then the People pane's order by mentions
    # and every person's entry (what the pane measures in a worker).
    timed("first mentions", view.index_first_mentions)
    if hasattr(view, "mention_count"):
        count: Callable[[str], int] = view.mention_count
    else:  # a code whose people hold their mentions
        count = lambda pid: len(view.people[pid].mentions)  # noqa: E731
    from tui.app.panes.people import prompt_parts

    def people_rows() -> list[Any]:
        order = sorted(view.corpus.people, key=lambda p: (-count(p.id), p.name.casefold(), p.id))
        return [prompt_parts(view, p, 60, False) for p in order]

    timed("people rows", people_rows)

    timed("palette", lambda: palette_index(view))
    days = EventDays(view)
    counts = Counter(d for e in view.sorted_events if (d := days.of(e)) is not None)
    span = counts.most_common(1)[0][0]
    source = TimelineSource.of(view)
    source.table()  # made, as the Timeline's first fill makes it before a date page opens
    if hasattr(source, "within"):  # asked of the table
        events = timed("date events", lambda: source.within(span))
    else:  # a code that goes over every event
        events = timed("date events", lambda: days.within(view.sorted_events, span))
    rows = timed("date rows", lambda: date_rows(view, events))
    timed("date laid", lambda: laid_out([r.cells for r in rows], DATE_LAYOUT, 158, DATE_COLUMNS))
    busiest = max(view.corpus.people, key=lambda p: count(p.id)).id
    from tui.app.screens import person as person_screen

    if hasattr(person_screen, "first_section"):  # the section a big page shows first
        timed("person first", lambda: person_screen.first_section(view, busiest, 0, 158))
    else:  # a code that shows the page once every section is made
        out["person first"] = float("nan")
    built = timed("person sections", lambda: person_rows.sections(view, busiest))
    timed("person laid", lambda: [lay_out(s, 158) for s in built])
    # The Figures table's rows (made when no saved table is found), then F on every figure
    # as the app counts them: FigureFacts where the view gives them, else the figures.
    timed("figures rows", lambda: list(FigureSource(view)._rows()))
    ids = list(view.figures)
    if hasattr(view, "figure_facts_in"):
        listed: Callable[[], Any] = lambda: view.figure_facts_in(ids)  # noqa: E731
    else:
        listed = lambda: [view.figures[i] for i in ids if i in view.figures]  # noqa: E731
    timed("figures F", lambda: [c.get() for c in figures_columns(view, listed())])
    print(json.dumps(out))


def measure(src: Path, n: int, lean: bool) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    command = [sys.executable, __file__, "--child", str(n), *(["--lean"] if lean else [])]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    figures: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--against", type=Path, help="another checkout's src directory")
    parser.add_argument("--lean", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        child(args.child, args.lean)
        return
    sources = {"this": SRC}
    if args.against is not None:
        sources["other"] = args.against.resolve()
    runs = [(name, lean) for name in sources for lean in (False, True)]
    found: dict[tuple[str, bool], list[dict[str, float]]] = {run: [] for run in runs}
    for round_ in range(args.rounds):
        for name, lean in runs if round_ % 2 == 0 else runs[::-1]:
            figures = measure(sources[name], args.articles, lean)
            found[name, lean].append(figures)
            shown = "  ".join(f"{step} {figures[step]:.2f}" for step in STEPS)
            print(f"round {round_ + 1} {name:5s} {'lean' if lean else 'full'}: {shown}")
    print(f"\n{args.articles} articles, CPU s, median of {args.rounds} rounds")
    print(f"{'':16s}" + "".join(f"{n} {'lean' if lean else 'full':>5s}  " for n, lean in runs))
    for step in STEPS:
        line = f"{step:16s}"
        for run in runs:
            line += f"{statistics.median(r[step] for r in found[run]):>10.2f}  "
        print(line)


if __name__ == "__main__":
    main()
