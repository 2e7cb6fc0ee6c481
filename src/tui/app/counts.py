"""The frequency table (``F``, as VisiData's Shift+F): the focused pane's rows counted by one
of its columns — outlet, month, person, measure, kind — each count a filter. Pure Python
over the :class:`CorpusView` (no Textual); the screen is ``screens/frequency.py``, the key
``frequency.py``. A column is counted when it is first shown (:class:`LazyColumn`), with
rows counted by article, date value or person id first (at C speed), then each distinct
one named once."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from itertools import chain
from operator import attrgetter
from typing import Generic, Literal, Protocol, TypeVar

from tui.app.view import ArticleFilter, CorpusView
from tui.records.models import Person
from tui.records.timevalue import display_value
from tui.snapshot import EventFacts

Apply = Literal["outlet", "person", "search", "none"]
Found = tuple[str, Apply, str]
"""A row's value: its label, which filter it stands for, and that filter's target."""

_MONTH = re.compile(r"^\d{4}-\d{2}")
COARSE = "coarser than a month"


@dataclass(frozen=True)
class Bucket:
    """One row of the table: a value, how many rows have it, and the filter it stands for
    (``apply`` says which: an outlet, a person, a search typed into the pane, or none)."""

    label: str
    count: int
    apply: Apply
    target: str = ""


@dataclass(frozen=True)
class Column:
    title: str
    buckets: list[Bucket]
    total: int


@dataclass
class LazyColumn:
    """A column's title, and its counts made the first time they are asked for."""

    title: str
    make: Callable[[], Column]
    _made: Column | None = field(default=None, repr=False)

    def get(self) -> Column:
        if self._made is None:
            self._made = self.make()
        return self._made


def month_of(value: str | None) -> str | None:
    """``Mar 2024`` for a date of month or day precision; None for anything coarser."""
    if value and _MONTH.match(value):
        return display_value(value[:7], None)
    return None


def count(title: str, total: int, found: Iterable[Found]) -> Column:
    """The values found, counted, most frequent first (then by label)."""
    return tally(title, total, Counter(found))


def tally(title: str, total: int, counts: Counter[Found]) -> Column:
    buckets = [Bucket(label, n, apply, target) for (label, apply, target), n in counts.items()]
    buckets.sort(key=lambda b: (-b.count, b.label.casefold()))
    return Column(title, buckets, total)


def regroup(counts: Counter[str], name: Callable[[str], Found]) -> Counter[Found]:
    """Counts of keys (article ids, date values) as counts of what they stand for: the
    rows are counted at C speed first, then each distinct key is named once."""
    out: Counter[Found] = Counter()
    for key, n in counts.items():
        out[name(key)] += n
    return out


def _outlet(view: CorpusView) -> Callable[[str], Found]:
    def named(article_id: str) -> Found:
        outlet = view.outlet_of(article_id)
        return (outlet, "outlet", outlet)

    return named


def _month(value: str) -> Found:
    month = month_of(value)
    return (month, "search", month) if month else (COARSE, "none", "")


def _person(view: CorpusView) -> Callable[[str], Found]:
    def named(person_id: str) -> Found:
        person = view.people.get(person_id)
        return (person.name if person is not None else person_id, "person", person_id)

    return named


T = TypeVar("T")


def _listed(rows: Sequence[T] | Callable[[], Sequence[T]]) -> Callable[[], Sequence[T]]:
    """``rows``, or what lists them, called once by the first column that asks."""
    if not callable(rows):
        return lambda: rows
    listed: list[Sequence[T]] = []

    def once() -> Sequence[T]:
        if not listed:
            listed.append(rows())
        return listed[0]

    return once


@dataclass(frozen=True)
class Batches(Generic[T]):
    """What lists rows a batch at a time, each call going over them anew: counted without
    holding them all (``F`` on Figures: the 700,000 figures' facts of 100,000 articles, held
    at once, ~300 MB of small objects, left ~55 MB of CPython's arenas part-used behind
    them when let go)."""

    each: Callable[[], Iterator[Sequence[T]]]


def timeline_columns(
    view: CorpusView,
    rows: Sequence[EventFacts] | Callable[[], Sequence[EventFacts]] | Batches[EventFacts],
) -> list[LazyColumn]:
    """Events by outlet, by month (of their date) and by person named in them, from what
    the index knows of each (:class:`~tui.snapshot.EventFacts`: the events themselves are
    not read). ``rows`` may be what lists them: it is then called by the first column
    counted; or :class:`Batches`, gone over once by the first column counted, for all
    three (in the screen's worker: the Timeline reads its rows from its table, 700,000 at
    100,000 articles)."""
    if isinstance(rows, Batches):
        return _timeline_by_batch(view, rows)
    listed = _listed(rows)

    def outlets() -> Column:
        events = listed()
        by_article = Counter(map(attrgetter("article_id"), events))
        return tally("outlet", len(events), regroup(by_article, _outlet(view)))

    def months() -> Column:
        events = listed()
        by_value = Counter(e.value or "" for e in events)
        return tally("month", len(events), regroup(by_value, _month))

    def people() -> Column:
        events = listed()
        named = Counter(chain.from_iterable(map(attrgetter("people"), events)))
        return _events_by_person(view, len(events), named)

    return [
        LazyColumn("outlet", outlets),
        LazyColumn("month", months),
        LazyColumn("person", people),
    ]


def _events_by_person(view: CorpusView, n: int, named: Counter[str]) -> Column:
    """The people named in ``n`` events (``named``: how many name each id), those the
    view has, by name."""
    by_person = regroup(
        Counter({k: v for k, v in named.items() if k in view.people}), _person(view)
    )
    return tally("person", n, by_person)


@dataclass
class _EventCounts:
    """The Timeline's rows counted by article, date value and person named, in one pass."""

    n: int = 0
    by_article: Counter[str] = field(default_factory=Counter)
    by_value: Counter[str] = field(default_factory=Counter)
    named: Counter[str] = field(default_factory=Counter)


def _timeline_by_batch(view: CorpusView, rows: Batches[EventFacts]) -> list[LazyColumn]:
    """:func:`timeline_columns` of rows listed a batch at a time: every column counted in
    one pass (what the first of them asks: the reading is what costs, the counting is at C
    speed), each batch's events let go once counted; the same counts, in the same order,
    as over the whole list. Each column's buckets are made when it is first shown."""
    counted: list[_EventCounts] = []

    def counts() -> _EventCounts:
        if not counted:
            made = _EventCounts()
            for batch in rows.each():
                made.n += len(batch)
                made.by_article.update(map(attrgetter("article_id"), batch))
                made.by_value.update(e.value or "" for e in batch)
                made.named.update(chain.from_iterable(map(attrgetter("people"), batch)))
            counted.append(made)
        return counted[0]

    def outlets() -> Column:
        made = counts()
        return tally("outlet", made.n, regroup(made.by_article, _outlet(view)))

    def months() -> Column:
        made = counts()
        return tally("month", made.n, regroup(made.by_value, _month))

    def people() -> Column:
        made = counts()
        return _events_by_person(view, made.n, made.named)

    return [
        LazyColumn("outlet", outlets),
        LazyColumn("month", months),
        LazyColumn("person", people),
    ]


class CountedFigure(Protocol):
    """What counting a figure reads of it: a :class:`~tui.snapshot.FigureFacts` (read
    from columns) or the :class:`~tui.records.models.Figure` itself."""

    @property
    def id(self) -> str: ...

    @property
    def article_id(self) -> str: ...

    @property
    def measure(self) -> str | None: ...

    @property
    def kind(self) -> str: ...


def figures_columns(
    view: CorpusView,
    rows: Sequence[CountedFigure] | Callable[[], Sequence[CountedFigure]] | Batches[CountedFigure],
) -> list[LazyColumn]:
    """Figures by measure, by outlet, by kind and by person they involve, counted from
    what the index knows of each (:class:`tui.snapshot.FigureFacts`: no figure read from
    a file that holds them). ``rows`` may be what lists them: it is then called by the
    first column counted (in the screen's worker: at 100,000 articles listing the pane's
    700,000 figures took ~0.25 s); or :class:`Batches`, gone over once for the measures,
    outlets and kinds together (the first of them counted), once more for the people."""
    if isinstance(rows, Batches):
        return _figures_by_batch(view, rows)
    figures_counted = _listed(rows)

    def measures() -> Column:
        figures = figures_counted()
        return tally(
            "measure", len(figures), regroup(Counter(f.measure or "" for f in figures), _measure)
        )

    def outlets() -> Column:
        figures = figures_counted()
        by_article = Counter(map(attrgetter("article_id"), figures))
        return tally("outlet", len(figures), regroup(by_article, _outlet(view)))

    def kinds() -> Column:
        figures = figures_counted()
        by_kind = Counter(map(attrgetter("kind"), figures))
        return tally("kind", len(figures), regroup(by_kind, _kind))

    def people() -> Column:
        figures = figures_counted()
        return _figures_by_person(view, len(figures), {f.id for f in figures})

    return [
        LazyColumn("measure", measures),
        LazyColumn("outlet", outlets),
        LazyColumn("kind", kinds),
        LazyColumn("person", people),
    ]


def _measure(measure: str) -> Found:
    return (measure, "search", measure) if measure else ("no measure", "none", "")


def _kind(kind: str) -> Found:
    return (kind, "search", kind)


def _figures_by_person(view: CorpusView, n: int, ids: AbstractSet[str]) -> Column:
    by_person = Counter(
        {
            pid: sum(i in ids for i in mine.ids())
            for pid, mine in view.figures_of_person_sorted.items()
            if pid in view.people
        }
    )
    return tally("person", n, regroup(+by_person, _person(view)))


def _figures_by_batch(view: CorpusView, rows: Batches[CountedFigure]) -> list[LazyColumn]:
    """:func:`figures_columns` of rows listed a batch at a time: the measures, outlets and
    kinds counted in one pass (what the first of them asks), each batch's figures let go
    once counted; the same counts, in the same order, as over the whole list."""
    counted: list[tuple[Column, Column, Column]] = []

    def three() -> tuple[Column, Column, Column]:
        if not counted:
            n = 0
            measure: Counter[str] = Counter()
            by_article: Counter[str] = Counter()
            kind: Counter[str] = Counter()
            for batch in rows.each():
                n += len(batch)
                measure.update(f.measure or "" for f in batch)
                by_article.update(map(attrgetter("article_id"), batch))
                kind.update(map(attrgetter("kind"), batch))
            counted.append(
                (
                    tally("measure", n, regroup(measure, _measure)),
                    tally("outlet", n, regroup(by_article, _outlet(view))),
                    tally("kind", n, regroup(kind, _kind)),
                )
            )
        return counted[0]

    def people() -> Column:
        ids: set[str] = set()
        n = 0
        for batch in rows.each():
            n += len(batch)
            ids.update(f.id for f in batch)
        return _figures_by_person(view, n, ids)

    return [
        LazyColumn("measure", lambda: three()[0]),
        LazyColumn("outlet", lambda: three()[1]),
        LazyColumn("kind", lambda: three()[2]),
        LazyColumn("person", people),
    ]


def people_columns(view: CorpusView, people: Sequence[Person]) -> list[LazyColumn]:
    """People by the outlets that name them (a person named by two outlets counts in both)."""
    outlet = _outlet(view)

    def outlets() -> Column:
        names: dict[str, Found] = {}
        found: Counter[Found] = Counter()
        articles_of = view.mention_articles_of({p.id for p in people})
        for person in people:
            seen = set()
            for article_id in articles_of.get(person.id, ()):
                name = names.get(article_id)
                if name is None:
                    name = names[article_id] = outlet(article_id)
                seen.add(name)
            found.update(seen)
        return tally("outlet", len(people), found)

    return [LazyColumn("outlet", outlets)]


def outlet_filter(view: CorpusView, name: str) -> ArticleFilter:
    """Every article of the outlet ``name`` (labelled as the outlet picker labels it)."""
    ids = frozenset(a.id for a in view.corpus.articles if view.outlet_of(a.id) == name)
    return ArticleFilter(f"outlet: {name}", ids)
