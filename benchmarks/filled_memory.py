"""The dashboard's memory once every pane is filled, on a folder indexed into a store, this
checkout's code against another's, side by side (prints figures; not a test).

    python benchmarks/filled_memory.py FOLDER STORE --against OTHER_SRC [--rounds 2]

``FOLDER`` must have been indexed into ``STORE`` (``newsdash index FOLDER --store STORE``
saves the dashboard's files too). Each round runs, for each code in turn (the order
alternating), a fresh ``--read-only`` session as ``benchmarks/saved_first.py`` runs one
(``now``): the whole saved corpus shown, the folder checked, every pane filled. It records
when every pane was filled, the longest wait of the event loop, the peak resident memory,
the memory at the end and the memory once the garbage is collected and what is free given
back to the system (what the session holds).

Both codes open the tables saved beside the store, whichever code saved them: a change to
the dashboard's code changes the version the tables are saved under (``tables_version``),
and the code whose version they do not carry would make them again in memory — measuring
that, not the panes. So each session takes the version stamped in the saved files as its
own (the tables' rows are the same when neither code changed what they hold: check with
``git diff OTHER -- src/tui/paged.py``).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import sqlite3
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"


def saved_version(store: Path) -> str:
    """The code version the saved Figures table of ``store`` is stamped with."""
    found = sorted(store.with_name(store.name + ".tables").glob("*-figures.sqlite"))
    if not found:
        raise SystemExit(f"{store}: no saved tables beside it (run newsdash index first)")
    db = sqlite3.connect(f"file:{found[0]}?mode=ro", uri=True)
    try:
        stamp = str(db.execute("SELECT stamp FROM saved").fetchone()[0])
    finally:
        db.close()
    return stamp.split(":", 1)[1]


def child(folder: Path, store: Path, src: Path) -> dict[str, float]:
    sys.path.insert(0, str(src))
    sys.path.insert(1, str(HERE))
    from saved_first import session

    import tui.paged

    version = saved_version(store)
    setattr(tui.paged, "tables_version", lambda: version)  # noqa: B010  (see the docstring)
    marks = asyncio.run(session(folder, store, 1, "now"))
    gc.collect()
    from tui.gcpolicy import release_free_memory

    release_free_memory()
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    marks["memory held, garbage collected (MB)"] = pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    return marks


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("store", type=Path)
    parser.add_argument("--against", type=Path, required=True, help="another checkout's src")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.folder, args.store, args.child)))
        return
    codes = {"other": args.against.resolve(), "this": SRC}
    results: dict[str, list[dict[str, float]]] = {name: [] for name in codes}
    for round_ in range(args.rounds):
        names = list(codes) if round_ % 2 == 0 else list(codes)[::-1]
        for name in names:
            command = [sys.executable, __file__, str(args.folder), str(args.store),
                       "--against", str(args.against), "--child", str(codes[name])]  # fmt: skip
            env = {**os.environ, "PYTHONPATH": str(codes[name])}
            done = subprocess.run(command, capture_output=True, text=True, env=env)
            if done.returncode:
                raise SystemExit(done.stderr[-3000:])
            out = dict(json.loads(done.stdout.strip().splitlines()[-1]))
            results[name].append(out)
            print(name, json.dumps(out), flush=True)
    print(f"medians of {args.rounds} rounds (other: {args.against}):")
    for key in results["this"][0]:
        other = statistics.median(r[key] for r in results["other"])
        this = statistics.median(r[key] for r in results["this"])
        print(f"  {key:60s} other {other:10.1f}  this {this:10.1f}")


if __name__ == "__main__":
    main()
