"""The command palette's index (no Textual): every entry of a corpus view — people, their
pages, dates, figures, comparisons, conflict views, date pages, articles — searched in the
file a session saved beside the store for the corpus (:class:`SavedPaletteIndex`: the
entries' lower-cased texts in chunks, with a trigram index), or, when there is
none, held as one lower-cased UTF-8 string of bytes and the offset where each entry starts,
searched with ``bytes.find`` and one regular expression (:class:`PaletteIndex`); an
entry's text, help and record are made again for the hits shown.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from abc import ABC, abstractmethod
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, Generic, Literal, NamedTuple, TypeVar, cast, overload

from tui.app.conflict_rows import ConflictSpot
from tui.app.date_rows import DateSpot, Days, EventDays
from tui.app.format import article_label, figure_label, shorten, status_mark, timex_label, timex_of
from tui.app.panes.people import role_summary
from tui.app.records import RecordKey, RecordKind
from tui.app.threads import short_switches
from tui.app.view import CorpusView, EventList
from tui.paged import LINE_BREAK, SavedSearch, SavedTables, lines_holding, lines_with_letters
from tui.records.models import Comparison, Event, Figure, Person
from tui.snapshot import events_at

T = TypeVar("T")

LIMIT = 200
"""At most this many hits per query (and entries shown before typing): a corpus has
100,000+ records, and the palette builds and scores an option per hit."""

Opens = Literal["page"] | ConflictSpot | DateSpot | None
"""What an entry opens: the person's page, a conflict view, a date page; None: the record is
shown and selected in its pane."""


class Entry(NamedTuple):
    """One palette entry: its text, its help line, its record and what it opens."""

    text: str
    help: str
    key: RecordKey
    opens: Opens = None


@dataclass(frozen=True)
class Section(Generic[T]):
    """Entries of one kind: one per item, each part made from the item when asked."""

    items: Sequence[T]
    text: Callable[[T], str]
    help: Callable[[T], str]
    key: Callable[[T], RecordKey]
    opens: Callable[[T], Opens] = lambda item: None
    texts: Callable[[Sequence[T]], Iterable[str]] | None = None
    """Every item's :attr:`text` at once, in order, for the index (when that is cheaper
    than one at a time: the events' sentences, each article's text read once)."""

    def all_texts(self) -> Iterable[str]:
        """Every item's text, in order."""
        if self.texts is not None:
            return self.texts(self.items)
        return map(self.text, self.items)

    def entry(self, item: T) -> Entry:
        return Entry(self.text(item), self.help(item), self.key(item), self.opens(item))


class Stopped(Exception):
    """An index's build was stopped: its view is no longer shown, or the app is closing."""


STOP_CHECK = 512
"""Entries indexed between two looks at the build's stop flag."""

SEPARATOR = "\n"
"""Between two entries' texts in the index (an entry's text never holds one)."""

BYTE_SEPARATOR = LINE_BREAK

MAX_OFFSET = 2**32 - 1
"""The largest offset the index keeps in 4 bytes (beyond, 8)."""


class Entries(ABC):
    """The palette's entries by number (in the order of the sections and their items),
    and which of them a query may match (:meth:`candidates`); an entry's text, help and
    record are made again for the hits shown."""

    sections: list[Section[Any]]
    firsts: list[int]
    """The number of each section's first entry."""

    @abstractmethod
    def __len__(self) -> int: ...

    @abstractmethod
    def found(self, query: str) -> list[int] | None:
        """The numbers of the entries :meth:`candidates` gives; None: a later search
        stopped this one."""

    def entry(self, index: int) -> Entry:
        """Entry ``index`` (in the order of the sections and their items)."""
        at = bisect_right(self.firsts, index) - 1
        section = self.sections[at]
        return section.entry(section.items[index - self.firsts[at]])

    def entries(self, count: int | None = None) -> list[Entry]:
        """The first ``count`` entries (every entry when None)."""
        total = len(self) if count is None else min(count, len(self))
        return [self.entry(i) for i in range(total)]

    def candidates(self, query: str) -> list[Entry]:
        """Up to LIMIT entries the fuzzy matcher will score above zero: those containing
        the query first (the matcher ranks them highest), then those containing its
        letters in order (what the matcher needs to match at all), each in index order.
        Every match when there are fewer; none when a later search stopped this one."""
        found = self.found(query)
        return [] if found is None else [self.entry(i) for i in found]


def searchable(text: str) -> str:
    """An entry's text as a search looks in it: lower-cased, on one line."""
    return text.lower().replace(SEPARATOR, " ")


class PaletteIndex(Entries):
    """Every entry's lower-cased text in one UTF-8 string of bytes, and where each starts.

    A corpus of 10,000 articles has ~150,000 entries: held as five-tuples of strings they
    took ~85 MB (~550 bytes an entry). Here an entry costs its text's bytes and one offset;
    its text, help and record are made again only for the hits shown (at most
    :data:`LIMIT`). A search is ``bytes.find`` and one regular expression over the whole
    string instead of a Python test per entry.

    Bytes, not ``str``: CPython stores a ``str`` at the width of its widest character, and
    the entries' dashes (``—``) made the whole string 2 bytes a character (4 with one
    emoji in 1.5 million entries); UTF-8 keeps ASCII at one. A needle encoded the same way
    is found at the same entries: a character's encoding starts with a byte no other
    character's encoding holds inside it, so a match never starts or ends mid-character.

    Held for the session's life (86 MB at 100,000 articles): a corpus whose files are saved
    beside the store is searched there instead (:class:`SavedPaletteIndex`).
    """

    def __init__(
        self, sections: Sequence[Section[Any]], stop: threading.Event | None = None
    ) -> None:
        """Index ``sections``; :class:`Stopped` as soon as ``stop`` is set."""
        self.sections = list(sections)
        made = bytearray()  # one buffer grown in place: no list of 1.5 million strings
        starts = array("I")
        firsts: list[int] = []
        for section in self.sections:
            firsts.append(len(starts))
            for text in section.all_texts():
                if stop is not None and not len(starts) % STOP_CHECK and stop.is_set():
                    raise Stopped
                if len(made) > MAX_OFFSET and starts.typecode == "I":
                    starts = array("q", starts)
                starts.append(len(made))
                made += _encoded(searchable(text))
                made += BYTE_SEPARATOR
        del made[-1:]  # separators only between entries
        self.haystack = bytes(made)
        del made
        self.starts = starts
        self.firsts = firsts

    def __len__(self) -> int:
        return len(self.starts)

    def found(self, query: str) -> list[int]:
        lowered = query.lower()
        found: list[int] = []
        whole = [(0, self.haystack)]
        lines_holding(whole, _encoded(lowered), LIMIT, found)
        lines_with_letters(whole, [_encoded(c) for c in lowered], LIMIT, found)
        return found


class SavedPaletteIndex(Entries):
    """The palette's entries searched in the file a session saved beside the store for
    this corpus (:class:`tui.paged.SavedSearch`: its lines are :func:`palette_lines`), not
    held in memory: the same candidates as :class:`PaletteIndex`, in the same order (a
    lone surrogate or NUL, which SQLite cannot hold, is matched as U+FFFD), at once from
    the first opening instead of after the index is built."""

    def __init__(self, sections: Sequence[Section[Any]], search: SavedSearch) -> None:
        self.sections = list(sections)
        self.search = search
        self.firsts = search.firsts

    @classmethod
    def of(cls, view: CorpusView, search: SavedSearch) -> SavedPaletteIndex | None:
        """The saved entries of ``view``: None when the file's sections are not the view's
        (their sizes differ: another corpus's; the sections made by a pass are not
        counted)."""
        sections = palette_sections(view)
        firsts = search.firsts
        if len(firsts) != len(sections):
            return None
        ends = [*firsts[1:], len(search)]
        for section, first, end in zip(sections, firsts, ends, strict=True):
            if not isinstance(section.items, _Later) and len(section.items) != end - first:
                return None
        return cls(sections, search)

    def __len__(self) -> int:
        return len(self.search)

    def found(self, query: str) -> list[int] | None:
        return self.search.found(query.lower(), LIMIT)


def palette_lines(view: CorpusView) -> Iterator[Iterator[str]]:
    """The palette's entries of ``view`` as a search looks in them, section by section
    (what :class:`SavedPaletteIndex` reads from its file)."""
    for section in palette_sections(view):
        yield map(searchable, section.all_texts())


def saved_palette(view: CorpusView, saved: SavedTables | None = None) -> SavedSearch | None:
    """The palette's entries saved for ``view``'s corpus, opened once per view (by the load
    worker, from ``saved``: :func:`tui.app.loading.indexed`); None when there are none."""
    return view.made(
        "palette", lambda: _Opened(saved.search() if saved is not None else None)
    ).search


@dataclass(frozen=True)
class _Opened:
    search: SavedSearch | None


def _encoded(text: str) -> bytes:
    """``text`` as the index holds it: UTF-8, a lone surrogate (a file's undecodable byte)
    encoded as it stands rather than refused."""
    return text.encode("utf-8", "surrogatepass")


def palette_index(view: CorpusView, stop: threading.Event | None = None) -> PaletteIndex:
    """The palette's index of :func:`palette_sections` in memory (every entry's text made
    once)."""
    return PaletteIndex(palette_sections(view), stop)


def opened_index(view: CorpusView) -> SavedPaletteIndex | None:
    """The palette's entries of ``view`` searched in their saved file, if there is one."""
    search = saved_palette(view)
    return None if search is None else SavedPaletteIndex.of(view, search)


def first_entries(sections: Sequence[Section[Any]], count: int) -> list[Entry]:
    """The first ``count`` entries of ``sections``, made without an index (what the palette
    shows before anything is typed)."""
    entries: list[Entry] = []
    for section in sections:
        for item in section.items[: count - len(entries)]:
            entries.append(section.entry(item))
        if len(entries) >= count:
            break
    return entries


class _Later(Sequence[T]):
    """A list made on first use (a section whose items cost a pass over the corpus), once
    whichever thread asks first (searches run in threads)."""

    def __init__(self, make: Callable[[], list[T]]) -> None:
        self._make = make
        self._items: list[T] | None = None
        self._making = threading.Lock()

    def _list(self) -> list[T]:
        with self._making:
            if self._items is None:
                self._items = self._make()
            return self._items

    def __len__(self) -> int:
        return len(self._list())

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...

    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        return self._list()[index]


def palette_sections(view: CorpusView) -> list[Section[Any]]:
    """The palette's entries for ``view``, by kind: people, their pages, dates, figures,
    comparisons, conflict views, date pages and articles."""

    def person_help(person: Person) -> str:
        return role_summary(person) or f"{view.mention_count(person.id)} mentions"

    def event_text(event: Event) -> str:
        sentence = view.text(event.article_id)[event.sentence.start : event.sentence.end]
        return dated(timex_of(event.when), shorten(sentence, SENTENCE_WIDTH))

    def event_texts(events: Sequence[Event]) -> Iterator[str]:
        return dated_texts(view, events)

    def figure_text(figure: Figure) -> str:
        measure = f" — {shorten(figure.measure, 40)}" if figure.measure else ""
        return f"figure: {figure_label(figure)}{measure}"

    def conflict_text(comparison: Comparison) -> str:
        subject = f" ({shorten(comparison.subject, 30)})" if comparison.subject else ""
        sources = _sources(view, comparison.figures)
        return (
            f"conflict view: {shorten(comparison.measure, 50)}{subject}"
            f" · {status_mark(comparison)} ×{sources} sources"
        )

    def conflict_help(comparison: Comparison) -> str:
        detail = f" · {comparison.detail}" if comparison.detail else ""
        return shorten(comparison.measure, 40) + detail

    def date_text(date: _Date) -> str:
        _, first, sentences, outlets = date
        label = timex_label(first.when.value, first.when.mod)
        return (
            f"date page: {label} · {sentences} sentence{'s' * (sentences != 1)}, "
            f"{outlets} outlet{'s' * (outlets != 1)}"
        )

    def date_opens(date: _Date) -> Opens:
        days, first, _, _ = date
        return DateSpot(days, timex_label(first.when.value, first.when.mod), event_id=first.id)

    def person_key(person: Person) -> RecordKey:
        return RecordKey(RecordKind.PERSON, person.id)

    def comparison_key(comparison: Comparison) -> RecordKey:
        return RecordKey(RecordKind.COMPARISON, comparison.id)

    people = view.corpus.people
    comparisons = view.corpus.comparisons
    sections: list[Section[Any]] = [
        Section(people, lambda p: f"person: {shorten(p.name, 60)}", person_help, person_key),
        Section(
            people,
            lambda p: f"page: {shorten(p.name, 60)}",
            lambda p: "everything they said, where they are mentioned, who with",
            person_key,
            lambda p: "page",
        ),
        Section(
            view.sorted_events,
            event_text,
            lambda e: view.outlet_of(e.article_id),
            lambda e: RecordKey(RecordKind.EVENT, e.id),
            texts=event_texts,
        ),
        Section(
            view.all_figures,  # read a batch at a time
            figure_text,
            lambda f: view.outlet_of(f.article_id),
            lambda f: RecordKey(RecordKind.FIGURE, f.id),
        ),
        Section(
            comparisons,
            lambda c: f"{c.status}: {shorten(c.measure, 50)}",
            lambda c: shorten(c.detail, 60),
            comparison_key,
        ),
        Section(
            comparisons,
            conflict_text,
            conflict_help,
            comparison_key,
            lambda c: ConflictSpot(c.id),
        ),
        Section(
            _Later(partial(_dates, view)),
            date_text,
            lambda d: "every source's sentences on that date, by outlet",
            lambda d: RecordKey(RecordKind.EVENT, d[1].id),
            date_opens,
        ),
        Section(
            view.corpus.articles,
            lambda a: f"article: {shorten(article_label(a), 70)}",
            lambda a: a.path,
            lambda a: RecordKey(RecordKind.ARTICLE, a.id),
        ),
    ]
    return sections


class PaletteIndexes:
    """The palette's index of the view shown: its saved file's, opened at once, when a
    session saved the corpus's entries beside the store (:func:`opened_index`); else built
    once per view in a thread, from the palette's first opening (so opening it on a large
    corpus never holds the event loop: what is shown before typing needs no index, and a
    search waits for it while the palette says it is busy). The build of a view no longer
    shown is stopped and its index dropped; :meth:`close` stops a build when the app quits.
    The thread is a daemon, so quitting never waits for a build (it only reads the view)."""

    def __init__(self) -> None:
        self._view: CorpusView | None = None
        self._task: asyncio.Future[Entries] | None = None
        self._stop = threading.Event()

    def start(self, view: CorpusView) -> asyncio.Future[Entries]:
        """The build of ``view``'s index, started if need be (done at once when its
        entries are saved)."""
        if self._task is None or self._view is not view:
            self.close()
            self._view = view
            self._stop = threading.Event()
            opened = opened_index(view)
            if opened is not None:
                self._task = asyncio.get_running_loop().create_future()
                self._task.set_result(opened)
            else:
                self._task = _in_thread(view, self._stop)
        return self._task

    def close(self) -> None:
        """Stop the build under way, if any."""
        self._stop.set()

    def ready(self, view: CorpusView) -> Entries | None:
        """``view``'s index if it is built (or saved)."""
        if self._view is not view and saved_palette(view) is not None:
            self.start(view)
        task = self._task
        if task is None or self._view is not view or not task.done() or task.cancelled():
            return None
        return None if task.exception() is not None else task.result()

    async def get(self, view: CorpusView) -> Entries | None:
        """``view``'s index, once built (a search cancelled meanwhile leaves the build on);
        None when the build was stopped."""
        try:
            return await asyncio.shield(self.start(view))
        except Stopped:
            return None


def _in_thread(view: CorpusView, stop: threading.Event) -> asyncio.Future[Entries]:
    """``view``'s index built in a daemon thread, as a future of the running loop."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[Entries] = loop.create_future()

    def settle(result: PaletteIndex | None, error: BaseException | None) -> None:
        if future.done():
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(cast(PaletteIndex, result))

    def build() -> None:
        result: PaletteIndex | None = None
        error: BaseException | None = None
        try:
            with short_switches():
                result = palette_index(view, stop)
        except Exception as exc:  # handed to the loop: a search shows no hits
            error = exc
        with contextlib.suppress(RuntimeError):  # the loop is closed: the app has quit
            loop.call_soon_threadsafe(settle, result, error)

    threading.Thread(target=build, name="palette-index", daemon=True).start()
    return future


def _sources(view: CorpusView, figure_ids: list[str]) -> int:
    """The independent sources of some figures (a copy counts with its original)."""
    articles = {f.article_id for f in view.members(figure_ids)}
    return len({view.articles[a].copy_of or a for a in articles if a in view.articles})


_Date = tuple[Days, Event, int, int]
"""A date events are on: its days, its first event, how many events and outlets it has."""


def dated_spans(
    events: Sequence[Event],
) -> Iterator[tuple[str | None, str | None, tuple[str, int, int]]]:
    """Each event's date value and modifier and its sentence's span, in order: from what
    the index knows of them (:meth:`EventList.facts`) when they are read from a file, so
    they are not read at all."""
    if isinstance(events, EventList) and events.from_file:
        for f in events.facts():
            yield f.value, f.mod, (f.article_id, f.sentence_start, f.sentence_end)
    else:
        for e in events:
            yield e.when.value, e.when.mod, (e.article_id, e.sentence.start, e.sentence.end)


SENTENCE_WIDTH = 50
"""An event's sentence in its entry: at most this many characters (:func:`shorten`)."""


def dated(label: str, short: str) -> str:
    """An event's entry: its date's label and its sentence shortened."""
    return f"date: {label} — {short}"


def dated_texts(view: CorpusView, events: Sequence[Event]) -> Iterator[str]:
    """Each event's entry (:func:`dated`), in order, from what the index knows of it (events
    read from a file are not read at all), each article's text read once: the sentences are
    shortened in the articles' order into one buffer, then each entry made as it is asked
    for. A list of every event's date, span and sentence, then of every entry (700,000 of
    each at 100,000 articles), filled CPython's memory pools that the objects made among
    them kept from being given back (~110 MB after the index was built)."""
    labels: list[str] = []
    known: dict[tuple[str | None, str | None], str] = {}  # a few thousand dates
    codes: dict[str, int] = {}  # each article's number
    articles: list[str] = []
    where, starts, ends = array("I"), array("I"), array("I")
    for value, mod, (article_id, start, end) in dated_spans(events):
        label = known.get((value, mod))
        if label is None:
            label = known[value, mod] = timex_label(value, mod)
        labels.append(label)
        code = codes.get(article_id)
        if code is None:
            code = codes[article_id] = len(articles)
            articles.append(article_id)
        where.append(code)
        starts.append(start)
        ends.append(end)
    del known, codes
    # The events by article (a counting sort: no list of 700,000 numbers).
    firsts = array("I", bytes(4 * (len(articles) + 1)))
    for code in where:
        firsts[code + 1] += 1
    for code in range(len(articles)):
        firsts[code + 1] += firsts[code]
    order = array("I", bytes(4 * len(where)))
    for i, code in enumerate(where):
        order[firsts[code]] = i
        firsts[code] += 1
    del firsts
    said = bytearray()
    at, lengths = array("I", bytes(4 * len(where))), array("I", bytes(4 * len(where)))
    current, text = -1, ""
    for i in order:
        if where[i] != current:
            current = where[i]
            text = view.text(articles[current])
        encoded = _encoded(shorten(text[starts[i] : ends[i]], SENTENCE_WIDTH))
        at[i], lengths[i] = len(said), len(encoded)
        said += encoded
    del order, where, starts, ends, articles, text
    for i, label in enumerate(labels):
        short = said[at[i] : at[i] + lengths[i]].decode("utf-8", "surrogatepass")
        yield dated(label, short)


def _dates(view: CorpusView) -> list[_Date]:
    """Each date events are on (in Timeline order): its days, its first event, how many
    events and outlets it has (the events gone over without reading them; the first of
    each date read at the end)."""
    days_of = EventDays(view)
    found: dict[Days, tuple[int, list[str]]] = {}
    for facts in view.sorted_events.facts():
        days = days_of.of_value(facts.value)
        if days is None:
            continue
        entry = found.setdefault(days, (facts.pos, []))
        entry[1].append(facts.article_id)
    firsts = events_at(view.corpus, [pos for pos, _ in found.values()])
    return [
        (days, first, len(ids), len({view.outlet_of(a) for a in ids}))
        for (days, (_, ids)), first in zip(found.items(), firsts, strict=True)
    ]
