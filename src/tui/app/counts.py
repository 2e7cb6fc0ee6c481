"""The frequency table (``F``, as VisiData's Shift+F): the focused pane's rows counted by one
of its columns — outlet, month, person, measure, kind — each count a filter. Pure Python
over the :class:`CorpusView` (no Textual); the screen is ``screens/frequency.py``, the key
``frequency.py``."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from tui.app.view import ArticleFilter, CorpusView
from tui.records.models import Event, Figure, Person
from tui.records.timevalue import display_value

Apply = Literal["outlet", "person", "search", "none"]

_MONTH = re.compile(r"^\d{4}-\d{2}")


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


def month_of(value: str | None) -> str | None:
    """``Mar 2024`` for a date of month or day precision; None for anything coarser."""
    if value and _MONTH.match(value):
        return display_value(value[:7], None)
    return None


def _column(title: str, total: int, found: Iterable[tuple[str, Apply, str]]) -> Column:
    counts: Counter[tuple[str, Apply, str]] = Counter(found)
    buckets = [Bucket(label, n, apply, target) for (label, apply, target), n in counts.items()]
    buckets.sort(key=lambda b: (-b.count, b.label.casefold()))
    return Column(title, buckets, total)


def _outlets(view: CorpusView, article_ids: Iterable[str]) -> Iterable[tuple[str, Apply, str]]:
    for article_id in article_ids:
        name = view.outlet_of(article_id)
        yield name, "outlet", name


def timeline_columns(view: CorpusView, events: Sequence[Event]) -> list[Column]:
    """Events by outlet, by month (of their date) and by person named in them."""

    def months() -> Iterable[tuple[str, Apply, str]]:
        for event in events:
            month = month_of(event.when.value)
            yield (month, "search", month) if month else ("coarser than a month", "none", "")

    def people() -> Iterable[tuple[str, Apply, str]]:
        for event in events:
            for pid in event.people:
                person = view.people.get(pid)
                if person is not None:
                    yield person.name, "person", pid

    n = len(events)
    return [
        _column("outlet", n, _outlets(view, (e.article_id for e in events))),
        _column("month", n, months()),
        _column("person", n, people()),
    ]


def figures_columns(view: CorpusView, figures: Sequence[Figure]) -> list[Column]:
    """Figures by measure, by outlet, by kind and by person they involve."""
    ids = {f.id for f in figures}
    n = len(figures)

    def people() -> Iterable[tuple[str, Apply, str]]:
        for pid, fids in view.figures_of_person.items():
            person = view.people.get(pid)
            if person is not None:
                for _ in fids & ids:
                    yield person.name, "person", pid

    def measures() -> Iterable[tuple[str, Apply, str]]:
        for f in figures:
            yield (f.measure, "search", f.measure) if f.measure else ("no measure", "none", "")

    return [
        _column("measure", n, measures()),
        _column("outlet", n, _outlets(view, (f.article_id for f in figures))),
        _column("kind", n, ((f.kind, "search", f.kind) for f in figures)),
        _column("person", n, people()),
    ]


def people_columns(view: CorpusView, people: Sequence[Person]) -> list[Column]:
    """People by the outlets that name them (a person named by two outlets counts in both)."""

    def outlets() -> Iterable[tuple[str, Apply, str]]:
        for person in people:
            for name in dict.fromkeys(view.outlet_of(m.article_id) for m in person.mentions):
                yield name, "outlet", name

    return [_column("outlet", len(people), outlets())]


def outlet_filter(view: CorpusView, name: str) -> ArticleFilter:
    """Every article of the outlet ``name`` (labelled as the outlet picker labels it)."""
    ids = frozenset(a.id for a in view.corpus.articles if view.outlet_of(a.id) == name)
    return ArticleFilter(f"outlet: {name}", ids)
