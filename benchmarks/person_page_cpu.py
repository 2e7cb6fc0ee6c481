"""The CPU each section of the busiest person's page takes (prints figures; not a test).

    PYTHONPATH=src python benchmarks/person_page_cpu.py --workdir DIR [--pin-tables V]
        [--pin-linking V] [--only 1,4] [--profile]

Opens the store and folder of ``warm_open.py --workdir DIR`` read-only, as ``newsdash``
opens them (``bench_dashboard.stored_app``), until every pane is filled, then makes each
section of the person with the most mentions as the page's worker makes them
(``person_rows.sections``: the mentions first, noting the sentences the people seen with
the person read; ``gc_paused``) and prints each one's CPU seconds (``time.process_time``).
``--profile``: a cProfile of each section, by own time. Run old and new code alternating,
each in a fresh process (``PYTHONPATH`` pointing at an archived tree).

``--pin-tables`` / ``--pin-linking``: the versions the store's saved tables and linked
corpus were made with (``sqlite3 "file:TABLES?mode=ro&immutable=1" "select * from saved"``
gives the tables'), for a store made by other code than the one measured: neither the tables
nor the corpus depend on the page's code, and without a pin the session would re-extract.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import inspect
import pstats
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, required=True)
    parser.add_argument("--pin-tables")
    parser.add_argument("--pin-linking")
    parser.add_argument("--only", help="the sections to make, by number (0: Statements)")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    import tui.paged
    import tui.tiers

    if args.pin_linking:
        tui.tiers.linking_version = lambda: args.pin_linking  # type: ignore[assignment]
    if args.pin_tables:
        tui.paged.tables_version = lambda: args.pin_tables  # type: ignore[assignment]
    asyncio.run(measure(args))


async def measure(args: argparse.Namespace) -> None:
    from bench_dashboard import settle, stored_app

    from tui.app import person_rows
    from tui.gcpolicy import gc_paused

    started = time.perf_counter()
    app = stored_app(args.workdir)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        while app.view is None or app.previewing:
            await settle(pilot)
        view = app.view
        busiest = max(view.people, key=view.mention_count)
        opened = time.perf_counter() - started
        print(f"{busiest}: {view.mention_count(busiest)} mentions, open {opened:.1f} s")
        only = {int(n) for n in args.only.split(",")} if args.only else None
        noting = "noting" in inspect.signature(person_rows.section).parameters  # old code: no
        order = [1, 4, 0, 2, 3, 5, 6] if noting else list(range(len(person_rows.SECTIONS)))
        found = person_rows.Sentences(view)
        total = 0.0
        for n in order:
            if only is not None and n not in only:
                continue
            title = person_rows.SECTIONS[n][0]
            profile = cProfile.Profile() if args.profile else None
            cpu = time.process_time()
            if profile is not None:
                profile.enable()
            with gc_paused():
                made = (
                    person_rows.section(view, busiest, n, found, True)
                    if noting
                    else person_rows.section(view, busiest, n, found)
                )
            if profile is not None:
                profile.disable()
            cpu = time.process_time() - cpu
            total += cpu
            print(f"{title:12s} rows {len(made.rows):7d}  {cpu:6.2f} s CPU", flush=True)
            if profile is not None:
                pstats.Stats(profile).sort_stats("tottime").print_stats(18)
        print(f"total {total:.2f} s CPU")


if __name__ == "__main__":
    main()
