"""Re-open benchmark: a new process loading a folder after 1 % of its files changed.

    PYTHONPATH=src python benchmarks/reopen_bench.py CORPUS --store STORE [--against OLD_SRC]

CORPUS is a folder (``benchmarks/gen_corpus.py CORPUS 10000``), STORE a store that has it
indexed (``newsdash index CORPUS --store STORE``), left as it is: every run works on a copy.
What is measured is issue 21's re-open: a sentence appended to every hundredth file
(``--share``), their extraction done beforehand and not timed, then ``load_corpus`` in a
fresh process — files checked, cached extractions and derived rows read, linked, the
snapshot saved — with a ``LinkState`` (the ``Linker``, the dashboard's path) and without.
Printed: the CPU seconds of the whole child process (imports included), per stage, peak
RSS, and the SHA-256 of the JSON export.

``--against OLD_SRC`` (a ``src`` folder, e.g. from ``git archive main src``) runs that code
too, alternating with this one (old, new, new, old, ...: paired rounds), so a shared
machine's load weighs on both alike; the exports must hash the same. Each code gets its own
copy of the store, prepared as after a real edit: its rows relabelled to that code's
extractor and linker versions (computed from the source, so a commit changes them), a first
load of the unchanged folder (which saves what linking derives per article), then the edit
and the changed files' extraction. The changed files are restored at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

SENTENCE = "\nOfficials said talks would continue.\n"
STAGES = (
    # (module, attribute): CPU seconds inside each call (nested stages count in both)
    ("tui.loader", "load"),
    ("tui.store", "Store.get"),
    ("tui.store", "Store.rows"),
    ("tui.store", "Store.derived"),
    ("tui.store", "Store.put_derived"),
    ("tui.link.copies", "detect_copies"),
    ("tui.link.people", "link_people"),
    ("tui.link.comparisons", "attach_periods"),
    ("tui.link.events", "build_events"),
    ("tui.link.events", "group_events"),
    ("tui.link.comparisons", "compare_figures"),
    ("tui.link.comparisons.grouping", "group_figures"),
    ("tui.link.comparisons.judge", "judge_groups"),
    ("tui.link.sources", "Sources.__init__"),
    ("tui.pipeline", "link"),
    ("tui.link.incremental", "Linker.link"),
    ("tui.snapshot", "head"),
    ("tui.snapshot", "pack"),
    ("tui.store", "Store.put_snapshot"),
)


# ---------------------------------------------------------------- the child (one process)


def child(mode: str, corpus: Path, store_path: Path, out: Path) -> None:
    """Run in a fresh process under the code on ``sys.path``: ``prime`` (a load of the folder
    that saves derived rows and the snapshot), ``extract`` (the changed files' extraction),
    ``with`` / ``without`` (the measured load, with or without a ``LinkState``)."""
    import importlib
    import resource

    from tui.loader import load
    from tui.store import Store

    cpu: dict[str, float] = {}
    if mode in ("with", "without"):
        for module_name, attr in STAGES:
            _wrap(importlib.import_module(module_name), attr, cpu)

    def quiet(_message: str) -> None:
        return None

    from tui.export import to_json
    from tui.pipeline import LinkState, load_corpus

    digest = ""
    with Store(store_path) as store:
        if mode == "extract":
            load(corpus, quiet, store=store, jobs=2)
        else:
            state = LinkState() if mode == "with" else None
            corpus_ = load_corpus(corpus, quiet, store=store, state=state)
            if mode != "prime":
                import hashlib

                usage = resource.getrusage(resource.RUSAGE_SELF)
                total = usage.ru_utime + usage.ru_stime
                digest = hashlib.sha256(to_json(corpus_).encode()).hexdigest()
                cpu["whole process"] = total
                cpu["peak RSS (MB)"] = usage.ru_maxrss / 1024
    out.write_text(json.dumps({"cpu": cpu, "digest": digest}))


def _wrap(module: Any, attr: str, cpu: dict[str, float]) -> None:
    """Replace ``module.attr`` (``Class.method`` too), and every other module's reference to
    the same function, by a wrapper adding its CPU seconds to ``cpu[attr]``."""
    owner, _, name = attr.rpartition(".")
    holder = getattr(module, owner) if owner else module
    original = getattr(holder, name, None)
    if original is None:
        return
    depth = [0]

    def timed(*args: Any, **kwargs: Any) -> Any:
        if depth[0]:  # a recursive or nested call of the same stage counts once
            return original(*args, **kwargs)
        depth[0] += 1
        started = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            depth[0] -= 1
            cpu[attr] = cpu.get(attr, 0.0) + time.process_time() - started

    setattr(holder, name, timed)
    if owner:
        return
    for other in list(sys.modules.values()):
        if getattr(other, "__name__", "").startswith("tui") and getattr(other, name, None) is (
            original
        ):
            setattr(other, name, timed)


# ---------------------------------------------------------------- the parent


def versions(src: Path) -> tuple[str, str]:
    """The extractor and linker versions of the code under ``src``."""
    code = (
        "from tui.store import extractor_version, linker_version; "
        "print(extractor_version(), linker_version())"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=_env(src), check=True, capture_output=True, text=True
    ).stdout.split()
    return out[0], out[1]


def _env(src: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(src)}


def run_child(src: Path, mode: str, corpus: Path, store: Path) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        out = Path(f.name)
    try:
        subprocess.run(
            [sys.executable, __file__, "--child", mode, str(corpus), "--store", str(store),
             "--out", str(out)],
            env=_env(src),
            check=True,
        )  # fmt: skip
        result: dict[str, Any] = json.loads(out.read_text())
        return result
    finally:
        out.unlink(missing_ok=True)


def relabel(store: Path, extractor: str, linker: str) -> None:
    """The store's extraction and derived rows as if that code had written them (the same
    extraction code, other source hashes: a commit to ``src`` changes both versions)."""
    db = sqlite3.connect(store)
    with db:
        db.execute("UPDATE OR REPLACE docs SET version = ?", (extractor,))
        db.execute("UPDATE OR REPLACE derived SET version = ?", (linker,))
        db.execute("DELETE FROM snapshots")
    db.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--share", type=float, default=0.01)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--against", type=Path, help="another src folder, run alternating")
    ap.add_argument("--modes", default="with,without", help="with (a LinkState), without")
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "reopen-bench")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.corpus, args.store, args.out)
        return
    signal.signal(signal.SIGTERM, lambda _sig, _frame: sys.exit(1))
    here = Path(__file__).resolve().parent.parent / "src"
    trees = {"new": here}
    if args.against is not None:
        trees = {"old": args.against.resolve(), "new": here}
    args.work.mkdir(parents=True, exist_ok=True)
    files = sorted(args.corpus.rglob("*.txt"))
    changed = files[:: max(1, round(1 / args.share))]
    originals = {p: p.read_bytes() for p in changed}
    prepared: dict[str, Path] = {}
    try:
        for label, src in trees.items():
            prepared[label] = args.work / f"{label}.db"
            shutil.copyfile(args.store, prepared[label])
            relabel(prepared[label], *versions(src))
            run_child(src, "prime", args.corpus, prepared[label])
        for p, data in originals.items():
            p.write_bytes(data + SENTENCE.encode())
        for label, src in trees.items():
            run_child(src, "extract", args.corpus, prepared[label])
        results: dict[tuple[str, str], list[dict[str, Any]]] = {}
        order = list(trees)
        for r in range(args.rounds):
            for mode in args.modes.split(","):
                for label in order if r % 2 == 0 else order[::-1]:
                    work = args.work / "run.db"
                    shutil.copyfile(prepared[label], work)
                    load = os.getloadavg()[0]
                    got = run_child(trees[label], mode, args.corpus, work)
                    got["load"] = load
                    results.setdefault((label, mode), []).append(got)
                    print(
                        f"round {r + 1} {label} {mode}: {got['cpu']['whole process']:.2f} s CPU, "
                        f"load {load:.1f}, export {got['digest'][:12]}",
                        file=sys.stderr,
                    )
                    work.unlink()
    finally:
        for p, data in originals.items():
            p.write_bytes(data)
    report(results, trees, len(files), len(changed))


def report(
    results: dict[tuple[str, str], list[dict[str, Any]]],
    trees: dict[str, Path],
    n: int,
    changed: int,
) -> None:
    columns = list(results)
    names = [name for _, name in STAGES] + ["whole process", "peak RSS (MB)"]
    print(f"\n{n:,} articles, {changed} changed: CPU seconds, median (min–max) of the rounds\n")
    print("| stage | " + " | ".join(f"{label}, {mode} LinkState" for label, mode in columns) + " |")
    print("|---|" + "---|" * len(columns))
    for name in names:
        cells = []
        for key in columns:
            values = [r["cpu"][name] for r in results[key] if name in r["cpu"]]
            if not values:
                cells.append("–")
                continue
            med = statistics.median(values)
            cells.append(
                f"{med:.2f} ({min(values):.2f}–{max(values):.2f})" if len(values) > 1 else
                f"{med:.2f}"
            )  # fmt: skip
        if any(c != "–" for c in cells):
            print(f"| {name} | " + " | ".join(cells) + " |")
    loads = [r["load"] for rs in results.values() for r in rs]
    print(f"\nload average (1 min) at each run: {min(loads):.1f}–{max(loads):.1f}")
    digests = {r["digest"] for rs in results.values() for r in rs}
    verdict = "identical" if len(digests) == 1 else f"DIFFERENT ({len(digests)} digests)"
    print(f"exports of every run ({', '.join(trees)}; with and without LinkState): {verdict}")


if __name__ == "__main__":
    main()
