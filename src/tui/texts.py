"""The articles' texts and statements saved beside the store, read one at a time.

A dashboard that opens a saved corpus does not need every article's text in memory: it
shows one article in Source and a few sentences around the records on screen. A writable
session saves the texts of the corpus it shows into a file beside its tables (see
:class:`tui.paged.SavedTables`), each compressed on its own; the next session on the same
corpus reads the corpus without its texts (:func:`tui.snapshot.unpack`) and each text from
that file when it is asked for (:class:`tui.snapshot.LeanCorpus`). At 100,000
articles the texts are about a fifth of the records' memory.

The statements (:class:`~tui.records.models.Quote`) are saved in the same file, one row each
in the corpus's order, with their person and span as columns: the dashboard reads one by id
(the detail line), a person's (their page), the count per person (People) and the spans
(what Source underlines) by indexed queries, and the corpus is read without them: three
statements an article are about a tenth of the records' memory.

The events (:class:`~tui.records.models.Event`) are saved there too, one row each in the
corpus's order, with what the dashboard's index needs of each as columns (article, group,
date value, the sentence's span, people and figures: :class:`EventFacts`) and its own spans
(its date's and its trigger's): the index is made from those columns without reading an
event, and the dashboard reads the events it shows by id or by place (a page, a visible
window of rows). Seven events an article are about half of the records' memory.

The figures (:class:`~tui.records.models.Figure`) are saved there as well, one row each in
the corpus's order, with their article, span, measure and kind as columns
(:class:`FigureFacts`): the index and the counts of ``F`` are made from those, and the
figures shown read by id or by place. Seven figures an article are about a quarter of the
records' memory.

The people's mentions (each :class:`~tui.records.models.Person`'s ``mentions``) are saved
there too, one row each (the person's place in the corpus's list and id, the article, the
span and its words), in the corpus's order (the people's, then each one's own): the
dashboard counts them, finds each person's first one and what Source underlines from those
columns, and reads a person's (their page, n/p) or an article's (who is named with whom) by
indexed queries. Eight mentions an article were most of the people's memory, and the people
most of what the records held after the figures.

The time expressions (the corpus's ``timexes``) are saved there as well, one row each in
the corpus's order, with their span as columns: the dashboard underlines them in Source
from those columns and reads them only for an export. Eight and a half an article were
half of what a corpus read without the rest held (364 MB at 100,000 articles).

The people's roles (each person's ``roles``: every sentence that states a title) are saved
there too, one row each like the mentions, with the title and organisation as columns: the
corpus is read with each person's distinct roles once, as first stated (what People, the
detail line and a person's companions list), and a person's page reads every statement of
them by an indexed query; Source underlines them from the columns. Two roles an article
were 90 MB at 100,000 articles.

The articles' boilerplate ranges (a web page's menus, banners and teasers, which Source
dims) are saved there as well, by article id: only Source (one article at a time) and the
export read them, and a corpus read without them saved 40 MB at 100,000 articles.

Each article's records' spans (what Source underlines, gathered from every record by
:func:`tui.snapshot.spans_by_article`) are saved there too, one flat array per article, so
the index of a corpus read from the file does not gather them again (2.9 million spans at
100,000 articles) nor hold them: Source reads the article it shows.

The file is stamped like the tables (the saved corpus and the dashboard's code), opened
read-only and ``immutable`` (it is only ever replaced whole, by a rename), and private to
the user: it holds the articles.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import zlib
from array import array
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from pydantic import TypeAdapter
from rich.text import Text

from tui.records.models import Event, Figure, Person, Quote, Range, Role, Span, TimeExpr
from tui.safetext import visible
from tui.snapshot import EventFacts, FigureFacts, Mentioned

TEXTS_FORMAT = 9
"""The layout of a texts file: raised when it changes, so a file of another is never read
(1: texts only; 2: and the statements; 3: and the events; 4: and the figures; 5: and the
people's mentions; 6: and the time expressions; 7: and the people's roles; 8: and the
articles' boilerplate; 9: and each article's records' spans)."""

KEPT = 16
"""Texts kept decoded (the last asked for): Source, its sentences and a page's rows ask for
the same few articles many times over."""

_SCHEMA = """
CREATE TABLE texts (id TEXT PRIMARY KEY, body BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE boilerplate (id TEXT PRIMARY KEY, ranges TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE spans (id TEXT PRIMARY KEY, flat BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE saved (stamp TEXT NOT NULL, format INTEGER NOT NULL);
CREATE TABLE quotes (
    pos INTEGER PRIMARY KEY, id TEXT NOT NULL, person TEXT, article TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, body BLOB NOT NULL
);
CREATE TABLE events (
    pos INTEGER PRIMARY KEY, id TEXT NOT NULL, article TEXT NOT NULL, grp TEXT,
    value TEXT, mod TEXT, wstart INTEGER NOT NULL, sstart INTEGER NOT NULL, send INTEGER NOT NULL,
    people TEXT NOT NULL, figures TEXT NOT NULL,
    warticle TEXT NOT NULL, wend INTEGER NOT NULL, tstart INTEGER, tend INTEGER,
    body BLOB NOT NULL
);
CREATE TABLE figures (
    pos INTEGER PRIMARY KEY, id TEXT NOT NULL, article TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, measure TEXT, kind TEXT NOT NULL,
    body BLOB NOT NULL
);
CREATE TABLE mentions (
    pos INTEGER PRIMARY KEY, place INTEGER NOT NULL, person TEXT NOT NULL,
    article TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL
);
CREATE TABLE timexes (
    pos INTEGER PRIMARY KEY, article TEXT NOT NULL, start INTEGER NOT NULL,
    "end" INTEGER NOT NULL, body BLOB NOT NULL
);
CREATE TABLE roles (
    pos INTEGER PRIMARY KEY, place INTEGER NOT NULL, person TEXT NOT NULL,
    article TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    title TEXT NOT NULL, org TEXT
);
"""

_INDEXES = (
    "CREATE INDEX quotes_by_id ON quotes (id)",
    "CREATE INDEX quotes_by_person ON quotes (person, pos)",
    "CREATE INDEX events_by_id ON events (id)",
    "CREATE INDEX figures_by_id ON figures (id)",
    "CREATE INDEX mentions_by_person ON mentions (person, place, pos)",
    "CREATE INDEX mentions_by_article ON mentions (article)",
    "CREATE INDEX roles_by_person ON roles (person, place, pos)",
)

LISTED = "\x1f"
"""Between the ids of an event's people (and figures) in their column: ids never hold it."""

BATCH = 900
"""Rows asked for by one query (under SQLite's limit of variables)."""

R = TypeVar("R")

_QUOTES = TypeAdapter(list[Quote])
_EVENTS = TypeAdapter(list[Event])
_FIGURES = TypeAdapter(list[Figure])
_TIMEXES = TypeAdapter(list[TimeExpr])


class UnreadableSaved(KeyError):
    """A text or statement that its file no longer gives (a disk error, the file changed in
    place under the open one, a row missing): a ``KeyError``, as for an id the file lacks.
    The dashboard cannot go on without it; it ends with this one line and exit code 1 (its
    :meth:`__rich__`, which Textual prints instead of a traceback)."""

    def __init__(self, path: Path, what: str, cause: object) -> None:
        super().__init__(what)
        self.message = (
            f"{what} cannot be read from {visible(str(path))} ({visible(str(cause))}); "
            "remove that file (a writable session makes it again) and open the folder again"
        )

    def __str__(self) -> str:
        return self.message

    def __rich__(self) -> Text:
        return Text(f"newsdash: error: {self.message}")


class SavedTexts:
    """The texts of one saved corpus's articles, read from their file by article id, and its
    statements (see the module's docstring). Safe to use from several threads (the
    dashboard's panes build rows in workers)."""

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self._db = db
        self.path = path
        self._lock = threading.Lock()
        self._kept: OrderedDict[str, str] = OrderedDict()

    @classmethod
    def open(cls, path: Path, stamp: str) -> SavedTexts | None:
        """The texts saved at ``path`` for ``stamp``; None when there are none, or
        another's, or the file is unreadable."""
        probes = (
            "SELECT id, body FROM texts LIMIT 1",
            "SELECT id, ranges FROM boilerplate LIMIT 1",
            "SELECT id, flat FROM spans LIMIT 1",
            'SELECT pos, id, person, article, start, "end", body FROM quotes LIMIT 1',
            f"SELECT {_FACTS}, {_SPANS}, body FROM events LIMIT 1",
            f"SELECT {_FIGURE_FACTS}, body FROM figures LIMIT 1",
            f"SELECT {_MENTION_COLUMNS} FROM mentions LIMIT 1",
            'SELECT pos, article, start, "end", body FROM timexes LIMIT 1',
            f"SELECT {_ROLE_COLUMNS} FROM roles LIMIT 1",
        )
        db = open_stamped(path, (stamp, TEXTS_FORMAT), probes)
        return None if db is None else cls(db, path)

    def text(self, article_id: str) -> str:
        """The article's text; :class:`UnreadableSaved` (a KeyError) when the file has none
        for ``article_id``, or cannot be read any more (the caller's records then have no
        text to point into: never shown as an empty one)."""
        with self._lock:
            kept = self._kept.get(article_id)
            if kept is not None:
                self._kept.move_to_end(article_id)
                return kept
            what = f"the text of article {article_id}"
            try:
                row = self._db.execute(
                    "SELECT body FROM texts WHERE id = ?", (article_id,)
                ).fetchone()
                text = None if row is None else _decoded(row[0])
            except (sqlite3.Error, zlib.error, UnicodeDecodeError) as exc:
                raise UnreadableSaved(self.path, what, exc) from exc
            if text is None:
                raise UnreadableSaved(self.path, what, "not in the file")
            self._kept[article_id] = text
            if len(self._kept) > KEPT:
                self._kept.popitem(last=False)
            return text

    def boilerplate(self, article_id: str) -> list[Range]:
        """The article's boilerplate ranges (none for an article that has none)."""
        rows = self._query("SELECT ranges FROM boilerplate WHERE id = ?", (article_id,))
        if not rows:
            return []
        try:
            return [Range(start=start, end=end) for start, end in json.loads(rows[0][0])]
        except (ValueError, TypeError) as exc:
            raise UnreadableSaved(self.path, "the boilerplate", _first_line(exc)) from exc

    def article_spans(self, article_id: str) -> array[int] | None:
        """The article's records' spans (what Source underlines) as one flat array
        (start, end, …, in order); None when it has none."""
        rows = self._query("SELECT flat FROM spans WHERE id = ?", (article_id,))
        if not rows:
            return None
        flat: bytes = rows[0][0]
        try:
            return array(flat[:1].decode("ascii"), flat[1:])
        except (ValueError, UnicodeDecodeError) as exc:
            raise UnreadableSaved(self.path, "the records' spans", _first_line(exc)) from exc

    def span_articles(self) -> list[str]:
        """The ids of the articles that have spans, in the file's order."""
        return [aid for (aid,) in self._query("SELECT id FROM spans", ())]

    def quote(self, quote_id: str) -> Quote | None:
        """The statement ``quote_id`` (of two with one id, the later, as a dict of the
        corpus's would hold); None when there is none."""
        found = self._quotes("WHERE id = ? ORDER BY pos DESC LIMIT 1", (quote_id,))
        return found[0] if found else None

    def quotes(self, person_id: str | None = None) -> list[Quote]:
        """The statements attributed to ``person_id`` (every statement: None), in the
        corpus's order."""
        if person_id is None:
            return self._quotes("ORDER BY pos", ())
        return self._quotes("WHERE person = ? ORDER BY pos", (person_id,))

    def quote_places(self, person_id: str) -> list[tuple[int, str, int]]:
        """Each statement attributed to ``person_id`` as its place in the corpus's list,
        article and start, in the corpus's order (read from columns: no statement read)."""
        return [
            (pos, article, start)
            for pos, article, start in self._query(
                "SELECT pos, article, start FROM quotes WHERE person = ? ORDER BY pos",
                (person_id,),
            )
        ]

    def quotes_at(self, positions: Sequence[int]) -> list[Quote]:
        """The statements at ``positions`` in the corpus's list, in the order given;
        :class:`UnreadableSaved` for a position it lacks."""
        if not positions:
            return []
        rows = self._rows_by("quotes", "pos", "body", positions)
        return self._validated(_QUOTES, [rows[p] for p in positions], "the statements")

    def quote_count(self) -> int:
        return int(self._query("SELECT count(*) FROM quotes", ())[0][0])

    def quotes_per_person(self) -> dict[str, int]:
        """How many statements are attributed to each person (the unattributed left out)."""
        rows = self._query(
            "SELECT person, count(*) FROM quotes WHERE person IS NOT NULL GROUP BY person", ()
        )
        return {person: count for person, count in rows}

    def quote_spans(self) -> list[tuple[str, int, int]]:
        """Each statement's own span (article, start, end), in the corpus's order."""
        return [
            (article, start, end)
            for article, start, end in self._query(
                'SELECT article, start, "end" FROM quotes ORDER BY pos', ()
            )
        ]

    def event(self, event_id: str) -> Event | None:
        """The event ``event_id`` (of two with one id, the later, as a dict of the corpus's
        would hold); None when there is none."""
        rows = self._query(
            "SELECT body FROM events WHERE id = ? ORDER BY pos DESC LIMIT 1", (event_id,)
        )
        return self._events(rows)[0] if rows else None

    def events_at(self, positions: Sequence[int]) -> list[Event]:
        """The events at ``positions`` in the corpus's list, in the order given (a position
        twice gives its event twice); :class:`UnreadableSaved` for a position it lacks."""
        rows = self._rows_by("events", "pos", "body", positions)
        return self._events([rows[p] for p in positions])

    def events_with_ids(self, event_ids: Sequence[str]) -> list[Event]:
        """The events ``event_ids`` in the order given (of two with one id, the later);
        :class:`UnreadableSaved` for an id it lacks."""
        rows = self._rows_by("events", "id", "body", event_ids)
        return self._events([rows[i] for i in event_ids])

    def all_events(self) -> Iterator[Event]:
        """Every event, in the corpus's order, read a batch at a time."""
        for rows in self._in_order("events", "body", BATCH * 4):
            yield from self._events(rows)

    def event_count(self) -> int:
        return self._count("events")

    def event_facts(self) -> Iterator[EventFacts]:
        """Every event's :class:`EventFacts`, in the corpus's order, read a batch at a
        time (never every row at once)."""
        for rows in self._in_order("events", _FACTS, BATCH * 20):
            yield from map(_facts, rows)

    def facts_with_ids(self, event_ids: Sequence[str]) -> list[EventFacts]:
        """The :class:`EventFacts` of the events ``event_ids``, in the order given (of two
        with one id, the later's)."""
        rows = self._rows_by("events", "id", _FACTS, event_ids)
        return [_facts(rows[i]) for i in event_ids]

    def facts_at(self, positions: Sequence[int]) -> list[EventFacts]:
        """The :class:`EventFacts` of the events at ``positions``, in the order given."""
        rows = self._rows_by("events", "pos", _FACTS, positions)
        return [_facts(rows[p]) for p in positions]

    def _rows_by(self, table: str, key: str, columns: str, wanted: Sequence[Any]) -> dict[Any, Any]:
        """The ``columns`` of the rows of ``table`` (``events``, ``figures``, ``quotes``)
        whose ``key`` (``pos`` or ``id``; all ours, never input) is among ``wanted``, by key
        (of two rows with one, the later's), a batch of keys per query;
        :class:`UnreadableSaved` when one is missing."""
        found: dict[Any, Any] = {}
        keys = sorted(set(wanted))
        for at in range(0, len(keys), BATCH):
            chunk = keys[at : at + BATCH]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT {key}, {columns} FROM {table} WHERE {key} IN ({marks}) ORDER BY pos"
            found.update((row[0], row[1:]) for row in self._query(sql, chunk))
        if len(found) < len(keys):
            raise UnreadableSaved(self.path, f"the {table}", "a row is missing")
        return found

    def event_spans(self) -> Iterator[tuple[str, int, int]]:
        """Each event's own spans (article, start, end): its date's, then its trigger's."""
        for warticle, wstart, wend, article, tstart, tend in self._query(
            f"SELECT {_SPANS} FROM events ORDER BY pos", ()
        ):
            yield warticle, wstart, wend
            if tstart is not None:
                yield article, tstart, tend

    def _events(self, rows: list[Any]) -> list[Event]:
        return self._validated(_EVENTS, rows, "the events")

    def figure(self, figure_id: str) -> Figure | None:
        """The figure ``figure_id`` (of two with one id, the later, as a dict of the
        corpus's would hold); None when there is none."""
        rows = self._query(
            "SELECT body FROM figures WHERE id = ? ORDER BY pos DESC LIMIT 1", (figure_id,)
        )
        return self._figures(rows)[0] if rows else None

    def figure_place(self, figure_id: str) -> int | None:
        """The place of the figure ``figure_id`` in the corpus's list (of two with one id,
        the later's, as :meth:`figure` reads); None when there is none."""
        rows = self._query(
            "SELECT pos FROM figures WHERE id = ? ORDER BY pos DESC LIMIT 1", (figure_id,)
        )
        return int(rows[0][0]) if rows else None

    def figures_at(self, positions: Sequence[int]) -> list[Figure]:
        """The figures at ``positions`` in the corpus's list, in the order given (a
        position twice gives its figure twice); :class:`UnreadableSaved` for a position it
        lacks."""
        rows = self._rows_by("figures", "pos", "body", positions)
        return self._figures([rows[p] for p in positions])

    def figures_with_ids(self, figure_ids: Sequence[str]) -> list[Figure]:
        """The figures ``figure_ids`` in the order given (of two with one id, the later);
        :class:`UnreadableSaved` for an id it lacks."""
        rows = self._rows_by("figures", "id", "body", figure_ids)
        return self._figures([rows[i] for i in figure_ids])

    def all_figures(self) -> Iterator[Figure]:
        """Every figure, in the corpus's order, read a batch at a time."""
        for rows in self._in_order("figures", "body", BATCH * 4):
            yield from self._figures(rows)

    def figure_count(self) -> int:
        return self._count("figures")

    def figure_facts(self) -> Iterator[FigureFacts]:
        """Every figure's :class:`FigureFacts`, in the corpus's order, read a batch at a
        time (never every row at once)."""
        for rows in self._in_order("figures", _FIGURE_FACTS, BATCH * 20):
            yield from (FigureFacts(*row) for row in rows)

    def _count(self, table: str) -> int:
        return int(self._query(f"SELECT count(*) FROM {table}", ())[0][0])

    def _in_order(self, table: str, columns: str, step: int) -> Iterator[list[Any]]:
        """The ``columns`` of every row of ``table`` (``events``, ``figures``, …; ours,
        never input), in the corpus's order, ``step`` rows per query."""
        for low in range(0, self._count(table), step):
            sql = f"SELECT {columns} FROM {table} WHERE pos >= ? AND pos < ? ORDER BY pos"
            yield self._query(sql, (low, low + step))

    def figure_facts_at(self, positions: Sequence[int]) -> list[FigureFacts]:
        """The :class:`FigureFacts` of the figures at ``positions``, in the order given."""
        rows = self._rows_by("figures", "pos", _FIGURE_FACTS, positions)
        return [FigureFacts(*rows[p]) for p in positions]

    def figure_facts_with_ids(self, figure_ids: Sequence[str]) -> list[FigureFacts]:
        """The :class:`FigureFacts` of the figures ``figure_ids``, in the order given (of
        two with one id, the later's)."""
        rows = self._rows_by("figures", "id", _FIGURE_FACTS, figure_ids)
        return [FigureFacts(*rows[i]) for i in figure_ids]

    def mentions(self, person_id: str) -> list[Span]:
        """The mentions of the person ``person_id``, in their order (of two people with
        one id, the later's, as a dict of the corpus's people would hold)."""
        rows = self._query(
            f"SELECT {_MENTION_COLUMNS} FROM mentions WHERE person = ? ORDER BY place, pos",
            (person_id,),
        )
        last = rows[-1][0] if rows else None
        return [_span(row) for row in rows if row[0] == last]

    def mention_count(self) -> int:
        return self._count("mentions")

    def mention_groups(self) -> Iterator[tuple[str, list[tuple[str, int, int, str]]]]:
        """Each person's id and mentions (article, start, end, words: in their order), one
        person at a time in the corpus's order (a person's rows follow one another in the
        file's order), read a batch at a time; a person without mentions is not listed."""
        place, person = -1, ""
        spans: list[tuple[str, int, int, str]] = []
        for rows in self._in_order("mentions", _MENTION_COLUMNS, BATCH * 20):
            for at, pid, article, start, end, text in rows:
                if at != place:
                    if spans:
                        yield person, spans
                    place, person, spans = at, pid, []
                spans.append((article, start, end, text))
        if spans:
            yield person, spans

    def mentions_in(self, article_ids: Iterable[str]) -> list[tuple[int, Mentioned]]:
        """The mentions in the articles ``article_ids``, with their person's place in the
        corpus's list, in the corpus's order (the people's, then each one's own): by the
        index by article for a few articles, in one pass over every row for many (a busy
        person's page asks for thousands)."""
        wanted = set(article_ids)
        if len(wanted) > BATCH:
            made = Mentioned._make
            return [
                (row[0], made(row[2:]))
                for rows in self._in_order("mentions", _MENTION_COLUMNS, BATCH * 20)
                for row in rows
                if row[2] in wanted
            ]
        found: list[tuple[int, int, Mentioned]] = []
        listed = sorted(wanted)
        for at in range(0, len(listed), BATCH):
            chunk = listed[at : at + BATCH]
            marks = ",".join("?" * len(chunk))
            sql = (
                'SELECT pos, place, article, start, "end", text FROM mentions '
                f"WHERE article IN ({marks})"
            )
            found.extend(
                (row[0], row[1], Mentioned._make(row[2:])) for row in self._query(sql, chunk)
            )
        found.sort(key=lambda item: item[0])
        return [(place, mention) for _, place, mention in found]

    def all_mentions(self) -> Iterator[tuple[int, Span]]:
        """Every mention with its person's place in the corpus's list, in the corpus's
        order, read a batch at a time."""
        for rows in self._in_order("mentions", _MENTION_COLUMNS, BATCH * 20):
            yield from ((row[0], _span(row)) for row in rows)

    def mention_spans(self) -> Iterator[tuple[str, int, int]]:
        """Each mention's span (article, start, end), in the corpus's order."""
        for rows in self._in_order("mentions", 'article, start, "end"', BATCH * 20):
            yield from rows

    def roles(self, person_id: str) -> list[Role]:
        """Every role of the person ``person_id`` as the articles state it, in its order
        (of two people with one id, the later's, as a dict of the corpus's people would
        hold)."""
        rows = self._query(
            f"SELECT {_ROLE_COLUMNS} FROM roles WHERE person = ? ORDER BY place, pos",
            (person_id,),
        )
        last = rows[-1][0] if rows else None
        return [_role(row) for row in rows if row[0] == last]

    def first_roles(self) -> dict[int, list[Role]]:
        """Each person's distinct roles (title and organisation), each as the first article
        in the person's order states it, by the person's place in the corpus's list: what
        a person's summary lists, without the thousands of times a busy person's role is
        stated."""
        rows = self._query(
            f"SELECT {_ROLE_COLUMNS} FROM roles WHERE pos IN "
            "(SELECT min(pos) FROM roles GROUP BY place, title, org) ORDER BY pos",
            (),
        )
        found: dict[int, list[Role]] = {}
        for row in rows:
            found.setdefault(row[0], []).append(_role(row))
        return found

    def all_roles(self) -> Iterator[tuple[int, Role]]:
        """Every role with its person's place in the corpus's list, in the corpus's order,
        read a batch at a time."""
        for rows in self._in_order("roles", _ROLE_COLUMNS, BATCH * 20):
            yield from ((row[0], _role(row)) for row in rows)

    def role_spans(self) -> Iterator[tuple[str, int, int]]:
        """Each role's span (article, start, end), in the corpus's order."""
        for rows in self._in_order("roles", 'article, start, "end"', BATCH * 20):
            yield from rows

    def _figures(self, rows: list[Any]) -> list[Figure]:
        return self._validated(_FIGURES, rows, "the figures")

    def all_timexes(self) -> Iterator[TimeExpr]:
        """Every time expression, in the corpus's order, read a batch at a time."""
        for rows in self._in_order("timexes", "body", BATCH * 4):
            yield from self._validated(_TIMEXES, rows, "the time expressions")

    def timex_count(self) -> int:
        return self._count("timexes")

    def timex_spans(self) -> Iterator[tuple[str, int, int]]:
        """Each time expression's span (article, start, end), in the corpus's order."""
        for rows in self._in_order("timexes", 'article, start, "end"', BATCH * 20):
            yield from rows

    def _quotes(self, where: str, args: tuple[object, ...]) -> list[Quote]:
        rows = self._query(f"SELECT body FROM quotes {where}", args)  # ``where``: ours, never input
        return self._validated(_QUOTES, rows, "the statements") if rows else []

    def _validated(self, adapter: TypeAdapter[list[R]], rows: list[Any], what: str) -> list[R]:
        """The records of ``rows`` (each a compressed JSON body), validated together:
        pydantic-core reads a list faster than one each; :class:`UnreadableSaved` when
        one cannot be read."""
        try:
            return adapter.validate_json(b"[" + b",".join(_inflated(b) for (b,) in rows) + b"]")
        except (ValueError, zlib.error) as exc:
            raise UnreadableSaved(self.path, what, _first_line(exc)) from exc

    def _query(self, sql: str, args: Sequence[object]) -> list[Any]:
        with self._lock:
            try:
                return self._db.execute(sql, args).fetchall()
            except sqlite3.Error as exc:
                raise UnreadableSaved(self.path, "the saved records", exc) from exc

    def close(self) -> None:
        with self._lock:
            self._db.close()


def open_stamped(
    path: Path, stamped: tuple[str, int], probes: tuple[str, ...]
) -> sqlite3.Connection | None:
    """A file saved beside the store (texts, a pane's table), opened read-only when its one
    ``saved`` row is ``stamped`` (the stamp and the file's layout) and every query of
    ``probes`` runs; None when there is no file, or another's, or an unreadable one.

    ``immutable``: such a file is only ever replaced whole (a rename), never written."""
    if not path.is_file():
        return None
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    try:
        db = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        found = db.execute("SELECT stamp, format FROM saved").fetchall()
        for probe in probes:
            db.execute(probe).fetchall()
    except sqlite3.Error:
        found = []
    if found != [stamped]:
        db.close()
        return None
    return db


def save_texts(
    path: Path,
    stamp: str,
    texts: Iterable[tuple[str, str]],
    quotes: Iterable[Quote] = (),
    events: Iterable[Event] = (),
    figures: Iterable[Figure] = (),
    people: Sequence[Person] = (),
    timexes: Iterable[TimeExpr] = (),
    boilerplate: Iterable[tuple[str, Sequence[Range]]] = (),
    spans: Iterable[tuple[str, array[int]]] = (),
) -> None:
    """Write ``texts`` (article id, text), ``quotes`` (the corpus's statements, in its
    order), ``events`` and ``figures`` (its events and figures, in its order), the
    mentions and roles of ``people`` (its people, in its order) and ``timexes`` (its time
    expressions, in its order), ``boilerplate`` (each article's ranges, by id) and
    ``spans`` (each article's records' spans as one flat array, by id) to ``path``
    stamped with ``stamp``: beside it first, then renamed over it, so a reader sees the old
    file or the new, never half of one; the file is private to the user, its folder too if
    it is new. OSError or sqlite3.Error when it cannot be written (nothing is left
    behind)."""
    with replaced_whole(path) as partial:
        out = sqlite3.connect(partial, isolation_level=None)
        try:
            out.execute("PRAGMA journal_mode = OFF")  # a new file, renamed only when whole
            out.executescript(_SCHEMA)
            out.execute("BEGIN")
            out.executemany(
                "INSERT INTO texts VALUES (?, ?)",
                ((aid, _encoded(text)) for aid, text in texts),
            )
            out.executemany(
                "INSERT INTO boilerplate VALUES (?, ?)",
                (
                    (aid, json.dumps([[r.start, r.end] for r in ranges]))
                    for aid, ranges in boilerplate
                    if ranges
                ),
            )
            out.executemany(
                "INSERT INTO spans VALUES (?, ?)",
                ((aid, flat.typecode.encode("ascii") + flat.tobytes()) for aid, flat in spans),
            )
            out.executemany(
                "INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    (pos, q.id, q.person_id, q.article_id, q.start, q.end, _deflated(q))
                    for pos, q in enumerate(quotes)
                ),
            )
            out.executemany(
                f"INSERT INTO events ({_FACTS}, {_MORE}) VALUES ({_MARKS})",
                (_event_row(pos, e) for pos, e in enumerate(events)),
            )
            out.executemany(
                f"INSERT INTO figures ({_FIGURE_FACTS}, body) VALUES ({_FIGURE_MARKS})",
                ((*FigureFacts.of(pos, f), _deflated(f)) for pos, f in enumerate(figures)),
            )
            out.executemany(
                f"INSERT INTO mentions (pos, {_MENTION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    (pos, *row)
                    for pos, row in enumerate(
                        (place, p.id, m.article_id, m.start, m.end, m.text)
                        for place, p in enumerate(people)
                        for m in p.mentions
                    )
                ),
            )
            out.executemany(
                f"INSERT INTO roles (pos, {_ROLE_COLUMNS}) VALUES ({_ROLE_MARKS})",
                (
                    (pos, *row)
                    for pos, row in enumerate(
                        (place, p.id, r.article_id, r.start, r.end, r.text, r.title, r.org)
                        for place, p in enumerate(people)
                        for r in p.roles
                    )
                ),
            )
            out.executemany(
                "INSERT INTO timexes VALUES (?, ?, ?, ?, ?)",
                (
                    (pos, t.article_id, t.start, t.end, _deflated(t))
                    for pos, t in enumerate(timexes)
                ),
            )
            for index in _INDEXES:  # made once the rows are in: faster than kept up
                out.execute(index)
            out.execute("INSERT INTO saved VALUES (?, ?)", (stamp, TEXTS_FORMAT))
            out.execute("COMMIT")
        finally:
            out.close()


@contextmanager
def replaced_whole(path: Path) -> Iterator[Path]:
    """A new empty file beside ``path``, private to the user (its folder too, if new), to
    write in the block: renamed over ``path`` when the block ends, so a reader sees the old
    file or the new, never half of one; removed when the block fails."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = path.with_name(f"{path.name}.{os.getpid()}-{threading.get_ident()}.partial")
    os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    try:
        yield partial
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _encoded(text: str) -> bytes:
    # ``surrogatepass``: a text holding a lone surrogate is kept as it is, not refused.
    return zlib.compress(text.encode("utf-8", "surrogatepass"), 6)


def _first_line(error: Exception) -> str:
    """An error's first line (a validation error lists every field on lines of its own)."""
    return str(error).splitlines()[0] if str(error) else type(error).__name__


_FACTS = "pos, id, article, grp, value, mod, wstart, wend, sstart, send, people, figures"
_SPANS = "warticle, wstart, wend, article, tstart, tend"
_MORE = "warticle, tstart, tend, body"
_MARKS = ",".join("?" * 16)
_FIGURE_FACTS = 'pos, id, article, start, "end", measure, kind'
_FIGURE_MARKS = ",".join("?" * 8)
_MENTION_COLUMNS = 'place, person, article, start, "end", text'
_ROLE_COLUMNS = 'place, person, article, start, "end", text, title, org'
_ROLE_MARKS = ",".join("?" * 9)


def _span(row: tuple[Any, ...]) -> Span:
    """A mention from its columns (:data:`_MENTION_COLUMNS`): made as read, its words
    checked against its span as any span's are."""
    _place, _person, article, start, end, text = row
    return Span(article_id=article, start=start, end=end, text=text)


def _role(row: tuple[Any, ...]) -> Role:
    """A role from its columns (:data:`_ROLE_COLUMNS`), its words checked against its span
    as any span's are."""
    _place, _person, article, start, end, text, title, org = row
    return Role(article_id=article, start=start, end=end, text=text, title=title, org=org)


def _facts(row: tuple[Any, ...]) -> EventFacts:
    pos, eid, article, grp, value, mod, wstart, wend, sstart, send, people, figures = row
    return EventFacts(
        pos,
        eid,
        article,
        grp,
        value,
        mod,
        wstart,
        wend,
        sstart,
        send,
        tuple(people.split(LISTED)) if people else (),
        tuple(figures.split(LISTED)) if figures else (),
    )


def _event_row(pos: int, event: Event) -> tuple[object, ...]:
    """An event's row: its :class:`EventFacts` (the lists joined), its own spans, itself."""
    *facts, people, figures = EventFacts.of(pos, event)
    trigger = event.trigger
    return (
        *facts,
        LISTED.join(people),
        LISTED.join(figures),
        event.when.article_id,
        None if trigger is None else trigger.start,
        None if trigger is None else trigger.end,
        _deflated(event),
    )


def _deflated(record: Quote | Event | Figure | TimeExpr) -> bytes:
    return zlib.compress(record.model_dump_json().encode(), 1)


def _inflated(body: bytes) -> bytes:
    return zlib.decompress(body)


def _decoded(body: bytes) -> str:
    return zlib.decompress(body).decode("utf-8", "surrogatepass")
