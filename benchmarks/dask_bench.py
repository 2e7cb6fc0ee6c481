"""A local 2-process index against a Dask LocalCluster of 2 single-threaded workers.

    .venv/bin/python benchmarks/dask_bench.py FOLDER [--limit 200] [--rounds 3] [--workers 2]

Copies the first ``--limit`` ``.txt`` articles of FOLDER (sorted by name) to a temporary
folder (deleted afterwards: nothing of FOLDER is kept), then, per round and in alternating
order, times ``newsdash index`` into a new store as a whole process:

- **local**: ``--jobs W`` (the process pool: spawning the workers and loading the model in
  each is timed);
- **dask**: ``--dask ADDRESS`` on a LocalCluster of W worker processes of one thread each,
  started fresh for the round and *not* timed (a cluster is already running when one indexes
  on it); loading the model on its workers is timed, as it is locally.

Each run's store is exported to JSON (not timed) and the exports are compared byte for byte.
Prints each run, the median times, files/s and words/s of each mode, and the throughput
ratio dask / local (paired per round and of the medians). Needs the ``dask`` extra. Figures
are recorded in docs/performance.md and docs/distributed.md.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEWSDASH = [sys.executable, "-m", "tui"]


def index(folder: Path, store: Path, extra: list[str]) -> float:
    command = [*NEWSDASH, "index", str(folder), "--store", str(store), *extra]
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def export_digest(folder: Path, store: Path) -> str:
    out = store.with_suffix(".json")
    command = [*NEWSDASH, "export", str(folder), "--store", str(store), "-o", str(out)]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return hashlib.sha256(out.read_bytes()).hexdigest()[:16]


def run_dask(folder: Path, store: Path, workers: int) -> float:
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster:
        return index(folder, store, ["--dask", cluster.scheduler_address])


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    sources = sorted(args.folder.glob("*.txt"))[: args.limit]
    work = Path(tempfile.mkdtemp(prefix="newsdash-dask-bench-"))
    try:
        folder = work / "articles"
        folder.mkdir()
        for path in sources:
            shutil.copy(path, folder / path.name)
        words = sum(len(p.read_text(errors="replace").split()) for p in folder.iterdir())
        print(f"{len(sources)} articles, {words} words, {args.workers} workers")
        times: dict[str, list[float]] = {"local": [], "dask": []}
        digests: set[str] = set()
        for r in range(args.rounds):
            order = ["local", "dask"] if r % 2 == 0 else ["dask", "local"]
            for mode in order:
                store = work / f"{mode}{r}.sqlite"
                if mode == "local":
                    seconds = index(folder, store, ["--jobs", str(args.workers)])
                else:
                    seconds = run_dask(folder, store, args.workers)
                digest = export_digest(folder, store)
                digests.add(digest)
                times[mode].append(seconds)
                print(f"round {r + 1} {mode:5}: {seconds:6.2f} s  export {digest}", flush=True)
        for mode, values in times.items():
            median = statistics.median(values)
            print(
                f"{mode:5}: median {median:.2f} s  (min {min(values):.2f}, max {max(values):.2f})"
                f"  {len(sources) / median:.1f} files/s  {words / median:,.0f} words/s"
            )
        paired = [lo / da for lo, da in zip(times["local"], times["dask"], strict=True)]
        ratio = statistics.median(times["local"]) / statistics.median(times["dask"])
        print(
            f"throughput dask / local: {ratio:.3f} (medians); per round "
            + ", ".join(f"{p:.3f}" for p in paired)
        )
        print("identical output:", "yes" if len(digests) == 1 else f"NO ({len(digests)} digests)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
