"""Two versions of the dashboard side by side on issue 20's screens (prints figures; not a test).

    python benchmarks/bench_pages_ab.py --old /path/to/other/checkout/src [--new src]
        [--articles 10000] [--rounds 3] [--repeat 4] [--all | --new-only | --slow-keys]
        [--loaded]

Runs ``bench_dashboard.py --pages`` (this checkout's bench; with ``--all`` every action it
times, with ``--new-only`` its ``--new-only`` keys, with ``--slow-keys`` issue 21's keys left
over the budget) in a fresh process per round,
alternating the code under test — ``PYTHONPATH`` pointing at ``--old``, then at ``--new`` —
so both meet the same load on a shared machine, and prints each action's median and p95
over every round for both, side by side. ``--loaded`` is handed to the bench (the app
started as ``newsdash PATH`` starts it, through the load worker).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).with_name("bench_dashboard.py")


def run(
    src: str,
    articles: int,
    repeat: int,
    every: bool = False,
    new_only: bool = False,
    loaded: bool = False,
    slow: bool = False,
) -> dict[str, list[float]]:
    with tempfile.TemporaryDirectory(prefix="newsdash-ab-") as tmp:
        out = Path(tmp) / "samples.json"
        env = {**os.environ, "PYTHONPATH": str(Path(src).resolve())}
        command = [sys.executable, str(BENCH), "--articles", str(articles)]
        command += ["--repeat", str(repeat), "--json", str(out)]
        command += (
            []
            if every
            else ["--new-only"]
            if new_only
            else ["--slow-keys"]
            if slow
            else ["--pages"]
        )
        command += ["--loaded"] if loaded else []
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
        samples: dict[str, list[float]] = json.loads(out.read_text())
        return samples


def summary(values: list[float]) -> str:
    if not values:
        return "—"
    values = sorted(values)
    p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
    return f"{statistics.median(values):7.0f} / {p95:5.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", required=True, help="the src folder of the code before")
    parser.add_argument("--new", default="src", help="the src folder of the code after")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=4, help="presses per round")
    parser.add_argument("--all", action="store_true", help="every action, not only the pages")
    parser.add_argument(
        "--new-only", action="store_true", help="issue 20's keys (F, C, pickers) instead"
    )
    parser.add_argument(
        "--slow-keys", action="store_true", help="issue 21's keys left over the budget"
    )
    parser.add_argument(
        "--loaded", action="store_true", help="start the app through the load worker"
    )
    args = parser.parse_args()
    merged: dict[str, dict[str, list[float]]] = {"old": {}, "new": {}}
    for r in range(args.rounds):
        for side, src in (("old", args.old), ("new", args.new)):
            print(f"round {r + 1}/{args.rounds}: {side} ({src})", file=sys.stderr, flush=True)
            samples = run(
                src,
                args.articles,
                args.repeat,
                args.all,
                args.new_only,
                args.loaded,
                args.slow_keys,
            )
            for label, values in samples.items():
                merged[side].setdefault(label, []).extend(values)
    labels = list(dict.fromkeys([*merged["old"], *merged["new"]]))
    print(f"\n{args.articles} articles, median / p95 in ms over {args.rounds} alternating rounds")
    print(f"{'action':40} {'before':>15} {'after':>15}  n")
    for label in labels:
        old, new = merged["old"].get(label, []), merged["new"].get(label, [])
        print(f"{label:40} {summary(old):>15} {summary(new):>15}  {len(new)}")


if __name__ == "__main__":
    main()
