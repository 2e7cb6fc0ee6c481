"""What writing the Timeline's rows with the saved corpus would cost (prints figures; not a
test): the next step of issue 21's panes paged from the store, whose tables are today made
in memory by the dashboard each time a corpus is opened.

    PYTHONPATH=src python benchmarks/paged_writes.py [--articles 10000] [--changed 0.01]
        [--db PATH]

In a file database in WAL mode, as the store is, it writes ``paged_rows.py``'s events
(7 an article, the same rows) as a save would, timing each part: the rows (their place in
the Timeline's order as a key with gaps, so a later write moves nothing else), the
event–person links, the indexes (with those a rewrite needs: a day's place, an event's
links), the counts per month, and an FTS5 trigram index of the search texts. Then it
rewrites the rows of ``--changed`` of the articles as an incremental re-link would — each
changed article's events deleted and written again, with new dates, at their new places in
the order — and times that, with the trigram index kept in step.
The CPU and wall seconds of each part are printed, with the file's size.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from paged_rows import Row, make_rows

GAP = 1 << 20
"""The distance between two neighbouring rows' keys when the table is written: a later
write places a row between two keys without moving any other."""

SCHEMA = """
CREATE TABLE events (
    key INTEGER PRIMARY KEY, id INTEGER NOT NULL, article INTEGER NOT NULL,
    day INTEGER NOT NULL, month INTEGER NOT NULL, grp INTEGER,
    label TEXT NOT NULL, outlet TEXT NOT NULL, haystack TEXT NOT NULL
);
CREATE TABLE event_people (
    person INTEGER NOT NULL, key INTEGER NOT NULL, PRIMARY KEY (person, key)
) WITHOUT ROWID;
"""

INDEXES = """
CREATE UNIQUE INDEX events_id ON events (id);
CREATE INDEX events_article ON events (article);
CREATE INDEX events_grp ON events (grp, key) WHERE grp IS NOT NULL;
CREATE INDEX events_day ON events (day, key);
CREATE INDEX event_people_key ON event_people (key);
"""

FTS = """
CREATE VIRTUAL TABLE events_fts USING fts5(
    haystack, content='events', content_rowid='key', tokenize='trigram case_sensitive 1'
);
INSERT INTO events_fts (events_fts) VALUES ('rebuild');
"""

MONTHS = """
CREATE TABLE months (month INTEGER PRIMARY KEY, n INTEGER NOT NULL);
INSERT INTO months SELECT month, COUNT(*) FROM events GROUP BY month;
"""


def stage(name: str, run: Callable[[], object], times: list[tuple[str, float, float]]) -> None:
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    times.append((name, time.perf_counter() - wall, time.process_time() - cpu))


def haystack(row: Row) -> str:
    return f"{row[5]}\x1f{row[6]}\x1f{row[7]}".casefold()


def write_all(db: sqlite3.Connection, rows: list[Row]) -> list[tuple[str, float, float]]:
    times: list[tuple[str, float, float]] = []
    db.executescript(SCHEMA)

    def events() -> None:
        with db:
            db.executemany(
                "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    ((i + 1) * GAP, r[0], r[1], r[2], r[3], r[4], r[5], r[6], haystack(r))
                    for i, r in enumerate(rows)
                ),
            )

    def links() -> None:
        with db:
            db.executemany(
                "INSERT OR IGNORE INTO event_people VALUES (?, ?)",
                ((p, (i + 1) * GAP) for i, r in enumerate(rows) for p in r[8]),
            )

    stage("rows", events, times)
    stage("event-person links", links, times)
    stage("indexes", lambda: db.executescript(f"BEGIN; {INDEXES} COMMIT;"), times)
    stage("counts per month", lambda: db.executescript(f"BEGIN; {MONTHS} COMMIT;"), times)
    stage("trigram index", lambda: db.executescript(f"BEGIN; {FTS} COMMIT;"), times)
    return times


def rewrite(db: sqlite3.Connection, changed: Iterable[int], seed: int) -> int:
    """Each changed article's events deleted and written again with new dates, at their new
    places (a key between the neighbours' keys); the trigram index and the month counts kept
    in step. Returns how many rows were written."""
    rng = random.Random(seed)
    written = 0
    with db:
        for article in changed:
            old = db.execute(
                "SELECT key, id, day, month, grp, label, outlet, haystack FROM events "
                "WHERE article = ?",
                (article,),
            ).fetchall()
            for key, event_id, _day, month, grp, label, outlet, text in old:
                db.execute(
                    "INSERT INTO events_fts (events_fts, rowid, haystack) VALUES ('delete', ?, ?)",
                    (key, text),
                )
                people = db.execute(
                    "DELETE FROM event_people WHERE key = ? RETURNING person", (key,)
                ).fetchall()
                db.execute("UPDATE months SET n = n - 1 WHERE month = ?", (month,))
                db.execute("DELETE FROM events WHERE key = ?", (key,))
                year, new_month, new_day = rng.randint(2019, 2025), rng.randint(1, 12), 1
                new_day = year * 10000 + new_month * 100 + rng.randint(1, 28)
                month = year * 100 + new_month
                # Its new place: after the last row of an earlier day, halfway to the next.
                last = db.execute(
                    "SELECT key FROM events WHERE day <= ? ORDER BY day DESC, key DESC LIMIT 1",
                    (new_day,),
                ).fetchone()
                before = last[0] if last else 0
                after = (
                    db.execute("SELECT MIN(key) FROM events WHERE key > ?", (before,)).fetchone()[0]
                    or before + 2 * GAP
                )
                new_key = (before + after) // 2
                if new_key in (before, after):
                    raise RuntimeError("no gap left: the table needs renumbering")
                db.execute(
                    "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (new_key, event_id, article, new_day, month, grp, label, outlet, text),
                )
                db.execute(
                    "INSERT INTO events_fts (rowid, haystack) VALUES (?, ?)", (new_key, text)
                )
                db.execute(
                    "INSERT INTO months VALUES (?, 1) ON CONFLICT (month) DO UPDATE SET n = n + 1",
                    (month,),
                )
                db.executemany(
                    "INSERT OR IGNORE INTO event_people VALUES (?, ?)",
                    ((person, new_key) for (person,) in people),
                )
                written += 1
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--changed", type=float, default=0.01)
    parser.add_argument("--db", type=Path, help="the file to write (default: a temporary one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsdash-paged-writes-") as tmp:
        path = args.db or Path(tmp) / "rows.sqlite"
        path.unlink(missing_ok=True)
        rows = make_rows(args.articles)
        db = sqlite3.connect(path, isolation_level=None)
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        db.isolation_level = "DEFERRED"  # ``with db`` transactions for the writes
        times = write_all(db, rows)
        rng = random.Random(3)
        changed = rng.sample(range(args.articles), max(1, int(args.articles * args.changed)))
        written: list[int] = []
        stage(
            f"rewrite {len(changed):,} changed articles' rows",
            lambda: written.append(rewrite(db, changed, 5)),
            times,
        )
        db.close()
        size = path.stat().st_size / 1e6
        print(f"{args.articles:,} articles, {len(rows):,} events; {size:.0f} MB on disk")
        for name, wall, cpu in times:
            print(f"{name:38s} wall {wall:7.2f} s   CPU {cpu:7.2f} s")
        print(f"(the rewrite wrote {written[0]:,} rows)")


if __name__ == "__main__":
    main()
