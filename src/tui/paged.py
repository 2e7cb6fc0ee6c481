"""The Timeline's rows as an SQLite table, read a window at a time (no Textual).

Issue 21's "the store is the corpus": a pane asks SQLite for what it shows — the rows on
screen, their count, the months of its histogram, the rows a filter or a search leaves —
instead of walking every record held in memory on each key. :class:`TimelineTable` holds
the Timeline's events in its order (``pos``), with what its filters and search read: the
people of each event, its article, the days its date covers and their month, its group and
the independent source of its group, and the casefolded text a search looks in. A
:class:`TimelineQuery` is one filtered list: its count, a row's place, a window by index
(by keyset from the nearest window already read, so scrolling never counts from the top),
the sizes of the groups on screen and the months.

A search scans the casefolded texts (``instr``: exactly ``needle in haystack``, the needle
casefolded by Python too): ~0.1 s for 70,000 events. An FTS5 trigram index answers in
milliseconds (``benchmarks/paged_rows.py``) but takes seconds to make: it belongs with the
table when the table is saved with the corpus, the next step.

The table is made from rows given in the Timeline's order (:meth:`TimelineTable.build`),
in a private in-memory database: nothing is written to disk. One connection, used by the
event loop and the pane's workers in turn (a lock around every statement).
"""

from __future__ import annotations

import bisect
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import NamedTuple

BLOCK = 64
"""Rows read per window: a screen's worth and a half."""

BLOCKS_KEPT = 64
"""Windows a query keeps read (4,096 rows' ids)."""

SEPARATOR = "\x1f"
"""Between the fields of a search text: a character no typed search contains."""

_SCHEMA = """
CREATE TABLE events (
    pos INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    article TEXT NOT NULL,
    grp TEXT,
    source TEXT NOT NULL,
    first_day INTEGER,
    last_day INTEGER,
    month INTEGER,
    label_width INTEGER NOT NULL,
    outlet_width INTEGER NOT NULL,
    haystack TEXT NOT NULL
);
CREATE INDEX events_id ON events (id);
CREATE INDEX events_grp ON events (grp, pos) WHERE grp IS NOT NULL;
CREATE TABLE event_people (
    person TEXT NOT NULL, pos INTEGER NOT NULL, PRIMARY KEY (person, pos)
) WITHOUT ROWID;
"""


class TimelineRow(NamedTuple):
    """One event as the Timeline's table keeps it (given in the Timeline's order)."""

    event_id: str
    article_id: str
    group: str | None
    source: str
    """The independent source of the event (copies of one story are one source)."""
    days: tuple[int, int] | None
    """The first and last day its date covers (proleptic ordinals), None if unknown."""
    month: int | None
    """``year * 12 + month - 1`` of a date of at most a month (the histogram's), else None."""
    people: Sequence[str]
    label_width: int
    """The cells of its date label, unshortened (the Date column's width is read off it)."""
    outlet_width: int
    haystack: str
    """What a search looks in, casefolded, fields joined by :data:`SEPARATOR`."""


@dataclass(frozen=True)
class Filters:
    """What a Timeline query keeps: a person's events, an article filter's, a search's
    (casefolded) or a range of days'."""

    person: str | None = None
    articles: frozenset[str] | None = None
    needle: str = ""
    days: tuple[int, int] | None = None


class TimelineTable:
    """The Timeline's events, in its order, in an in-memory SQLite database."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        self._lock = threading.RLock()
        self._filters: dict[frozenset[str], str] = {}
        self.total = self._one("SELECT COUNT(*) FROM events")

    @classmethod
    def build(cls, rows: Iterable[TimelineRow]) -> TimelineTable:
        db = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
        db.executescript(_SCHEMA)
        with _transaction(db):
            people: list[tuple[str, int]] = []
            values = []
            for pos, row in enumerate(rows):
                first, last = row.days if row.days is not None else (None, None)
                values.append(
                    (pos, row.event_id, row.article_id, row.group, row.source, first, last,
                     row.month, row.label_width, row.outlet_width, row.haystack)
                )  # fmt: skip
                people.extend((person, pos) for person in row.people)
            db.executemany("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?)", values)
            db.executemany("INSERT OR IGNORE INTO event_people VALUES (?, ?)", people)
        return cls(db)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def locked(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            yield self._db

    def _one(self, sql: str, params: Sequence[object] = ()) -> int:
        with self._lock:
            row = self._db.execute(sql, params).fetchone()
        return int(row[0] or 0) if row is not None else 0

    def query(self, filters: Filters) -> TimelineQuery:
        """The events ``filters`` keep, in the Timeline's order."""
        # A person's events are read from their links, in order: SQLite is told to start
        # there (CROSS JOIN), not to walk every event and look each up.
        source = "events e"
        order = "e.pos"
        where: list[str] = []
        params: list[object] = []
        if filters.person is not None:
            source = "event_people p CROSS JOIN events e ON e.pos = p.pos"
            order = "p.pos"
            where.append("p.person = ?")
            params.append(filters.person)
        if filters.articles is not None:
            name = self._article_table(filters.articles)
            where.append(f"e.article IN (SELECT article FROM temp.{name})")
        if filters.days is not None:
            where.append("e.first_day >= ? AND e.last_day <= ?")
            params.extend(filters.days)
        if filters.needle:
            where.append("instr(e.haystack, ?) > 0")
            params.append(filters.needle)
        # The same list asked of one event at a time (by group: the group's index first).
        member, member_params = list(where), list(params)
        if filters.person is not None:
            member[0] = "EXISTS (SELECT 1 FROM event_people p WHERE p.person = ? AND p.pos = e.pos)"
        return TimelineQuery(self, source, order, where, params, member, member_params)

    def position(self, event_id: str) -> int | None:
        """The event's place in the unfiltered Timeline (None if it has none)."""
        with self._lock:
            row = self._db.execute("SELECT pos FROM events WHERE id = ?", (event_id,)).fetchone()
        return None if row is None else int(row[0])

    def _article_table(self, articles: frozenset[str]) -> str:
        with self._lock:
            name = self._filters.get(articles)
            if name is None:
                name = f"articles_{len(self._filters)}"
                self._db.execute(
                    f"CREATE TEMP TABLE {name} (article TEXT PRIMARY KEY) WITHOUT ROWID"
                )
                with _transaction(self._db):
                    self._db.executemany(
                        f"INSERT INTO temp.{name} VALUES (?)", ((a,) for a in articles)
                    )
                self._filters[articles] = name
            return name


@contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    db.execute("BEGIN")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


@dataclass(eq=False)
class TimelineQuery:
    """One filtered list of the Timeline, read by windows of :data:`BLOCK` rows.

    Each window read leaves an anchor (its last row's ``pos``), and the next window is
    read from the nearest anchor before it (``pos > anchor … LIMIT … OFFSET`` the rows
    between), or from the end when that is nearer: a scroll reads the next 64 rows by
    keyset, a jump to the last row reads the list backwards, never counting from the top.
    """

    table: TimelineTable
    source: str
    """What the rows are read from (the events, or a person's links joined to them)."""
    order: str
    """The column of the Timeline's order in ``source`` (``pos``)."""
    where: list[str]
    params: list[object]
    member: list[str]
    """``where`` as a test of one event (``e``), for lookups by another index."""
    member_params: list[object]
    _count: int | None = None
    _blocks: dict[int, list[tuple[int, str, str | None]]] = field(default_factory=dict)
    _anchors: dict[int, int] = field(default_factory=dict)
    """A block's number → the ``pos`` of its last row (every block read so far)."""
    _anchor_keys: list[int] = field(default_factory=list)

    def _sql(self, what: str, extra: Sequence[str] = (), tail: str = "") -> str:
        where = [*self.where, *extra]
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        return f"SELECT {what} FROM {self.source}{clause} {tail}"

    def count(self) -> int:
        if self._count is None:
            self._count = self.table._one(self._sql("COUNT(*)"), self.params)
        return self._count

    def months(self) -> dict[int, int]:
        """Events per month (only those dated to a month or finer)."""
        sql = self._sql("e.month, COUNT(*)", ["e.month IS NOT NULL"], "GROUP BY e.month")
        with self.table.locked() as db:
            return {int(m): int(n) for m, n in db.execute(sql, self.params)}

    def widest(self) -> tuple[int, int]:
        """The widest date label and outlet label of the list (unshortened)."""
        sql = self._sql("MAX(e.label_width), MAX(e.outlet_width)")
        with self.table.locked() as db:
            label, outlet = db.execute(sql, self.params).fetchone()
        return int(label or 0), int(outlet or 0)

    def groups(self, groups: Iterable[str]) -> dict[str, tuple[int, int]]:
        """Each group's events in the list and their independent sources."""
        wanted = sorted(set(groups))
        if not wanted:
            return {}
        marks = ",".join("?" * len(wanted))
        where = " AND ".join([f"e.grp IN ({marks})", *self.member])
        sql = (
            "SELECT e.grp, COUNT(*), COUNT(DISTINCT e.source) FROM events e "
            f"WHERE {where} GROUP BY e.grp"
        )
        with self.table.locked() as db:
            found = db.execute(sql, [*wanted, *self.member_params])
            return {g: (int(n), int(k)) for g, n, k in found}

    def index_of(self, event_id: str) -> int | None:
        """The event's index in the list (None when the filters leave it out)."""
        pos = self.table.position(event_id)
        if pos is None:
            return None
        if not self.table._one(self._sql("COUNT(*)", [f"{self.order} = ?"]), [*self.params, pos]):
            return None
        return self.table._one(self._sql("COUNT(*)", [f"{self.order} < ?"]), [*self.params, pos])

    def ids(self) -> list[str]:
        """Every event id of the list, in order (an export's or a bookmark's whole list)."""
        with self.table.locked() as db:
            return [
                i
                for (i,) in db.execute(
                    self._sql("e.id", tail=f"ORDER BY {self.order}"), self.params
                )
            ]

    def row(self, index: int) -> tuple[str, str | None, str | None]:
        """Row ``index``'s event id, group, and the group of the row before it."""
        block, offset = divmod(index, BLOCK)
        rows = self._block(block)
        _, event_id, group = rows[offset]
        if offset:
            before = rows[offset - 1][2]
        elif block:
            before = self._block(block - 1)[-1][2]
        else:
            before = None
        return event_id, group, before

    def block_groups(self, index: int) -> list[str]:
        """The groups of the window that holds row ``index``."""
        return [g for _, _, g in self._block(index // BLOCK) if g is not None]

    def _block(self, number: int) -> list[tuple[int, str, str | None]]:
        rows = self._blocks.get(number)
        if rows is not None:
            return rows
        count = self.count()
        if not 0 <= number * BLOCK < count:
            raise IndexError(number)
        pos = self.order
        what = f"{pos}, e.id, e.grp"
        at = bisect.bisect_left(self._anchor_keys, number) - 1
        after = self._anchor_keys[at] if at >= 0 else -1
        skip = (number - after - 1) * BLOCK
        from_end = count - (number + 1) * BLOCK  # rows after this block
        with self.table.locked() as db:
            if from_end >= 0 and from_end < skip:
                sql = self._sql(what, tail=f"ORDER BY {pos} DESC LIMIT {BLOCK} OFFSET ?")
                found = db.execute(sql, [*self.params, from_end]).fetchall()[::-1]
            elif from_end < 0 and count - number * BLOCK < skip:  # the last, short block
                sql = self._sql(what, tail=f"ORDER BY {pos} DESC LIMIT ?")
                found = db.execute(sql, [*self.params, count - number * BLOCK]).fetchall()[::-1]
            elif after >= 0:
                sql = self._sql(what, [f"{pos} > ?"], f"ORDER BY {pos} LIMIT {BLOCK} OFFSET ?")
                found = db.execute(sql, [*self.params, self._anchors[after], skip]).fetchall()
            else:
                sql = self._sql(what, tail=f"ORDER BY {pos} LIMIT {BLOCK} OFFSET ?")
                found = db.execute(sql, [*self.params, skip]).fetchall()
        rows = [(int(p), str(i), g) for p, i, g in found]
        if len(self._blocks) >= BLOCKS_KEPT:
            self._blocks.pop(next(iter(self._blocks)))
        self._blocks[number] = rows
        if rows and number not in self._anchors:
            self._anchors[number] = rows[-1][0]
            bisect.insort(self._anchor_keys, number)
        return rows
