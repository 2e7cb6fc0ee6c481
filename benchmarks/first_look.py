"""The first look at a big folder from a warm store: how long until the dashboard has the
saved head to draw (prints figures; not a test).

    PYTHONPATH=src python benchmarks/first_look.py [--files 100000] [--articles 10000]
        [--rounds 5]

Writes ``--files`` small article files in a temporary folder and a store whose saved corpus
for it is ``bench_dashboard.synthetic(--articles)`` (its manifest the folder's, so the load
takes the warm path; the records need not be the files' for what is timed). Then, in one
process, alternating, it times until the head is handed to the dashboard:

- ``load_corpus``'s warm path (what the dashboard did before): the corrections read, the
  folder listed and every file ``stat``-ed, the saved corpus's row read (its manifest, head
  and whole corpus), compared, and the head unpacked;
- ``first_look.saved_head`` (what it does first now): the corrections read, the key, article
  count and head read from the store, and the head unpacked.

The page cache is warm (the files were just written): on a network file system, or with
files not in the cache, listing and ``stat``-ing cost far more. ``--paint``: also the
dashboard itself, from process start to its first frame with records in every pane
(``scale_bench.py``'s ``paint`` step against ``paint-listed``, fresh processes, alternating):
"frame" is the end of the screen refresh that drew it, "paint … idle" when the event loop
was next idle and a test harness saw it (the load worker shares the interpreter meanwhile).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


class Shown(Exception):
    """Raised by the preview: the head was handed over, the rest is not timed."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=100_000)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--paint",
        action="store_true",
        help="also the dashboard from process start to its first frame with records "
        "(scale_bench.py's paint step, each run a fresh process)",
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        help="keep the folder and the store here, and reuse them (the saved corpus is "
        "written again when the code it is keyed by changed); default: a temporary "
        "folder, removed at the end",
    )
    args = parser.parse_args()
    if args.workdir is not None:
        args.workdir.mkdir(parents=True, exist_ok=True)
        run(args, args.workdir)
    else:
        with tempfile.TemporaryDirectory(prefix="newsdash-first-look-") as tmp:
            run(args, Path(tmp))


def run(args: argparse.Namespace, tmp: Path) -> None:
    sys.path.insert(0, str(HERE))
    from tui import snapshot
    from tui.first_look import saved_head
    from tui.pipeline import load_corpus
    from tui.records.models import Corpus
    from tui.store import Store

    folder = Path(tmp) / "folder"
    with Store(tmp / "store.sqlite") as store:
        stale = not folder.exists() or saved_head(folder, store) is None
    if stale:  # a new work folder, or one whose saved corpus older code keyed
        build(args, folder, tmp / "store.sqlite")

    def before() -> int:
        def preview(part: Corpus, total: int) -> None:
            raise Shown(len(part.articles))

        with Store(Path(tmp) / "store.sqlite", read_only=True) as store:
            try:
                load_corpus(folder, lambda message: None, store=store, preview=preview)
            except Shown as shown:
                return int(shown.args[0])
        raise SystemExit("the warm path did not preview: the saved corpus did not match")

    def after() -> int:
        with Store(Path(tmp) / "store.sqlite", read_only=True) as store:
            head = saved_head(folder, store)
        if head is None:
            raise SystemExit("no saved head")
        return len(head[0].articles)

    times: dict[str, list[float]] = {"before": [], "after": []}
    for round_ in range(args.rounds):
        order = [("before", before), ("after", after)]
        for name, step in order if round_ % 2 == 0 else reversed(order):
            started = time.perf_counter()
            shown = step()
            times[name].append(time.perf_counter() - started)
            assert shown == snapshot.HEAD_ARTICLES
    if args.paint:
        for round_ in range(args.rounds):
            steps = [("paint before", "paint-listed"), ("paint after", "paint")]
            for name, step in steps if round_ % 2 == 0 else reversed(steps):
                command = [sys.executable, str(HERE / "scale_bench.py"), "--child", step]
                command += [str(folder), str(Path(tmp) / "store.sqlite"), "1"]
                result = subprocess.run(command, capture_output=True, text=True)
                if result.returncode:
                    raise SystemExit(result.stderr[-2000:])
                shown = json.loads(result.stdout.strip().splitlines()[-1])
                times.setdefault(name.replace("paint", "frame"), []).append(shown["first_frame_s"])
                times.setdefault(name + " idle", []).append(shown["first_paint_s"])
    for name, samples in times.items():
        print(
            f"{name:12s} median {statistics.median(samples) * 1000:7.0f} ms  "
            f"(runs: {', '.join(f'{s * 1000:.0f}' for s in samples)})"
        )


def build(args: argparse.Namespace, folder: Path, store_path: Path) -> None:
    """Write the folder's files and a store whose saved corpus has the folder's manifest."""
    from bench_dashboard import synthetic

    from tui import snapshot
    from tui.corrections import load_corrections
    from tui.ingest.files import list_files
    from tui.safetext import visible
    from tui.store import Store, linker_version

    for i in range(args.files if not folder.exists() else 0):
        sub = folder / f"d{i // 1000:03d}"
        if i % 1000 == 0:
            sub.mkdir(parents=True)
        (sub / f"a{i:06d}.txt").write_text(f"Report {i}\n\nA sentence of the report.\n")
    files = list_files(folder, lambda message: None, False)
    corpus = synthetic(args.articles)
    saved = snapshot.Snapshot(
        key=snapshot.key_of(linker_version(), repr(load_corrections(folder))),
        manifest=snapshot.manifest(f for f, _ in files),
        skipped=[],
        warnings=[],
        articles=len(corpus.articles),
        head=snapshot.pack(snapshot.head(corpus)),
        full=snapshot.pack(corpus),
    )
    del corpus
    print(
        f"{args.files:,} files; saved corpus of {saved.articles:,} articles: "
        f"full {len(saved.full) / 1e6:.0f} MB, head {len(saved.head) / 1e6:.1f} MB packed"
    )
    with Store(store_path) as store:
        store.put_snapshot(visible(str(folder.resolve())), saved)
    del saved


if __name__ == "__main__":
    main()
