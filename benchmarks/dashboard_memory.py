"""The dashboard's memory at N articles, stage by stage (prints figures; not a test).

    PYTHONPATH=src python benchmarks/dashboard_memory.py [--articles 10000] [--rounds 2]
        [--against OTHER_SRC] [--lean]

Each measurement runs in a fresh process: ``bench_dashboard.synthetic(N)`` (the corpus the
dashboard bench uses: ~7 events, ~7 figures, ~8 mentions and ~3 quotes an article), packed
and read back as a saved corpus is (``tui.snapshot.pack``/``unpack``: the records the
dashboard holds after opening a warm store), then the dashboard's index
(``CorpusView.build``), then the app started headless in a 160×48 terminal until every table
is filled. It prints the resident memory after each stage (after a full collection) and the
peak. ``--against OTHER_SRC`` runs the same steps with another checkout's ``src`` on the
path, alternating which goes first in each round, and prints both and their ratio — a
before/after in one run on a shared machine. ``--lean``: the corpus is read back as a
dashboard reads it when a session saved its texts file beside the store
(:mod:`tui.texts`: written first, not measured), without what that file holds (the texts;
the statements too, when the code saves them there).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"


def rss_mb() -> float:
    """Resident memory now, in MB (``/proc/self/statm``)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def child(n: int, lean: bool) -> None:
    sys.path.insert(0, str(HERE))
    from bench_dashboard import settle, synthetic
    from texts_file import texts_file

    from tui import snapshot
    from tui.app.app import NewsdashApp
    from tui.app.view import CorpusView
    from tui.userstate import ENV_STATE_DIR

    out: dict[str, float] = {"start": rss_mb()}
    made = synthetic(n)
    packed = snapshot.pack(made)
    texts = texts_file(made) if lean else None
    del made
    gc.collect()
    out["built"] = rss_mb()
    started = time.process_time()
    corpus = snapshot.unpack(packed, texts)
    out["read_s"] = time.process_time() - started
    del packed
    gc.collect()
    out["corpus"] = rss_mb()
    CorpusView.build(corpus)
    gc.collect()
    out["view"] = rss_mb()

    async def run() -> None:
        with tempfile.TemporaryDirectory(prefix="newsdash-bench-") as state:
            os.environ[ENV_STATE_DIR] = state
            folder = Path(state) / "corpus"
            folder.mkdir()
            app = NewsdashApp(corpus, path=folder, theme="newsdash", load_user_keymap=False)
            async with app.run_test(size=(160, 48)) as pilot:
                await settle(pilot)
                gc.collect()
                out["dashboard"] = rss_mb()

    asyncio.run(run())
    out["peak"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6
    print(json.dumps(out))


def measure(src: Path, n: int, lean: bool = False) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    result = subprocess.run(
        [sys.executable, __file__, "--child", str(n), *(["--lean"] if lean else [])],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    figures: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


STAGES = ("start", "corpus", "view", "dashboard", "peak", "read_s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--against", type=Path, help="another checkout's src directory")
    parser.add_argument("--lean", action="store_true", help="read without the texts' file")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        child(args.child, args.lean)
        return
    sources = {"this": SRC}
    if args.against is not None:
        sources["other"] = args.against.resolve()
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in sources}
    for round_ in range(args.rounds):
        order = list(sources) if round_ % 2 == 0 else list(reversed(sources))
        for name in order:
            figures = measure(sources[name], args.articles, args.lean)
            runs[name].append(figures)
            shown = "  ".join(f"{k} {figures[k]:.0f}" for k in STAGES[:-1])
            print(f"round {round_ + 1} {name:5s}: {shown} MB  read {figures['read_s']:.2f} s CPU")
    print(f"\n{args.articles} articles, median of {args.rounds} rounds (MB; read: CPU s)")
    for stage in STAGES:
        line = f"{stage:10s}"
        medians = {name: statistics.median(r[stage] for r in runs[name]) for name in sources}
        for name, value in medians.items():
            line += f"  {name} {value:8.1f}"
        if "other" in medians:
            line += f"  this/other {medians['this'] / medians['other']:.2f}"
        print(line)


if __name__ == "__main__":
    main()
