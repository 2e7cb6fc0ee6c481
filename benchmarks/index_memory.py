"""Peak memory of ``newsdash index`` on K copies of a folder whose extractions are cached
(prints figures; not a test).

    PYTHONPATH=src python benchmarks/index_memory.py CORPUS --store STORE [--copies 2,5]
        [--rounds 3] [--against OLD_SRC] [--stages]

CORPUS is a folder of articles (``benchmarks/gen_corpus.py CORPUS 10000``) and STORE a store
that has it indexed (``newsdash index CORPUS --store STORE``); neither is modified. For each
K, a folder of K hard-linked copies of CORPUS's files under other names is made in a
temporary folder: K × N articles whose extractions the store already has (a copied article
reuses its extraction), so what is measured is the rest of indexing — the cached
extractions read, K × N articles linked (each story in K copies: copy detection finds them),
the derived rows, link state and snapshot saved. Issue 21's target is a peak under 1.5 GB.

Each code (this ``src``; with ``--against``, another ``src`` folder too, e.g. from ``git
archive main src``) gets its own copy of STORE with its rows relabelled to that code's
extractor and linker versions (``reopen_bench.relabel``: a commit changes both), so the
extraction is never redone. Each run copies that store and runs ``python -m tui index``
under ``/usr/bin/time -v`` in a fresh process, old and new alternating (old, new, new, old,
…); printed per run and as medians: peak resident memory, CPU (user + system) and wall
seconds, and the SHA-256 of the JSON export read back from the saved snapshot (the same for
both codes, or the output changed).

``--stages``: instead, one run per code and K with the resident memory recorded at the start
and end of each stage of ``load_corpus`` (and the peak within it: ``/proc/self/clear_refs``
resets the high-water mark at each stage's start), to see what is alive when the peak comes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

STAGES = (
    ("tui.loader", "load"),
    ("tui.link.copies", "detect_copies"),
    ("tui.link.people", "link_people"),
    ("tui.link.events", "group_events"),
    ("tui.link.comparisons", "compare_figures"),
    ("tui.pipeline", "link"),
    ("tui.pipeline", "_save_derived"),
    ("tui.snapshot", "head"),
    ("tui.snapshot", "pack"),
    ("tui.store", "Store.put_snapshot"),
    ("tui.store", "Store.put_link_state"),
)


def copies(corpus: Path, k: int, work: Path) -> Path:
    """A folder of ``k`` hard-linked copies of ``corpus``'s files (``c00/…``, ``c01/…``),
    made once per ``k`` under ``work``."""
    folder = work / f"copies-{k}"
    done = folder / ".complete"
    if done.exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    files = sorted(p for p in corpus.rglob("*") if p.is_file())
    for c in range(k):
        for file in files:
            target = folder / f"c{c:02d}" / file.relative_to(corpus)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(file, target)
    done.touch()
    return folder


def _env(src: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(src)}


def prepare(store: Path, src: Path, into: Path) -> Path:
    """A copy of ``store`` relabelled as if the code under ``src`` had written it."""
    sys.path.insert(0, str(HERE))
    from reopen_bench import relabel, versions

    shutil.copyfile(store, into)
    relabel(into, *versions(src))
    return into


def run(src: Path, folder: Path, store: Path, stages: bool) -> dict[str, Any]:
    """One ``newsdash index`` of ``folder`` in a fresh process, on a copy of ``store``."""
    work = store.with_name("run.db")
    shutil.copyfile(store, work)
    try:
        load = os.getloadavg()[0]
        if stages:
            code = [sys.executable, __file__, "--child", str(folder), "--store", str(work)]
        else:
            code = [sys.executable, "-m", "tui", "index", str(folder), "--store", str(work)]
        done = subprocess.run(
            ["/usr/bin/time", "-v", *code, "--jobs", "2"],
            env=_env(src),
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise SystemExit(f"index failed:\n{done.stderr[-3000:]}")
        timing = done.stderr
        result: dict[str, Any] = {
            "load": load,
            "rss_mb": int(_field(timing, "Maximum resident set size (kbytes)")) / 1024,
            "cpu_s": float(_field(timing, "User time (seconds)"))
            + float(_field(timing, "System time (seconds)")),
            "wall_s": _wall(_field(timing, "Elapsed (wall clock) time (h:mm:ss or m:ss)")),
        }
        if stages:
            result["stages"] = json.loads(done.stdout.strip().splitlines()[-1])
        else:
            exported = subprocess.run(
                [sys.executable, "-m", "tui", "export", str(folder), "--store", str(work)],
                env=_env(src),
                capture_output=True,
                check=True,
            ).stdout
            result["digest"] = hashlib.sha256(exported).hexdigest()
        return result
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(str(work) + suffix).unlink(missing_ok=True)


def _field(text: str, name: str) -> str:
    match = re.search(re.escape(name) + r":\s*(\S+)", text)
    if match is None:
        raise SystemExit(f"no {name!r} in /usr/bin/time's output:\n{text[-2000:]}")
    return match.group(1)


def _wall(text: str) -> float:
    seconds = 0.0
    for part in text.split(":"):
        seconds = seconds * 60 + float(part)
    return seconds


# ---------------------------------------------------------------- --stages: the child


def child(folder: Path, store_path: Path, jobs: int) -> None:
    """``load_corpus`` as ``newsdash index`` runs it, with each stage's resident memory at
    its start and end and its peak (the high-water mark reset at its start); printed as one
    JSON line: ``[[stage, depth, start MB, end MB, peak MB], …]`` in the order they ended."""
    import importlib

    rows: list[list[Any]] = []
    depth = [0]
    for module_name, attr in STAGES:
        _wrap(importlib.import_module(module_name), attr, rows, depth)
    from tui.pipeline import load_corpus
    from tui.store import Store

    with Store(store_path) as store:
        load_corpus(folder, lambda _m: None, store=store, jobs=jobs)
    rows.append(["whole process", 0, 0.0, _status("VmRSS"), _status("VmHWM")])
    print(json.dumps(rows))


def _status(name: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(name + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def _wrap(module: Any, attr: str, rows: list[list[Any]], depth: list[int]) -> None:
    owner, _, name = attr.rpartition(".")
    holder = getattr(module, owner) if owner else module
    original = getattr(holder, name, None)
    if original is None:
        return

    def measured(*args: Any, **kwargs: Any) -> Any:
        start = _status("VmRSS")
        # The peak so far is kept in the parent's figure (/usr/bin/time); here each stage's.
        Path("/proc/self/clear_refs").write_text("5")
        depth[0] += 1
        try:
            return original(*args, **kwargs)
        finally:
            depth[0] -= 1
            rows.append([attr, depth[0], start, _status("VmRSS"), _status("VmHWM")])

    setattr(holder, name, measured)
    if owner:
        return
    for other in list(sys.modules.values()):
        if getattr(other, "__name__", "").startswith("tui") and getattr(other, name, None) is (
            original
        ):
            setattr(other, name, measured)


# ---------------------------------------------------------------- the parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--copies", default="2,5", help="K values, comma-separated")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--against", type=Path, help="another src folder, run alternating")
    ap.add_argument("--stages", action="store_true", help="resident memory per stage")
    ap.add_argument("--work", type=Path, default=None, help="where the copies are made")
    ap.add_argument("--jobs", type=int, default=2, help=argparse.SUPPRESS)
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.corpus, args.store, args.jobs)
        return
    here = HERE.parent / "src"
    trees = {"new": here}
    if args.against is not None:
        trees = {"old": args.against.resolve(), "new": here}
    work = args.work or Path(tempfile.mkdtemp(prefix="index-memory-"))
    work.mkdir(parents=True, exist_ok=True)
    prepared = {
        label: prepare(args.store, src, work / f"{label}.db") for label, src in trees.items()
    }
    n = sum(1 for p in args.corpus.rglob("*") if p.is_file())
    results: dict[tuple[int, str], list[dict[str, Any]]] = {}
    for k in (int(x) for x in args.copies.split(",")):
        folder = copies(args.corpus, k, work)
        order = list(trees)
        for r in range(1 if args.stages else args.rounds):
            for label in order if r % 2 == 0 else order[::-1]:
                got = run(trees[label], folder, prepared[label], args.stages)
                results.setdefault((k, label), []).append(got)
                print(
                    f"K={k} ({k * n:,} articles) {label}: peak {got['rss_mb']:,.0f} MB, "
                    f"CPU {got['cpu_s']:.1f} s, wall {got['wall_s']:.1f} s, "
                    f"load {got['load']:.1f}, export {got.get('digest', '')[:12]}",
                    file=sys.stderr,
                    flush=True,
                )
                for stage, depth, start, end, peak in got.get("stages", []):
                    print(
                        f"    {'  ' * depth}{stage:<24} start {start:7,.0f}  end {end:7,.0f}  "
                        f"peak {peak:7,.0f} MB",
                        file=sys.stderr,
                    )
    if not args.stages:
        report(results, n)


def report(results: dict[tuple[int, str], list[dict[str, Any]]], n: int) -> None:
    print("\n| articles | code | peak RSS, MB | CPU, s | wall, s | load | export |")
    print("|---|---|---|---|---|---|---|")
    for (k, label), runs in results.items():

        def med(key: str, runs: list[dict[str, Any]] = runs) -> str:
            values = [r[key] for r in runs]
            return f"{statistics.median(values):,.0f} ({min(values):,.0f}–{max(values):,.0f})"

        loads = [r["load"] for r in runs]
        digests = {r["digest"][:12] for r in runs}
        print(
            f"| {k * n:,} | {label} | {med('rss_mb')} | {med('cpu_s')} | {med('wall_s')} | "
            f"{min(loads):.1f}–{max(loads):.1f} | {', '.join(sorted(digests))} |"
        )
    by_k: dict[int, set[str]] = {}
    for (k, _), runs in results.items():
        by_k.setdefault(k, set()).update(r["digest"] for r in runs)
    same = all(len(d) == 1 for d in by_k.values())
    print(f"\nexports per K, every code and run: {'identical' if same else 'DIFFERENT'}")


if __name__ == "__main__":
    main()
