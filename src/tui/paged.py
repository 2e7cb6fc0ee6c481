"""The Timeline's and Figures' rows as SQLite tables, read a window at a time (no Textual).

Issue 21's "the store is the corpus": a pane asks SQLite for what it shows — the rows on
screen, their count, the months of its histogram, the rows a filter or a search leaves —
instead of walking every record held in memory on each key. A table holds one pane's
records in its order (``pos``) with what its filters and search read: the people each
record involves (``links``), its article, the casefolded text a search looks in, its
labels' widths; :class:`TimelineTable` adds each event's group and independent source and
the days and month of its date. A query (:class:`PagedQuery`) is one filtered list: its
count, a row's place, a window by index (by keyset from the nearest window already read,
so scrolling never counts from the top); the Timeline's also the sizes of the groups on
screen and the months, Figures' the widest labels.

A search scans the casefolded texts (``instr``: exactly ``needle in haystack``, the needle
casefolded by Python too): ~0.1 s for 70,000 events, ~1 s at 700,000. A table saved beside
the store (:meth:`PagedTable.save`, :class:`SavedTables`) carries an FTS5 trigram index of
those texts: a search of three characters or more is answered by it in milliseconds. The
index is case-sensitive, over the texts casefolded as a search is, so a phrase of the
search's trigrams matches exactly the rows a scan keeps. The command palette's entries are
saved and searched the same way (:class:`SavedSearch`), rather than held in memory.

A table is made from rows given in the pane's order (``build``), in a private in-memory
database, or opened from the file a previous session saved for the same corpus, read-only
(:meth:`PagedTable.saved`): a read-only session writes nothing. One connection per table,
used by the event loop and the pane's workers in turn (a lock around every statement).
"""

from __future__ import annotations

import bisect
import hashlib
import re
import sqlite3
import threading
import time
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, Self, TypeVar

from tui.records.models import Corpus
from tui.safetext import visible
from tui.snapshot import LeanCorpus, record_spans, spans_by_article
from tui.texts import SavedTexts, open_stamped, replaced_whole, save_texts
from tui.tiers import tables_version, texts_version

BLOCK = 64
"""Rows read per window: a screen's worth and a half."""

BLOCKS_KEPT = 64
"""Windows a query keeps read (4,096 rows' ids)."""

SETS_KEPT = 8
"""Temporary tables of ids a table keeps (article filters, figures under comparisons)."""

SEPARATOR = "\x1f"
"""Between the fields of a search text: a character no typed search contains."""

INDEXED_NEEDLE = 3
"""The shortest search (in characters, casefolded) a saved table's trigram index answers;
a shorter one scans."""

SAVED_FORMAT = 1
"""The layout of a saved table's file (its tables, columns and index): raised when it
changes, so a file of another layout is never read."""

_SEARCH = """
CREATE VIRTUAL TABLE search USING fts5(
    haystack, content='rows', content_rowid='pos', tokenize='trigram case_sensitive 1'
);
INSERT INTO search (search) VALUES ('rebuild');
CREATE TABLE saved (stamp TEXT NOT NULL, format INTEGER NOT NULL);
"""

_LINKS = """
CREATE TABLE links (person TEXT NOT NULL, pos INTEGER NOT NULL, PRIMARY KEY (person, pos))
WITHOUT ROWID;
CREATE INDEX rows_id ON rows (id);
"""

_TIMELINE = """
CREATE TABLE rows (
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
CREATE INDEX rows_grp ON rows (grp, pos) WHERE grp IS NOT NULL;
"""

_FIGURES = """
CREATE TABLE rows (
    pos INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    article TEXT NOT NULL,
    value_width INTEGER NOT NULL,
    measure_width INTEGER NOT NULL,
    outlet_width INTEGER NOT NULL,
    kind_width INTEGER NOT NULL,
    haystack TEXT NOT NULL
);
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


class FigureRow(NamedTuple):
    """One figure as Figures' table keeps it (given in the corpus's order)."""

    figure_id: str
    article_id: str
    people: Sequence[str]
    """The people the figure involves (those of its events and their sentences)."""
    value_width: int
    measure_width: int
    outlet_width: int
    kind_width: int
    """Its cells' widths, unshortened."""
    haystack: str


@dataclass(frozen=True)
class Filters:
    """What a query keeps: a person's records, an article filter's, a search's (casefolded);
    the Timeline's also a range of days, Figures' also all but some records (``hidden``:
    the figures already listed under a comparison)."""

    person: str | None = None
    articles: frozenset[str] | None = None
    needle: str = ""
    days: tuple[int, int] | None = None
    hidden: frozenset[str] | None = None


class PagedTable:
    """One pane's records, in its order, in an in-memory SQLite database (or a saved
    file)."""

    KIND = "table"
    """The pane's name, in its saved file's name."""

    def __init__(self, db: sqlite3.Connection, indexed: bool = False) -> None:
        self._db = db
        self.indexed = indexed
        """Opened from a saved file, with its trigram index (searches use it)."""
        self._lock = threading.RLock()
        self._sets: dict[tuple[str, frozenset[str]], str] = {}
        self._made = 0

    @classmethod
    def saved(cls, path: Path, stamp: str) -> Self | None:
        """The table saved at ``path`` for ``stamp`` (the corpus and the code that made
        it), opened read-only; None when there is none, or another's, or it is unreadable
        (the caller then builds the table)."""
        probes = (
            "PRAGMA temp_store = MEMORY",  # the filters' sets: never a temp file
            "SELECT pos FROM rows LIMIT 1",
            "SELECT rowid FROM search WHERE search MATCH '\"abc\"' LIMIT 1",
        )
        db = open_stamped(path, (stamp, SAVED_FORMAT), probes)
        return None if db is None else cls(db, indexed=True)

    def save(self, path: Path, stamp: str) -> None:
        """Write the table to ``path`` (private to the user: it holds the articles'
        sentences) with a trigram index of its search texts, stamped with ``stamp``. The
        file is written beside ``path`` and renamed over it, so a reader sees the old file
        or the new, never half of one; the folder is made private if it is new."""
        # The table's image is copied under the lock (a memory copy: the panes' queries wait
        # for it, not for the file's writing nor the index's making).
        with self._lock:
            image = self._db.serialize()
        with replaced_whole(path) as partial:
            partial.write_bytes(image)
            del image
            out = sqlite3.connect(partial, isolation_level=None)
            try:
                out.executescript(_SEARCH)
                out.execute("INSERT INTO saved VALUES (?, ?)", (stamp, SAVED_FORMAT))
            finally:
                out.close()

    def close(self) -> None:
        """Close the table's database (nothing reads the table after)."""
        with self._lock:
            self._db.close()

    @contextmanager
    def locked(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            yield self._db

    def position(self, record_id: str) -> int | None:
        """The record's place in the unfiltered list (None if it has none)."""
        with self._lock:
            row = self._db.execute("SELECT pos FROM rows WHERE id = ?", (record_id,)).fetchone()
        return None if row is None else int(row[0])

    def _where(self, filters: Filters) -> tuple[
        str, str, list[str], list[object], list[str], list[object],
        dict[str, tuple[str, frozenset[str]]],
    ]:  # fmt: skip
        """The source, order column, conditions and parameters of ``filters``, the
        conditions and parameters as a test of one row (``r``) for lookups by another
        index, and the sets of ids they name (``{articles}``, ``{hidden}``: temporary
        tables)."""
        # A person's records are read from their links, in order: SQLite is told to start
        # there (CROSS JOIN), not to walk every row and look each up. A search the saved
        # index answers is read from the index, in order (its rowid is the row's place) —
        # with a person, only when it matches fewer rows than the person has (else their
        # rows are scanned).
        source, order = "rows r", "r.pos"
        where: list[str] = []
        params: list[object] = []
        needle, person = filters.needle, filters.person
        member_first: tuple[str, object] | None = None
        phrase = fts_phrase(needle)
        indexed = bool(needle) and self.indexed and len(needle) >= INDEXED_NEEDLE
        if indexed and (person is None or self._fewer_matches(phrase, person)):
            # The index is case-sensitive over texts casefolded as the search is: a phrase
            # of the search's trigrams matches exactly where a scan would find it.
            source, order = "search s CROSS JOIN rows r ON r.pos = s.rowid", "s.rowid"
            where.append("s.search MATCH ?")
            params.append(phrase)
            member_first = ("instr(r.haystack, ?) > 0", needle)
            needle = ""
            if person is not None:
                where.append("EXISTS (SELECT 1 FROM links p WHERE p.person = ? AND p.pos = r.pos)")
                params.append(person)
        elif person is not None:
            source, order = "links p CROSS JOIN rows r ON r.pos = p.pos", "p.pos"
            where.append("p.person = ?")
            params.append(person)
            member_first = ("EXISTS (SELECT 1 FROM links p WHERE p.person = ? AND p.pos = r.pos)",
                            person)  # fmt: skip
        sets: dict[str, tuple[str, frozenset[str]]] = {}
        if filters.articles is not None:
            sets["articles"] = ("article", filters.articles)
            where.append("r.article IN (SELECT value FROM temp.{articles})")
        if filters.hidden:
            sets["hidden"] = ("id", filters.hidden)
            where.append("r.id NOT IN (SELECT value FROM temp.{hidden})")
        if filters.days is not None:
            where.append("r.first_day >= ? AND r.last_day <= ?")
            params.extend(filters.days)
        if needle:
            where.append("instr(r.haystack, ?) > 0")
            params.append(needle)
        member, member_params = list(where), list(params)
        if member_first is not None:
            member[0], member_params[0] = member_first
        return source, order, where, params, member, member_params, sets

    def _fewer_matches(self, phrase: str, person: str) -> bool:
        """Whether the index matches fewer rows than ``person`` has (counting at most as
        many matches as they have rows: a common word's count stops there)."""
        with self._lock:
            rows = self._db.execute("SELECT COUNT(*) FROM links WHERE person = ?", (person,))
            limit = int(rows.fetchone()[0])
            matches = self._db.execute(
                "SELECT COUNT(*) FROM (SELECT 1 FROM search WHERE search MATCH ? LIMIT ?)",
                (phrase, limit),
            )
            return int(matches.fetchone()[0]) < limit

    def set_table(self, kind: str, values: frozenset[str]) -> str:
        """A temporary table of ``values`` (made once per set: an article filter, the
        figures under the comparisons shown), the least recently used dropped past a few (a
        query asks for its sets' tables at each statement, so one dropped is made again)."""
        with self._lock:
            name = self._sets.pop((kind, values), None)
            if name is not None:
                self._sets[(kind, values)] = name  # the most recently used last
                return name
            if len(self._sets) >= SETS_KEPT:
                old = next(iter(self._sets))
                self._db.execute(f"DROP TABLE temp.{self._sets.pop(old)}")
            self._made += 1
            name = f"{kind}s_{self._made}"
            self._db.execute(f"CREATE TEMP TABLE {name} (value TEXT PRIMARY KEY) WITHOUT ROWID")
            with _transaction(self._db):
                self._db.executemany(f"INSERT INTO temp.{name} VALUES (?)", ((v,) for v in values))
            self._sets[(kind, values)] = name
            return name


CELLS_WINDOW = 20_000
"""Rows :meth:`FigureTable.cells` reads at once."""

PROGRESS_STEPS = 20_000
"""SQLite steps between two checks of whether a statement is still wanted (see
:func:`abandoned_when`): about a millisecond."""


def fts_phrase(needle: str) -> str:
    """``needle`` as an FTS5 phrase (quoted, its quotes doubled): against a trigram index,
    the rows holding it as it stands."""
    return '"' + needle.replace('"', '""') + '"'


class Abandoned(Exception):
    """A statement stopped because what it was for is no longer wanted."""


_wanted = threading.local()


@contextmanager
def abandoned_when(stop: Callable[[], bool]) -> Iterator[None]:
    """Within it, a query this thread runs stops, raising :class:`Abandoned`, as soon as
    ``stop()`` is true — a pane's refill worker whose search the next key made stale (a
    statement cannot be cancelled from outside: without it every search typed on the way
    ran to its end, one after the other, before the last one's rows were shown)."""
    previous = getattr(_wanted, "stop", None)
    _wanted.stop = stop
    try:
        yield
    finally:
        _wanted.stop = previous


PARTIAL_AGE_S = 24 * 3600
"""A file another process left half-written (killed while saving) is removed by the next
save of the same table once it is this old."""


@dataclass(frozen=True)
class SavedTables:
    """Where one folder's tables are saved between sessions: a private folder beside the
    store (``store.sqlite.tables/``), one file per pane named by a digest of the folder's
    path, stamped with the corpus they were made from and the code that made them. A
    read-only session opens them and never writes."""

    folder: Path
    root: str
    """The folder shown (resolved), whose corpus the tables hold."""
    stamp: str
    """The corpus's stamp and the version of the code that makes the tables."""
    writable: bool
    texts_stamp: str
    """The corpus's stamp and the version of the code that saves its texts (which a change
    to the dashboard's code leaves alone)."""

    @classmethod
    def beside(
        cls,
        store: Path,
        root: str,
        corpus_stamp: str,
        version: str,
        writable: bool,
        texts: str = "",
    ) -> SavedTables:
        """``version``: of the tables' code; ``texts``: of the texts' (``version`` when
        not given)."""
        folder = store.with_name(store.name + ".tables")
        texts_stamp = f"{corpus_stamp}:{texts or version}"
        return cls(folder, root, f"{corpus_stamp}:{version}", writable, texts_stamp)

    @classmethod
    def of_folder(cls, store: Path, folder: Path, corpus_stamp: str, writable: bool) -> SavedTables:
        """Those of ``folder`` (as the dashboard shows it: resolved) for the corpus of
        ``corpus_stamp`` made by this code: what every saver and reader of them names,
        so that each finds the others' files."""
        root = visible(str(folder.resolve()))
        return cls.beside(store, root, corpus_stamp, tables_version(), writable, texts_version())

    def path(self, kind: str) -> Path:
        name = hashlib.sha256(self.root.encode()).hexdigest()[:24]
        return self.folder / f"{name}-{kind}.sqlite"

    def open(self, kind: type[T_Table]) -> T_Table | None:
        """The saved table of ``kind`` for this corpus, if there is one."""
        return kind.saved(self.path(kind.KIND), self.stamp)

    def save(self, table: PagedTable) -> None:
        """Save ``table`` (a writable session's only; OSError or sqlite3.Error when it
        cannot be written: the caller warns, the session goes on with its table)."""
        if not self.writable:
            return
        path = self.path(table.KIND)
        self._clear_partials(path)
        table.save(path, self.stamp)

    def texts(self) -> SavedTexts | None:
        """The texts of this corpus's articles, if a session saved them."""
        return SavedTexts.open(self.path("texts"), self.texts_stamp)

    def save_texts(self, corpus: Corpus, spans: Mapping[str, array[int]] | None = None) -> None:
        """Save the texts of ``corpus``'s articles, unless they are saved already (a
        writable session's only, and only from a corpus that holds them); errors as
        :meth:`save`. ``spans``: each article's records' spans when the caller has them
        gathered already (a view's index); else gathered here."""
        if not self.writable or isinstance(corpus, LeanCorpus):
            return
        found = self.texts()
        if found is not None:
            found.close()
            return
        path = self.path("texts")
        self._clear_partials(path)
        texts = ((a.id, a.text) for a in corpus.articles)
        save_texts(
            path,
            self.texts_stamp,
            texts,
            corpus.quotes,
            corpus.events,
            corpus.figures,
            corpus.people,
            corpus.timexes,
            ((a.id, a.boilerplate) for a in corpus.articles),
            (spans if spans is not None else spans_by_article(record_spans(corpus))).items(),
        )

    def search(self) -> SavedSearch | None:
        """The command palette's lines for this corpus, if a session saved them."""
        return SavedSearch.saved(self.path(SavedSearch.KIND), self.stamp)

    def save_search(self, parts: Iterable[Iterable[str]]) -> None:
        """Save the palette's lines (:meth:`SavedSearch.save`; a writable session's only;
        errors as :meth:`save`)."""
        if not self.writable:
            return
        path = self.path(SavedSearch.KIND)
        self._clear_partials(path)
        SavedSearch.save(path, self.stamp, parts)

    def _clear_partials(self, path: Path) -> None:
        """Remove what a killed save of ``path`` left, once it is old enough not to be
        another session's save in progress."""
        if not self.folder.is_dir():
            return
        now = time.time()
        for old in self.folder.glob(f"{path.name}.*.partial"):
            try:
                if now - old.stat().st_mtime > PARTIAL_AGE_S:
                    old.unlink()
            except OSError:
                continue


SEARCH_FORMAT = 2
"""The layout of a saved search's file (:class:`SavedSearch`): raised when it changes."""

_LINES = """
CREATE TABLE parts (part INTEGER PRIMARY KEY, first INTEGER NOT NULL);
CREATE TABLE chunks (first INTEGER PRIMARY KEY, body BLOB NOT NULL);
CREATE VIRTUAL TABLE search USING fts5(
    text, content='', tokenize='trigram case_sensitive 1'
);
CREATE TABLE saved (stamp TEXT NOT NULL, format INTEGER NOT NULL);
"""

CHUNK = 1 << 16
"""Bytes of lines a saved search keeps in one row: a scan reads the lines a chunk at a
time (1,300 rows at 100,000 articles, not 1.5 million)."""

WRITTEN_AT_ONCE = 4096
"""Lines a save writes to the file at once."""

LINE_BREAK = b"\n"
"""Between two lines in a chunk (a line never holds one)."""

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
"""What a line saved in SQLite cannot hold as it stands: a lone surrogate (a file's
undecodable byte: no UTF-8 text holds one) and NUL (where SQLite's text functions stop)."""


def storable(text: str) -> str:
    """``text`` as a saved search holds it (and looks for it): each character of
    :data:`_UNSTORABLE` written as U+FFFD."""
    return text if text.isascii() and "\x00" not in text else _UNSTORABLE.sub("\ufffd", text)


def lines_holding(
    chunks: Iterable[tuple[int, bytes]], needle: bytes, limit: int, found: list[int]
) -> None:
    """Add to ``found`` the lines of ``chunks`` holding ``needle``, in order, until it
    holds ``limit``. A chunk is the number of its first line and its lines, UTF-8, joined
    by :data:`LINE_BREAK`: a character's encoding starts with a byte no other character's
    encoding holds inside it, so bytes match where the characters do."""
    if not needle or LINE_BREAK in needle:
        return
    for first, body in chunks:
        if len(found) >= limit:
            return
        line, at = first, 0
        position = body.find(needle)
        while position != -1 and len(found) < limit:
            line += body.count(LINE_BREAK, at, position)
            at = position
            found.append(line)
            end = body.find(LINE_BREAK, position)
            position = -1 if end == -1 else body.find(needle, end + 1)


def lines_with_letters(
    chunks: Iterable[tuple[int, bytes]], letters: Sequence[bytes], limit: int, found: list[int]
) -> None:
    """Add to ``found`` the lines of ``chunks`` (as :func:`lines_holding`) holding
    ``letters`` (each a character's bytes) in order, those it holds already left out, in
    order, until it holds ``limit``."""
    if not letters or len(found) >= limit:
        return
    between = b"[^" + LINE_BREAK + b"]*?"
    pattern = re.compile(between.join(re.escape(letter) for letter in letters))
    seen = set(found)
    for first, body in chunks:
        line, at, position = first, 0, 0
        while len(found) < limit:
            match = pattern.search(body, position)
            if match is None:
                break
            line += body.count(LINE_BREAK, at, match.start())
            at = match.start()
            if line not in seen:
                found.append(line)
            end = body.find(LINE_BREAK, at)
            if end == -1:
                break
            position = end + 1
        if len(found) >= limit:
            return


class SavedSearch:
    """Lines of text in parts (the command palette's entries, by kind), saved beside the
    store for one corpus, and searched there instead of in memory: which lines hold a
    needle, then which hold its characters in order, each in the lines' order
    (:meth:`found`). At 100,000 articles the palette has 1.5 million entries, 86 MB of
    text, which an index in memory held for the session's life; here a search holds
    SQLite's page cache and one chunk of lines.

    The lines are kept as the caller gives them (the palette lower-cases them) in chunks of
    about :data:`CHUNK` bytes, with an FTS5 trigram index (contentless: it gives lines'
    numbers). A needle of three characters or more is found through the index (a phrase of
    its trigrams, case-sensitive, matches exactly where ``in`` would); a shorter one, and
    the letters in order, by a scan of the chunks that stops at ``limit`` lines
    (:func:`lines_holding`, :func:`lines_with_letters`, as the in-memory index scans its
    one string). Only :func:`storable` changes anything, on both sides. A search started
    while another runs stops the other: a keystroke's search outlives its key."""

    KIND = "palette"

    def __init__(self, db: sqlite3.Connection, firsts: list[int], count: int) -> None:
        self._db = db
        self.firsts = firsts
        """Where each part starts (the number of its first line)."""
        self._count = count
        self._lock = threading.Lock()
        self._counting = threading.Lock()
        self._latest = 0

    def __len__(self) -> int:
        return self._count

    def close(self) -> None:
        """Close the lines' database (nothing searches them after)."""
        with self._lock:
            self._db.close()

    @classmethod
    def saved(cls, path: Path, stamp: str) -> SavedSearch | None:
        """The lines saved at ``path`` for ``stamp``, opened read-only; None when there are
        none, or another's, or the file is unreadable."""
        probes = (
            "SELECT first, body FROM chunks LIMIT 1",
            "SELECT rowid FROM search WHERE search MATCH '\"abc\"' LIMIT 1",
        )
        db = open_stamped(path, (stamp, SEARCH_FORMAT), probes)
        if db is None:
            return None
        try:
            firsts = [int(r[0]) for r in db.execute("SELECT first FROM parts ORDER BY part")]
        except sqlite3.Error:
            db.close()
            return None
        if not firsts:
            db.close()
            return None
        return cls(db, firsts[:-1], firsts[-1])  # the last: past the last line

    @staticmethod
    def save(path: Path, stamp: str, parts: Iterable[Iterable[str]]) -> None:
        """Write the lines of ``parts`` to ``path`` with their trigram index, stamped with
        ``stamp``: beside it first, then renamed over it (as :meth:`PagedTable.save`); the
        file is private to the user. A line holds no line break (the caller's texts are
        one line each). OSError or sqlite3.Error when it cannot be written."""
        firsts: list[int] = []
        count = 0
        chunk, chunk_first = bytearray(), 0
        lines: list[tuple[int, str]] = []
        chunks: list[tuple[int, bytes]] = []
        with replaced_whole(path) as partial:
            out = sqlite3.connect(partial, isolation_level=None)

            def write() -> None:
                out.executemany("INSERT INTO search (rowid, text) VALUES (?, ?)", lines)
                out.executemany("INSERT INTO chunks VALUES (?, ?)", chunks)
                lines.clear()
                chunks.clear()

            try:
                out.execute("PRAGMA journal_mode = OFF")  # a new file, renamed only when whole
                out.executescript(_LINES)
                out.execute("BEGIN")
                for part in parts:
                    firsts.append(count)
                    for text in part:
                        line = storable(text)
                        lines.append((count, line))
                        if count > chunk_first:  # lines in it already (an empty one too)
                            chunk += LINE_BREAK
                        chunk += line.encode()
                        count += 1
                        if len(chunk) >= CHUNK:
                            chunks.append((chunk_first, bytes(chunk)))
                            chunk, chunk_first = bytearray(), count
                        if len(lines) >= WRITTEN_AT_ONCE:
                            write()
                if count > chunk_first:
                    chunks.append((chunk_first, bytes(chunk)))
                write()
                firsts.append(count)
                out.executemany("INSERT INTO parts VALUES (?, ?)", enumerate(firsts))
                out.execute("INSERT INTO saved VALUES (?, ?)", (stamp, SEARCH_FORMAT))
                out.execute("COMMIT")
            finally:
                out.close()

    def found(self, needle: str, limit: int) -> list[int] | None:
        """Up to ``limit`` lines (by number): those holding ``needle``, then those holding
        its characters in order, each in the lines' order; None when a later search
        started meanwhile (this one was stopped)."""
        needle = storable(needle)
        if not needle:
            return []
        with self._counting:
            self._latest += 1
            mine = self._latest

        def stale() -> bool:
            return self._latest != mine

        with self._lock:
            if stale():
                return None
            self._db.set_progress_handler(stale, PROGRESS_STEPS)
            try:
                return self._found(needle, limit, stale)
            except Abandoned:
                return None
            except sqlite3.OperationalError:
                if stale():
                    return None
                raise
            finally:
                self._db.set_progress_handler(None, 0)

    def _chunks(self, stale: Callable[[], bool]) -> Iterator[tuple[int, bytes]]:
        for first, body in self._db.execute("SELECT first, body FROM chunks ORDER BY first"):
            if stale():
                raise Abandoned
            yield int(first), bytes(body)

    def _found(self, needle: str, limit: int, stale: Callable[[], bool]) -> list[int]:
        letters = [c.encode() for c in needle]
        found: list[int] = []
        if len(needle) >= INDEXED_NEEDLE:
            phrase = fts_phrase(needle)
            rows = self._db.execute(
                "SELECT rowid FROM search WHERE search MATCH ? ORDER BY rowid LIMIT ?",
                (phrase, limit),
            )
            found.extend(int(r[0]) for r in rows)
            lines_with_letters(self._chunks(stale), letters, limit, found)
            return found
        # One read of the chunks for both: the first ``limit`` lines holding the letters in
        # order hold the first ones that do not hold the needle, when fewer lines hold it.
        apart: list[int] = []
        encoded = needle.encode()
        for chunk in self._chunks(stale):
            if len(found) < limit:
                lines_holding((chunk,), encoded, limit, found)
            if len(apart) < limit:
                lines_with_letters((chunk,), letters, limit, apart)
            if len(found) >= limit:
                return found
        holding = set(found)
        found.extend([line for line in apart if line not in holding][: limit - len(found)])
        return found


class TimelineTable(PagedTable):
    """The Timeline's events, in its order."""

    KIND = "timeline"

    @classmethod
    def build(cls, rows: Iterable[TimelineRow]) -> TimelineTable:
        def values(pos: int, row: TimelineRow) -> tuple[object, ...]:
            first, last = row.days if row.days is not None else (None, None)
            return (pos, row.event_id, row.article_id, row.group, row.source, first, last,
                    row.month, row.label_width, row.outlet_width, row.haystack)  # fmt: skip

        return cls(_filled(_TIMELINE, rows, values))

    def query(self, filters: Filters) -> TimelineQuery:
        """The events ``filters`` keep, in the Timeline's order."""
        return TimelineQuery(self, *self._where(filters), group="r.grp")


class FigureTable(PagedTable):
    """Figures' records, in the corpus's order."""

    KIND = "figures"

    @classmethod
    def build(cls, rows: Iterable[FigureRow]) -> FigureTable:
        def values(pos: int, row: FigureRow) -> tuple[object, ...]:
            return (pos, row.figure_id, row.article_id, row.value_width, row.measure_width,
                    row.outlet_width, row.kind_width, row.haystack)  # fmt: skip

        return cls(_filled(_FIGURES, rows, values))

    def query(self, filters: Filters) -> FigureQuery:
        """The figures ``filters`` keep, in the corpus's order."""
        return FigureQuery(self, *self._where(filters), group="NULL")

    def cells(self, ids: AbstractSet[str]) -> dict[str, tuple[str, int, int, int, int]]:
        """Of the figures ``ids`` the table holds: each one's article and its value's,
        measure's, outlet's and kind's widths, unshortened (read a window of rows at a
        time, so that the panes' queries wait for one window, not for the whole table)."""
        found: dict[str, tuple[str, int, int, int, int]] = {}
        sql = (
            "SELECT id, article, value_width, measure_width, outlet_width, kind_width "
            "FROM rows WHERE pos >= ? AND pos < ?"
        )
        with self._lock:
            last = self._db.execute("SELECT MAX(pos) FROM rows").fetchone()[0]
        for start in range(0, int(last or 0) + 1, CELLS_WINDOW):
            with self._lock:
                rows = self._db.execute(sql, (start, start + CELLS_WINDOW)).fetchall()
            for figure_id, article, *widths in rows:
                if figure_id in ids:
                    found[figure_id] = (article, *widths)
        return found


R = TypeVar("R", TimelineRow, FigureRow)
T_Table = TypeVar("T_Table", bound=PagedTable)


def _filled(
    schema: str, rows: Iterable[R], values: Callable[[int, R], tuple[object, ...]]
) -> sqlite3.Connection:
    """A new in-memory database of ``schema`` with ``rows`` (each written as ``values``
    gives it, at its place) and their people's links."""
    db = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
    db.executescript(schema + _LINKS)
    with _transaction(db):
        people: list[tuple[str, int]] = []
        written = []
        for pos, row in enumerate(rows):
            written.append(values(pos, row))
            people.extend((person, pos) for person in row.people)
        if written:
            marks = ",".join("?" * len(written[0]))
            db.executemany(f"INSERT INTO rows VALUES ({marks})", written)
        db.executemany("INSERT OR IGNORE INTO links VALUES (?, ?)", people)
    return db


@contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    db.execute("BEGIN")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


Block = list[tuple[int, str, str | None]]
"""A window's rows: each row's ``pos``, id and group (None where a pane has no groups)."""


@dataclass(eq=False)
class PagedQuery:
    """One filtered list of a pane, read by windows of :data:`BLOCK` rows.

    Each window read leaves an anchor (its last row's ``pos``), and the next window is
    read from the nearest anchor before it (``pos > anchor … LIMIT … OFFSET`` the rows
    between), or from the end when that is nearer: a scroll reads the next 64 rows by
    keyset, a jump to the last row reads the list backwards, never counting from the top.
    """

    table: PagedTable
    source: str
    """What the rows are read from (the rows, or a person's links joined to them)."""
    order: str
    """The column of the pane's order in ``source`` (``pos``)."""
    where: list[str]
    params: list[object]
    member: list[str]
    """``where`` as a test of one row (``r``), for lookups by another index."""
    member_params: list[object]
    sets: dict[str, tuple[str, frozenset[str]]]
    """The sets of ids ``where`` names, by the name it gives each."""
    group: str
    """The column of a row's group (``NULL`` for a pane without groups)."""
    _count: int | None = None
    _blocks: dict[int, Block] = field(default_factory=dict)
    _anchors: dict[int, int] = field(default_factory=dict)
    """A block's number → the ``pos`` of its last row (every block read so far)."""
    _anchor_keys: list[int] = field(default_factory=list)

    def _sql(self, what: str, extra: Sequence[str] = (), tail: str = "") -> str:
        """A statement over the list; the sets it names are filled in when it is run."""
        where = [*self.where, *extra]
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        return f"SELECT {what} FROM {self.source}{clause} {tail}"

    def _run(self, sql: str, params: Sequence[object]) -> list[tuple[Any, ...]]:
        """Run ``sql`` with the temporary tables of the list's sets (made again if they
        were dropped), under the table's lock; within :func:`abandoned_when`, stopped (and
        :class:`Abandoned` raised) once it is no longer wanted."""
        stop: Callable[[], bool] | None = getattr(_wanted, "stop", None)
        with self.table.locked() as db:
            names = {name: self.table.set_table(*found) for name, found in self.sets.items()}
            if stop is None:
                return db.execute(sql.format(**names), params).fetchall()
            if stop():
                raise Abandoned
            # Only the query is stopped (never a transaction, which must end).
            db.set_progress_handler(stop, PROGRESS_STEPS)
            try:
                return db.execute(sql.format(**names), params).fetchall()
            except sqlite3.OperationalError as error:
                if stop():
                    raise Abandoned from error
                raise
            finally:
                db.set_progress_handler(None, 0)

    def _number(self, sql: str, params: Sequence[object]) -> int:
        found = self._run(sql, params)
        return int(found[0][0] or 0) if found else 0

    def count(self) -> int:
        if self._count is None:
            self._count = self._number(self._sql("COUNT(*)"), self.params)
        return self._count

    def index_of(self, record_id: str) -> int | None:
        """The record's index in the list (None when the filters leave it out)."""
        pos = self.table.position(record_id)
        if pos is None:
            return None
        if not self._number(self._sql("COUNT(*)", [f"{self.order} = ?"]), [*self.params, pos]):
            return None
        return self._number(self._sql("COUNT(*)", [f"{self.order} < ?"]), [*self.params, pos])

    def ids(self) -> list[str]:
        """Every record id of the list, in order (an export's or a bookmark's whole list)."""
        return [
            i for (i,) in self._run(self._sql("r.id", tail=f"ORDER BY {self.order}"), self.params)
        ]

    def record(self, index: int) -> str:
        """Row ``index``'s record id."""
        block, offset = divmod(index, BLOCK)
        return self._block(block)[offset][1]

    def _block(self, number: int) -> Block:
        rows = self._blocks.get(number)
        if rows is not None:
            return rows
        count = self.count()
        if not 0 <= number * BLOCK < count:
            raise IndexError(number)
        pos = self.order
        what = f"{pos}, r.id, {self.group}"
        at = bisect.bisect_left(self._anchor_keys, number) - 1
        after = self._anchor_keys[at] if at >= 0 else -1
        skip = (number - after - 1) * BLOCK
        from_end = count - (number + 1) * BLOCK  # rows after this block
        if from_end >= 0 and from_end < skip:
            sql = self._sql(what, tail=f"ORDER BY {pos} DESC LIMIT {BLOCK} OFFSET ?")
            found = self._run(sql, [*self.params, from_end])[::-1]
        elif from_end < 0 and count - number * BLOCK < skip:  # the last, short block
            sql = self._sql(what, tail=f"ORDER BY {pos} DESC LIMIT ?")
            found = self._run(sql, [*self.params, count - number * BLOCK])[::-1]
        elif after >= 0:
            sql = self._sql(what, [f"{pos} > ?"], f"ORDER BY {pos} LIMIT {BLOCK} OFFSET ?")
            found = self._run(sql, [*self.params, self._anchors[after], skip])
        else:
            sql = self._sql(what, tail=f"ORDER BY {pos} LIMIT {BLOCK} OFFSET ?")
            found = self._run(sql, [*self.params, skip])
        rows = [(int(p), str(i), g) for p, i, g in found]
        if len(self._blocks) >= BLOCKS_KEPT:
            self._blocks.pop(next(iter(self._blocks)))
        self._blocks[number] = rows
        if rows and number not in self._anchors:
            self._anchors[number] = rows[-1][0]
            bisect.insort(self._anchor_keys, number)
        return rows

    def _widest(self, *columns: str) -> list[int]:
        found = self._run(self._sql(", ".join(f"MAX(r.{c})" for c in columns)), self.params)
        return [int(w or 0) for w in found[0]]


@dataclass(eq=False)
class TimelineQuery(PagedQuery):
    """One filtered list of the Timeline."""

    def months(self) -> dict[int, int]:
        """Events per month (only those dated to a month or finer)."""
        sql = self._sql("r.month, COUNT(*)", ["r.month IS NOT NULL"], "GROUP BY r.month")
        return {int(m): int(n) for m, n in self._run(sql, self.params)}

    def widest(self) -> tuple[int, int]:
        """The widest date label and outlet label of the list (unshortened)."""
        label, outlet = self._widest("label_width", "outlet_width")
        return label, outlet

    def groups(self, groups: Iterable[str]) -> dict[str, tuple[int, int]]:
        """Each group's events in the list and their independent sources."""
        wanted = sorted(set(groups))
        if not wanted:
            return {}
        marks = ",".join("?" * len(wanted))
        where = " AND ".join([f"r.grp IN ({marks})", *self.member])
        what = "r.grp, COUNT(*), COUNT(DISTINCT r.source)"
        sql = f"SELECT {what} FROM rows r WHERE {where} GROUP BY r.grp"
        params = [*wanted, *self.member_params]
        return {g: (int(n), int(k)) for g, n, k in self._run(sql, params)}

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


@dataclass(eq=False)
class FigureQuery(PagedQuery):
    """One filtered list of Figures' figures."""

    def widest(self) -> tuple[int, int, int, int]:
        """The widest value, measure, outlet and kind labels of the list (unshortened)."""
        value, measure, outlet, kind = self._widest(
            "value_width", "measure_width", "outlet_width", "kind_width"
        )
        return value, measure, outlet, kind
