"""The dashboard opened on a big folder from a warm store, with its tables saved beside the
store or not (prints figures; not a test).

    PYTHONPATH=src python benchmarks/warm_open.py [--files 100000] [--articles 100000]
        [--rounds 2] [--workdir DIR]

Writes ``--files`` small files and a store whose saved corpus for them is
``bench_dashboard.synthetic(--articles)`` (``first_look.build``: the load takes the warm
path), then runs one writable session, as ``newsdash PATH --store STORE`` does, until the
Timeline's and Figures' tables are saved beside the store (timed). Then, in fresh processes,
alternating, ``--read-only`` sessions (so none saves) with the saved tables and texts
(``opened``: the corpus read without its texts, each read from its file), with the tables but
the texts' file moved away (``texts in memory``) and with the tables' folder moved away
(``made``: every session before), each timed from process
start until the whole corpus is shown with every pane filled and the workers done, with the
resident memory then, and the Timeline's searches of a word no row has and of a common one
(typed a key every 0.2 s, from the first key until the pane shows their rows).

``--workdir`` keeps the folder and store between runs. Its store holds a synthetic corpus and
no extractions: after a change to the linking tier's code (``tui.link``, ``tui.snapshot``,
``tui.gcpolicy``: see ``tui.tiers``) the store is stale, and this script builds it again
(a dashboard session opened on it by hand would re-extract all its files instead). After a
change to the saved tables' code (``tui.paged``, ``tui.texts``, ``tui.app``) the tables and
texts saved beside it are another version's: the writable session saves them again.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

STARTED = time.perf_counter()
HERE = Path(__file__).resolve().parent

TYPING_S = float(os.environ.get("WARM_OPEN_TYPING_S", "0.2"))
"""Between two keys of a search typed (``WARM_OPEN_TYPING_S``): slower than the search's
debounce (0.1 s), so each key's search is applied, as when a person types."""

SEARCHES = ("no-such-word", "minister")
"""A word no row has, and one the synthetic sentences repeat (155,384 of 700,010 events)."""


def rss_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


async def session(folder: Path, store: Path, read_only: bool) -> dict[str, float]:
    from tui import cli
    from tui.app import NewsdashApp
    from tui.app.loading import Loading
    from tui.app.panes.figures import FigureSource, FiguresPane
    from tui.app.panes.people import PeoplePane
    from tui.app.panes.timeline import TimelinePane, TimelineSource
    from tui.snapshot import LeanCorpus

    saved: list[float] = []
    save_tables = Loading.save_tables

    def timed_save(self: Loading, *args: object) -> None:
        started = time.process_time()
        save_tables(self, *args)  # type: ignore[arg-type]
        saved.extend((time.perf_counter() - STARTED, time.process_time() - started))

    Loading.save_tables = timed_save  # type: ignore[method-assign]
    argv = ["open", str(folder), "--store", str(store), "--jobs", "1"]
    argv += ["--read-only"] if read_only else []
    loader = cli._dashboard_loader(cli._parser().parse_args(argv))  # what `newsdash` runs
    app = NewsdashApp(
        path=folder, theme="newsdash", loader=loader, store=store, read_only=read_only,
        load_user_keymap=False, restore=False, remember=False,
    )  # fmt: skip
    out: dict[str, float] = {}
    async with app.run_test(size=(160, 48)) as pilot:
        while True:
            await pilot.pause(0.05)
            if app.view is not None and not app.previewing and not app.status_text:
                await app.workers.wait_for_complete()
                await pilot.pause()
                if not (
                    app.query_one(PeoplePane).visible_people()
                    and app.query_one(TimelinePane).row_keys()
                    and app.query_one(FiguresPane).row_keys()
                ):
                    continue
                out["every pane filled (s from start)"] = time.perf_counter() - STARTED
                out["resident memory (MB)"] = rss_mb()
                out["tables opened"] = float(TimelineSource.of(app.view).table().indexed)
                lean = isinstance(app.view.corpus, LeanCorpus)
                out["texts read from their file"] = float(lean)
                assert FigureSource.of(app.view).table().indexed is bool(out["tables opened"])
                break
        pane = app.query_one(TimelinePane)
        source = TimelineSource.of(app.view)
        await pilot.press("2")
        for needle in SEARCHES:
            expected = source.query(None, None, needle).count()
            want = f"Timeline ({expected}/" if expected else ""
            started = time.perf_counter()  # Pilot's presses wait for each key's handling
            await pilot.press("slash")
            for key in needle:  # as a person types: a key every TYPING_S
                await pilot.press(key)
                await asyncio.sleep(TYPING_S)
            await pilot.press("enter")
            while time.perf_counter() - started < 60:
                await pilot.pause(0.005)
                if pane.border_subtitle == "searching…":
                    continue
                title, subtitle = str(pane.border_title), str(pane.border_subtitle)
                if (want and title.startswith(want)) or (
                    not want and subtitle == "nothing matches the filter"
                ):
                    break
            out[f"search {needle!r}: typed → rows shown (ms)"] = (
                time.perf_counter() - started
            ) * 1000
            await pilot.press("escape")
            await pilot.pause(0.2)
    if not read_only:
        for thread in threading.enumerate():
            if thread.name == "save-tables":
                thread.join()
        out["tables saved (s from start)"], out["saving: CPU of its thread (s)"] = saved
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=100_000)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--child", nargs=3, metavar=("WAY", "FOLDER", "STORE"))
    args = parser.parse_args()
    if args.child:
        way, folder, store = args.child
        out = asyncio.run(session(Path(folder), Path(store), read_only=way != "save"))
        print(json.dumps(out))
        return
    with tempfile.TemporaryDirectory(prefix="newsdash-warm-open-") as tmp:
        work = args.workdir or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        run(args, work)


def run(args: argparse.Namespace, work: Path) -> None:
    sys.path.insert(0, str(HERE))
    from first_look import build
    from saved_tables import print_paired

    from tui.first_look import saved_head
    from tui.store import Store

    folder, store = work / "folder", work / "store.sqlite"
    with Store(store) as kept:
        stale = not folder.exists() or saved_head(folder, kept) is None
    if stale:
        build(argparse.Namespace(files=args.files, articles=args.articles), folder, store)
    tables = store.with_name(store.name + ".tables")
    shutil.rmtree(tables, ignore_errors=True)

    def child(way: str) -> dict[str, float]:
        command = [sys.executable, __file__, "--child", way, str(folder), str(store)]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(done.stderr[-3000:])
        return dict(json.loads(done.stdout.strip().splitlines()[-1]))

    print("a writable session (makes the tables, then saves them):", child("save"))
    aside = work / "tables-aside"
    (texts,) = tables.glob("*-texts.sqlite")
    texts_aside = work / "texts-aside"
    ways = ("made", "texts in memory", "opened")
    results: dict[str, list[dict[str, float]]] = {way: [] for way in ways}
    for round_ in range(args.rounds):
        for way in ways if round_ % 2 == 0 else ways[::-1]:
            moved = {"made": (tables, aside), "texts in memory": (texts, texts_aside)}.get(way)
            if moved is not None:
                moved[0].rename(moved[1])
            try:
                results[way].append(child(way))
            finally:
                if moved is not None:
                    moved[1].rename(moved[0])
    print_paired(results, args.rounds)


if __name__ == "__main__":
    main()
