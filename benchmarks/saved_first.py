"""The dashboard opened on a folder a previous session saved (its tables and texts beside
the store), unchanged or changed since: when is the whole corpus on screen, when the current
one (prints figures; not a test).

    PYTHONPATH=src python benchmarks/saved_first.py FOLDER STORE [--change 0.01]
        [--rounds 2] [--jobs 2]

``FOLDER`` must have been indexed into ``STORE`` (``newsdash index FOLDER --store STORE``
saves the dashboard's files too). Each session runs ``--read-only`` (so none writes the
store, and every round sees the same store) in a fresh process, as ``newsdash FOLDER
--store STORE --read-only`` does, and records, in seconds from its start: the first view
shown (the saved head, or the whole saved corpus), the first view holding every article the
saved corpus holds (``whole corpus shown``), and the current corpus shown (the load done:
the saved one when nothing changed, else the folder linked again); then its peak and final
resident memory. With ``--change F``, F of the files get one sentence appended first (put
back afterwards): read-only sessions extract them in memory and link the folder again.
Sessions alternate between ``before`` (``tui.first_look.saved_corpus`` answering None: the
dashboard as it was, the saved head shown, then the folder's load) and ``now``; both read
the same store (the linking code is the same, so its saved corpus serves both).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from array import array
from pathlib import Path

STARTED = time.perf_counter()
PROBES = 150_000
"""The event loop's waits recorded (one every 20 ms: 50 minutes of a session)."""
APPENDED = "\n\nThe ministry said on Tuesday that talks would resume next week.\n"


def peak_mb() -> tuple[float, float]:
    """(peak, current) resident memory of this process in MB."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    return int(fields["VmHWM"].split()[0]) / 1024, int(fields["VmRSS"].split()[0]) / 1024


async def session(folder: Path, store: Path, jobs: int, way: str) -> dict[str, float]:
    from tui import cli, first_look
    from tui.app import NewsdashApp
    from tui.app.loading import Loading
    from tui.app.view import CorpusView

    marks: dict[str, float] = {}
    saved_articles: list[int] = []
    previewed, loaded = Loading.previewed, Loading.loaded

    def seen(view: CorpusView, what: str) -> None:
        now = time.perf_counter() - STARTED
        marks.setdefault("first view shown", now)
        if len(view.corpus.articles) >= saved_articles[0]:
            marks.setdefault("whole corpus shown", now)
        if what == "loaded":
            marks["current corpus shown"] = now
            marks["articles now"] = len(view.corpus.articles)

    def on_preview(
        self: Loading, view: CorpusView, total: int, painted: threading.Event | None = None
    ) -> None:
        previewed(self, view, total, painted)
        seen(view, "preview")

    def on_loaded(self: Loading, view: CorpusView, warnings: list[str]) -> None:
        loaded(self, view, warnings)
        seen(view, "loaded")

    from tui.store import Store

    with Store(store, read_only=True) as opened:
        found = opened.saved_head(str(folder.resolve()))
    assert found is not None, "the folder has no corpus saved in the store"
    saved_articles.append(found[1])
    if way == "before":
        first_look.saved_corpus = lambda *args, **kwargs: None
    failed = Loading.show_input_error
    errors: list[str] = []

    def on_error(self: Loading, message: str) -> None:
        failed(self, message)
        errors.append(message)

    Loading.show_input_error = on_error  # type: ignore[method-assign]
    Loading.previewed = on_preview  # type: ignore[method-assign]
    Loading.loaded = on_loaded  # type: ignore[method-assign]
    if jobs > 1:  # as `newsdash` does before the dashboard takes the terminal's streams
        from multiprocessing import resource_tracker

        resource_tracker.ensure_running()
    argv = ["open", str(folder), "--store", str(store), "--jobs", str(jobs), "--read-only"]
    loader = cli._dashboard_loader(cli._parser().parse_args(argv))  # what `newsdash` runs
    app = NewsdashApp(
        path=folder, theme="newsdash", loader=loader, store=store, read_only=True,
        load_user_keymap=False, restore=False, remember=False,
    )  # fmt: skip
    from tui.app.panes.figures import FiguresPane
    from tui.app.panes.people import PeoplePane
    from tui.app.panes.timeline import TimelinePane

    # Each probe's (asked at, wait) is written into arrays made once, not appended to a
    # list as a tuple of two floats: those small objects, made every 20 ms while the
    # corpus was read and indexed, landed among the index's short-lived ones and kept
    # about 190 MB of the allocator's arenas resident at 100,000 articles once those were
    # let go (the memory measured was the probe's, not the dashboard's).
    asked_at, waited = array("d", bytes(8 * PROBES)), array("d", bytes(8 * PROBES))
    probed = [0]
    stop = threading.Event()

    def probe() -> None:
        """How long the event loop takes to run a callback (what a key waits), every 20 ms."""
        while not stop.wait(0.02):
            asked = time.perf_counter()
            try:
                app.call_from_thread(lambda: None)
            except RuntimeError:
                return
            n = probed[0]
            if n < PROBES:
                asked_at[n], waited[n] = asked - STARTED, time.perf_counter() - asked
                probed[0] = n + 1

    async with app.run_test(size=(160, 48)) as pilot:
        prober = threading.Thread(target=probe, daemon=True)
        prober.start()
        while "current corpus shown" not in marks:
            await pilot.pause(0.05)
            if errors:
                raise SystemExit(f"the load failed: {errors[0]}")
        while True:
            await app.workers.wait_for_complete()
            await pilot.pause(0.05)
            timeline, figures = app.query_one(TimelinePane), app.query_one(FiguresPane)
            if (
                app.query_one(PeoplePane).visible_people()
                and timeline.row_keys()
                and figures.row_keys()
                and not timeline.filling
                and not figures.filling  # not the rows of the view before, still shown
            ):
                break
        marks["every pane filled"] = time.perf_counter() - STARTED
        stop.set()
        prober.join()
    waits = list(zip(asked_at[: probed[0]], waited[: probed[0]], strict=True))
    shown_at = marks["whole corpus shown"]
    after = [(wait, at) for at, wait in waits if at >= shown_at]
    longest, when = max(after, default=(0.0, 0.0))
    marks["longest wait of the event loop, whole shown → filled (s)"] = longest
    marks["… asked at (s from start)"] = when
    marks["longest wait of the event loop, first view → filled (s)"], marks["… at"] = max(
        ((wait, at) for at, wait in waits if at >= marks["first view shown"]), default=(0.0, 0.0)
    )
    marks["peak memory (MB)"], marks["memory at the end (MB)"] = peak_mb()
    marks["saved articles"] = saved_articles[0]
    return marks


def changed_files(folder: Path, fraction: float) -> list[Path]:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix == ".txt")
    step = max(1, round(1 / fraction)) if fraction > 0 else 0
    return files[::step] if step else []


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("store", type=Path)
    parser.add_argument("--change", type=float, default=0.0)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--child", choices=("before", "now"))
    args = parser.parse_args()
    if args.child:
        out = asyncio.run(session(args.folder, args.store, args.jobs, args.child))
        print(json.dumps(out))
        return
    ways = ("before", "now")
    changed = changed_files(args.folder, args.change)
    kept = {p: p.read_bytes() for p in changed}
    stats = {p: os.stat(p) for p in changed}
    results: dict[str, list[dict[str, float]]] = {way: [] for way in ways}
    try:
        for path in changed:
            with path.open("a", encoding="utf-8") as appended:
                appended.write(APPENDED)
        for round_ in range(args.rounds):
            for name in ways if round_ % 2 == 0 else ways[::-1]:
                command = [sys.executable, __file__, str(args.folder), str(args.store),
                           "--jobs", str(args.jobs), "--child", name]  # fmt: skip
                load = os.getloadavg()[0]
                done = subprocess.run(command, capture_output=True, text=True)
                if done.returncode:
                    raise SystemExit(done.stderr[-3000:])
                out = dict(json.loads(done.stdout.strip().splitlines()[-1]))
                out["load average"] = load
                results[name].append(out)
                print(name, json.dumps(out), flush=True)
    finally:
        for path, data in kept.items():  # the files as they were, times included
            path.write_bytes(data)
            os.utime(path, ns=(stats[path].st_atime_ns, stats[path].st_mtime_ns))
    print(f"{len(changed)} files changed; medians of {args.rounds} rounds:")
    for key in results[next(iter(results))][0]:
        line = "  ".join(
            f"{name} {statistics.median(r[key] for r in runs):10.2f}"
            for name, runs in results.items()
        )
        print(f"  {key:<28} {line}")


if __name__ == "__main__":
    main()
