"""Panes paged from SQLite: what the queries a Timeline would make per key cost at 100,000
articles (prints figures; not a test). A feasibility measurement for issue 21's "the store is
the corpus": the dashboard would hold no records, only what is on screen, and ask SQLite for
each window of rows, each count and each filter.

    PYTHONPATH=src python benchmarks/paged_rows.py [--articles 100000] [--db PATH]

Writes (once, kept at ``--db``) a table of the Timeline's rows as a paged pane would read
them: 7 events an article, each with its position in the Timeline's order (``pos``, written
when the corpus is saved: the order is the date's, then the outlet's), its month, its
group, its people (a Zipf draw from 1,500 names, as ``bench_dashboard.synthetic``), its date
label, outlet and sentence (~150 characters), and an FTS5 trigram index over what a search
looks in (substring search, as the pane's ``needle in haystack``). Then it times, in this
process, with the page cache warm (the medians and 95th percentiles of 50 random cases):

- a window of 48 rows, unfiltered, by ``pos`` range and by ``LIMIT … OFFSET``;
- the busiest person's rows: count, a window, the month histogram;
- a search of 3 letters (a common and a rare substring): count and the first window;
- a date range (``from..to``): its bounds, count and a window;
- where a record is in a filtered list (``reveal``: a jump from another pane);
- and the resident memory of the process (no records held).
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

SCHEMA = """
CREATE TABLE events (
    id INTEGER PRIMARY KEY, article INTEGER NOT NULL, pos INTEGER NOT NULL,
    day INTEGER NOT NULL, month INTEGER NOT NULL, grp INTEGER,
    label TEXT NOT NULL, outlet TEXT NOT NULL, sentence TEXT NOT NULL
);
CREATE UNIQUE INDEX events_pos ON events (pos);
CREATE TABLE event_people (
    person INTEGER NOT NULL, pos INTEGER NOT NULL, PRIMARY KEY (person, pos)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE events_fts USING fts5(
    haystack, content='', tokenize='trigram'
);
"""

OUTLETS = [f"Outlet {c}{i}" for c in "ABCDEFGHJK" for i in range(12)]
VERBS = ["said", "announced", "reported", "warned", "confirmed", "denied", "told reporters"]
NOUNS = ["workers", "containers", "ministers", "voters", "refugees", "tonnes", "flights"]
PLACES = ["the capital", "the port", "the north", "the border", "parliament", "the region"]
WINDOW = 48


Row = tuple[int, int, int, int, int | None, str, str, str, list[int]]
"""An event: id, article, day, month, group, date label, outlet, sentence, people."""


def make_rows(articles: int, seed: int = 7) -> list[Row]:
    """7 events an article, in the Timeline's order (date, outlet, id)."""
    rng = random.Random(seed)
    weights = [1 / (rank + 1) ** 1.07 for rank in range(1500)]
    rows: list[Row] = []
    for a in range(articles):
        outlet = rng.choice(OUTLETS)
        for k in range(7):
            year, month, day = rng.randint(2019, 2025), rng.randint(1, 12), rng.randint(1, 28)
            people = sorted(set(rng.choices(range(1500), weights=weights, k=rng.randint(1, 3))))
            sentence = (
                f"Officials {rng.choice(VERBS)} on {day} {month:02d}/{year} that about "
                f"{rng.randint(100, 90000):,} {rng.choice(NOUNS)} gathered in "
                f"{rng.choice(PLACES)}, person {people[0]} said, as talks went on."
            )
            grp = rng.randrange(articles) if rng.random() < 0.3 else None
            rows.append(
                (a * 7 + k, a, year * 10000 + month * 100 + day, year * 100 + month, grp,
                 f"{day} {month:02d} {year}", outlet, sentence, people)
            )  # fmt: skip
    rows.sort(key=lambda r: (r[2], r[6], r[0]))  # the Timeline's order: date, outlet, id
    return rows


def build(db: sqlite3.Connection, articles: int, seed: int = 7) -> None:
    rows = make_rows(articles, seed)
    with db:
        db.executescript(SCHEMA)
        db.executemany(
            "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ((r[0], r[1], pos, r[2], r[3], r[4], r[5], r[6], r[7]) for pos, r in enumerate(rows)),
        )
        db.executemany(
            "INSERT INTO event_people VALUES (?, ?)",
            ((p, pos) for pos, r in enumerate(rows) for p in r[8]),
        )
        db.executemany(
            "INSERT INTO events_fts (rowid, haystack) VALUES (?, ?)",
            # Fields joined by a newline: FTS5 reads a text only up to a NUL.
            ((pos, f"{r[5]}\n{r[6]}\n{r[7]}".casefold()) for pos, r in enumerate(rows)),
        )
        db.execute("CREATE INDEX events_day ON events (day)")
        # Counts per month written with the rows: a histogram is then a read of a few rows.
        db.execute("CREATE TABLE months AS SELECT month, COUNT(*) AS n FROM events GROUP BY month")
        db.execute(
            "CREATE TABLE person_months AS SELECT p.person, e.month, COUNT(*) AS n "
            "FROM event_people p JOIN events e ON e.pos = p.pos GROUP BY p.person, e.month"
        )
        db.execute("CREATE INDEX person_months_person ON person_months (person)")
    db.execute("ANALYZE")


def timed(fn: Callable[[], object], runs: int = 50) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/newsdash-paged-rows.sqlite"))
    args = parser.parse_args()
    if not args.db.exists():
        started = time.perf_counter()
        with sqlite3.connect(args.db) as built:
            build(built, args.articles)
        print(f"built in {time.perf_counter() - started:.0f} s", flush=True)
        # Measured in a new process: building held every row in memory.
        os.execv(sys.executable, [sys.executable, *sys.argv])
    db = sqlite3.connect(args.db)
    total = db.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    print(
        f"{total:,} events, {db.execute('SELECT COUNT(*) FROM event_people').fetchone()[0]:,} "
        f"event-person links, {args.db.stat().st_size / 1e6:.0f} MB on disk"
    )
    rng = random.Random(1)
    cols = "pos, grp, label, outlet, sentence"
    ecols = ", ".join(f"e.{c.strip()}" for c in cols.split(","))
    busiest = db.execute(
        "SELECT person, COUNT(*) AS n FROM event_people GROUP BY person ORDER BY n DESC LIMIT 1"
    ).fetchone()
    common = "cap"  # in "the capital": about one row in six
    rare = "997 "  # a figure's digits: a few hundred rows
    results: list[tuple[str, tuple[float, float]]] = []

    def case(name: str, fn: Callable[[], object]) -> None:
        results.append((name, timed(fn)))

    case(
        "window by pos range (unfiltered)",
        lambda: db.execute(
            f"SELECT {cols} FROM events WHERE pos >= ? ORDER BY pos LIMIT {WINDOW}",
            (rng.randrange(total),),
        ).fetchall(),
    )
    case(
        "window by LIMIT/OFFSET (unfiltered)",
        lambda: db.execute(
            f"SELECT {cols} FROM events ORDER BY pos LIMIT {WINDOW} OFFSET ?",
            (rng.randrange(total),),
        ).fetchall(),
    )
    person = busiest[0]
    print(f"busiest person: {busiest[1]:,} events")
    case(
        "busiest person: count",
        lambda: db.execute(
            "SELECT COUNT(*) FROM event_people WHERE person = ?", (person,)
        ).fetchone(),
    )
    case(
        "busiest person: window at a random offset",
        lambda: db.execute(
            f"SELECT {ecols} FROM event_people p JOIN events e ON e.pos = p.pos "
            f"WHERE p.person = ? ORDER BY p.pos LIMIT {WINDOW} OFFSET ?",
            (person, rng.randrange(busiest[1])),
        ).fetchall(),
    )
    case(
        "busiest person: month histogram, counted",
        lambda: db.execute(
            "SELECT e.month, COUNT(*) FROM event_people p JOIN events e ON e.pos = p.pos "
            "WHERE p.person = ? GROUP BY e.month",
            (person,),
        ).fetchall(),
    )
    case(
        "busiest person: month histogram, from counts saved per person and month",
        lambda: db.execute(
            "SELECT month, n FROM person_months WHERE person = ?", (person,)
        ).fetchall(),
    )
    case(
        "busiest person: the next window, by the last row's pos (scrolling)",
        lambda: db.execute(
            f"SELECT {ecols} FROM event_people p JOIN events e ON e.pos = p.pos "
            f"WHERE p.person = ? AND p.pos > ? ORDER BY p.pos LIMIT {WINDOW}",
            (person, rng.randrange(total)),
        ).fetchall(),
    )
    case(
        "unfiltered month histogram, counted",
        lambda: db.execute("SELECT month, COUNT(*) FROM events GROUP BY month").fetchall(),
    )
    case(
        "unfiltered month histogram, from saved counts",
        lambda: db.execute("SELECT month, n FROM months").fetchall(),
    )
    for label, needle in (("common", common), ("rare", rare)):
        n = db.execute(
            "SELECT COUNT(*) FROM events_fts WHERE events_fts MATCH ?", (f'"{needle}"',)
        ).fetchone()[0]
        print(f"search {needle!r} ({label}): {n:,} rows")
        case(
            f"search {needle!r} ({label}, {n:,} rows): count",
            lambda needle=needle: db.execute(
                "SELECT COUNT(*) FROM events_fts WHERE events_fts MATCH ?", (f'"{needle}"',)
            ).fetchone(),
        )
        case(
            f"search {needle!r} ({label}): first window",
            lambda needle=needle: db.execute(
                f"SELECT {cols} FROM events WHERE pos IN (SELECT rowid FROM events_fts "
                f"WHERE events_fts MATCH ? ORDER BY rowid LIMIT {WINDOW})",
                (f'"{needle}"',),
            ).fetchall(),
        )
        case(
            f"search {needle!r} ({label}): scan with instr, count",
            lambda needle=needle: db.execute(
                "SELECT COUNT(*) FROM events WHERE instr(lower(sentence), ?) > 0", (needle,)
            ).fetchone(),
        )

    for label, needle in (("common", common), ("rare", rare)):
        case(
            f"search {needle!r} ({label}) within the busiest person's rows: count",
            lambda needle=needle: db.execute(
                "SELECT COUNT(*) FROM events_fts f JOIN event_people p "
                "ON p.person = ? AND p.pos = f.rowid WHERE events_fts MATCH ?",
                (person, f'"{needle}"'),
            ).fetchone(),
        )

    def date_range() -> tuple[int, int]:
        # The Timeline's order is the date's: a range is a slice of positions, found by
        # two index lookups; its count is their difference.
        low, high = 20220000 + rng.randint(1, 6) * 100, 20230000 + rng.randint(1, 6) * 100
        first = db.execute(
            "SELECT pos FROM events WHERE day >= ? ORDER BY day, pos LIMIT 1", (low,)
        ).fetchone()[0]
        last = db.execute(
            "SELECT pos FROM events WHERE day <= ? ORDER BY day DESC, pos DESC LIMIT 1", (high,)
        ).fetchone()[0]
        return first, last - first + 1

    case("date range (a year): bounds and count", date_range)
    case(
        "reveal: a record's place among the busiest person's",
        lambda: db.execute(
            "SELECT COUNT(*) FROM event_people WHERE person = ? AND pos < ?",
            (person, rng.randrange(total)),
        ).fetchone(),
    )
    width = max(len(name) for name, _ in results)
    for name, (median, p95) in results:
        print(f"{name:{width}s}  median {median:8.2f} ms   p95 {p95:8.2f} ms")
    status = Path("/proc/self/status").read_text().splitlines()
    peak = next((line.split()[1] for line in status if line.startswith("VmHWM:")), "0")
    print(f"peak RSS of this process (no records held): {int(peak) / 1024:.0f} MB")


if __name__ == "__main__":
    main()
