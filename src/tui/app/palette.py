"""The command palette's index (no Textual): every entry of a corpus view — people, their
pages, dates, figures, comparisons, conflict views, date pages, articles — held as one
lower-cased string and the offset where each entry starts, searched with ``str.find`` and
one regular expression; an entry's text, help and record are made again for the hits shown.
"""

from __future__ import annotations

import asyncio
import re
from array import array
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, Generic, Literal, NamedTuple, TypeVar, overload

from tui.app.conflict_rows import ConflictSpot
from tui.app.date_rows import DateSpot, Days, EventDays
from tui.app.format import article_label, figure_label, shorten, status_mark, timex_label, timex_of
from tui.app.panes.people import role_summary
from tui.app.records import RecordKey, RecordKind
from tui.app.threads import short_switches
from tui.app.view import CorpusView
from tui.records.models import Comparison, Event, Figure, Person

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

    def entry(self, item: T) -> Entry:
        return Entry(self.text(item), self.help(item), self.key(item), self.opens(item))


SEPARATOR = "\n"
"""Between two entries' texts in the index (an entry's text never holds one)."""


class PaletteIndex:
    """Every entry's lower-cased text in one string, and where each starts.

    A corpus of 10,000 articles has ~150,000 entries: held as five-tuples of strings they
    took ~85 MB (~550 bytes an entry). Here an entry costs its text's characters and one
    offset; its text, help and record are made again only for the hits shown (at most
    :data:`LIMIT`). A search is ``str.find`` and one regular expression over the whole
    string instead of a Python test per entry.
    """

    def __init__(self, sections: Sequence[Section[Any]]) -> None:
        self.sections = list(sections)
        parts: list[str] = []
        starts = array("q")
        firsts: list[int] = []
        offset = 0
        for section in self.sections:
            firsts.append(len(starts))
            for item in section.items:
                lowered = section.text(item).lower().replace(SEPARATOR, " ")
                starts.append(offset)
                parts.append(lowered)
                offset += len(lowered) + 1
        self.haystack = SEPARATOR.join(parts)
        self.starts = starts
        self.firsts = firsts

    def __len__(self) -> int:
        return len(self.starts)

    def entry(self, index: int) -> Entry:
        """Entry ``index`` (in the order of the sections and their items)."""
        at = bisect_right(self.firsts, index) - 1
        section = self.sections[at]
        return section.entry(section.items[index - self.firsts[at]])

    def entries(self, count: int | None = None) -> list[Entry]:
        """The first ``count`` entries (every entry when None)."""
        total = len(self) if count is None else min(count, len(self))
        return [self.entry(i) for i in range(total)]

    def _at(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1

    def _end(self, index: int) -> int:
        return self.starts[index + 1] if index + 1 < len(self.starts) else len(self.haystack)

    def candidates(self, query: str) -> list[Entry]:
        """Up to LIMIT entries the fuzzy matcher will score above zero: those containing
        the query first (the matcher ranks them highest), then those containing its
        letters in order (what the matcher needs to match at all), each in index order.
        Every match when there are fewer."""
        needle = query.lower()
        haystack = self.haystack
        found: list[int] = []
        position = haystack.find(needle) if needle else -1
        while position != -1 and len(found) < LIMIT:
            index = self._at(position)
            found.append(index)
            position = haystack.find(needle, self._end(index))
        if needle and len(found) < LIMIT:
            letters = re.compile(f"[^{SEPARATOR}]*?".join(map(re.escape, needle)))
            seen = set(found)
            position = 0
            while len(found) < LIMIT:
                match = letters.search(haystack, position)
                if match is None:
                    break
                index = self._at(match.start())
                if index not in seen:
                    found.append(index)
                position = self._end(index)
        return [self.entry(i) for i in found]


def palette_index(view: CorpusView) -> PaletteIndex:
    """The palette's index of :func:`palette_sections` (every entry's text made once)."""
    return PaletteIndex(palette_sections(view))


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
    """A list made on first use (a section whose items cost a pass over the corpus)."""

    def __init__(self, make: Callable[[], list[T]]) -> None:
        self._make = make
        self._items: list[T] | None = None

    def _list(self) -> list[T]:
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
    articles = view.articles

    def person_help(person: Person) -> str:
        return role_summary(person) or f"{len(person.mentions)} mentions"

    def event_text(event: Event) -> str:
        sentence = articles[event.article_id].text[event.sentence.start : event.sentence.end]
        return f"date: {timex_of(event.when)} — {shorten(sentence, 50)}"

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
        ),
        Section(
            view.corpus.figures,
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
    """The palette's index of the view shown, built once per view in a thread, from the
    palette's first opening (so opening it on a large corpus never holds the event loop:
    what is shown before typing needs no index, and a search waits for it while the
    palette says it is busy). The index of a view no longer shown is dropped."""

    def __init__(self) -> None:
        self._view: CorpusView | None = None
        self._task: asyncio.Task[PaletteIndex] | None = None

    def start(self, view: CorpusView) -> asyncio.Task[PaletteIndex]:
        """The build of ``view``'s index, started if need be."""
        if self._task is None or self._view is not view:
            self._view = view
            self._task = asyncio.create_task(asyncio.to_thread(_build, view))
        return self._task

    def ready(self, view: CorpusView) -> PaletteIndex | None:
        """``view``'s index if it is built."""
        task = self._task
        if task is None or self._view is not view or not task.done() or task.cancelled():
            return None
        return task.result()

    async def get(self, view: CorpusView) -> PaletteIndex:
        """``view``'s index, once built (a search cancelled meanwhile leaves the build on)."""
        return await asyncio.shield(self.start(view))


def _build(view: CorpusView) -> PaletteIndex:
    with short_switches():
        return palette_index(view)


def _sources(view: CorpusView, figure_ids: list[str]) -> int:
    """The independent sources of some figures (a copy counts with its original)."""
    articles = {view.figures[f].article_id for f in figure_ids if f in view.figures}
    return len({view.articles[a].copy_of or a for a in articles if a in view.articles})


_Date = tuple[Days, Event, int, int]
"""A date events are on: its days, its first event, how many events and outlets it has."""


def _dates(view: CorpusView) -> list[_Date]:
    """Each date events are on (in Timeline order): its days, its first event, how many
    events and outlets it has."""
    days_of = EventDays(view)
    found: dict[Days, tuple[Event, list[str]]] = {}
    for event in view.sorted_events:
        days = days_of.of(event)
        if days is None:
            continue
        entry = found.setdefault(days, (event, []))
        entry[1].append(event.article_id)
    return [
        (days, first, len(ids), len({view.outlet_of(a) for a in ids}))
        for days, (first, ids) in found.items()
    ]
