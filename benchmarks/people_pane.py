"""The People pane with tens of thousands of people (prints figures; not a test).

    PYTHONPATH=src python benchmarks/people_pane.py [--articles 2000] [--people 50000]
        [--repeat 5] [--rounds 2] [--against OTHER_SRC]

Real news names ~4 people an article, most of them once: a folder of 10,000 articles links
tens of thousands. ``bench_dashboard.synthetic(N, extra_people=P)`` adds P people named
once each to the bench's corpus (whose ~1,500 recurring people alone keep People small).
Each measurement runs in a fresh process, the app headless in a 160×48 terminal: the time
from the app's start until every pane is filled, the resident memory the dashboard adds to
the corpus and its index (after a full collection), and from People, the key-to-repaint of
``down``, ``s`` (the sort, by name then back by mentions), a one-letter search applied
(``/`` then a letter and Enter) and Esc clearing it; then the first ``z`` (People maximised:
a width whose entry heights are not measured yet) with ``down`` pressed right after it, until
both keys are answered and repainted (workers aside) and until People is filled at the new
width. ``--against OTHER_SRC`` runs the same with another checkout's ``src`` on the path,
alternating which goes first in each round.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"


def child(n: int, people: int, repeat: int) -> None:
    sys.path.insert(0, str(HERE))
    from bench_dashboard import Timings, send_key, settle, synthetic
    from dashboard_memory import rss_mb

    from tui.app.app import NewsdashApp
    from tui.app.panes.people import PeoplePane
    from tui.app.view import CorpusView
    from tui.userstate import ENV_STATE_DIR

    corpus = synthetic(n, extra_people=people)
    CorpusView.build(corpus)  # what the index costs is not the pane's
    gc.collect()
    out: dict[str, float] = {"people": len(corpus.people), "before": rss_mb()}
    timings = Timings()

    async def run() -> None:
        with tempfile.TemporaryDirectory(prefix="newsdash-bench-") as state:
            os.environ[ENV_STATE_DIR] = state
            folder = Path(state) / "corpus"
            folder.mkdir()
            app = NewsdashApp(corpus, path=folder, theme="newsdash", load_user_keymap=False)
            started = time.perf_counter()
            async with app.run_test(size=(160, 48)) as pilot:
                await settle(pilot)
                out["start_s"] = time.perf_counter() - started
                gc.collect()
                out["dashboard"] = rss_mb()
                pane = app.query_one(PeoplePane)
                assert pane.border_title == f"People ({len(corpus.people)})"
                for _ in range(repeat):
                    await timings.key(pilot, "down", "down")
                for _ in range(repeat):
                    await timings.key(pilot, "s (sort)", "s")
                    await timings.key(pilot, "s (sort)", "s")
                for _ in range(repeat):
                    await pilot.press("slash", "z")
                    # (the debounce worker the Enter cancels is not waited for)
                    await timings.key(pilot, "search applied", "enter", workers=False)
                    assert pane.search == "z"
                    await timings.key(pilot, "esc (search cleared)", "escape", workers=False)
                    assert pane.search == ""
                # The first z: a new width, every entry's height to measure.
                started = time.perf_counter()
                send_key(pilot, "z")
                send_key(pilot, "down")
                await settle(pilot, workers=False)
                out["z, down answered"] = 1000 * (time.perf_counter() - started)
                await settle(pilot)
                out["z: People filled"] = 1000 * (time.perf_counter() - started)
                assert app.screen.maximized is pane

    asyncio.run(run())
    for label, samples in timings.samples.items():
        out[label] = statistics.median(samples)
    print(json.dumps(out))


def measure(src: Path, n: int, people: int, repeat: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": f"{src}{os.pathsep}{HERE}"}
    command = [sys.executable, __file__, "--child", str(n), str(people), str(repeat)]
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"{src}: {result.stderr.strip().splitlines()[-1]}")
    figures: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2_000)
    parser.add_argument("--people", type=int, default=50_000, help="people named once, added")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--against", type=Path, help="another checkout's src directory")
    parser.add_argument("--child", type=int, nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        child(*args.child)
        return
    sources = {"this": SRC}
    if args.against is not None:
        sources["other"] = args.against.resolve()
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in sources}
    for round_ in range(args.rounds):
        order = list(sources) if round_ % 2 == 0 else list(reversed(sources))
        for name in order:
            figures = measure(sources[name], args.articles, args.people, args.repeat)
            runs[name].append(figures)
            print(f"round {round_ + 1} {name:5s}: {json.dumps(figures)}", flush=True)
    first = runs["this"][0]
    print(f"\n{args.articles} articles, {first['people']:.0f} people; medians of {args.rounds}")
    stages = (
        "start_s",
        "added_mb",
        "down",
        "s (sort)",
        "search applied",
        "esc (search cleared)",
        "z, down answered",
        "z: People filled",
    )
    for stage in stages:
        line = f"{stage:22s}"
        for name in sources:
            values = [
                r["dashboard"] - r["before"] if stage == "added_mb" else r[stage]
                for r in runs[name]
            ]
            line += f"  {name} {statistics.median(values):10.1f}"
        print(line)
    print("(start_s: seconds; added_mb: MB the dashboard adds; keys: ms to repaint)")


if __name__ == "__main__":
    main()
