"""Command palette (ctrl+p): jump to any person, date, figure, comparison or article, or open
a page: a person's (``page: name``), a comparison's conflict view (``conflict view: measure ·
≠ CONFLICT ×3 sources``) or a date's page (``date page: 26 Feb 2024 · 3 sentences, 3
outlets``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from typing import Literal, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from tui.app.conflict_rows import ConflictSpot
from tui.app.date_rows import DateSpot, Days, EventDays
from tui.app.format import article_label, figure_label, shorten, status_mark, timex_label, timex_of
from tui.app.jumps import Jumps
from tui.app.panes.people import role_summary
from tui.app.records import RecordKey, RecordKind
from tui.app.view import CorpusView
from tui.records.models import Event

LIMIT = 200
"""At most this many hits per query (and entries shown before typing): a corpus has
100,000+ records, and the palette builds and scores an option per hit."""

Opens = Literal["page"] | ConflictSpot | DateSpot | None
"""What an entry opens: the person's page, a conflict view, a date page; None: the record is
shown and selected in its pane."""

_Record = tuple[str, str, str, RecordKey, Opens]
"""(text, lower-cased text, help, record, what it opens) of one palette entry."""

_cache: dict[int, tuple[CorpusView, list[_Record]]] = {}


def _records(view: CorpusView) -> list[_Record]:
    """Every entry's text, built once per corpus view (not per keystroke)."""
    cached = _cache.get(id(view))
    if cached is not None and cached[0] is view:
        return cached[1]
    records: list[_Record] = []

    def add(
        text: str, help_text: str, kind: RecordKind, record_id: str, opens: Opens = None
    ) -> None:
        records.append((text, text.lower(), help_text, RecordKey(kind, record_id), opens))

    for person in view.corpus.people:
        add(
            f"person: {shorten(person.name, 60)}",
            role_summary(person) or f"{len(person.mentions)} mentions",
            RecordKind.PERSON,
            person.id,
        )
    for person in view.corpus.people:
        add(
            f"page: {shorten(person.name, 60)}",
            "everything they said, where they are mentioned, who with",
            RecordKind.PERSON,
            person.id,
            opens="page",
        )
    for event in view.sorted_events:
        sentence = view.articles[event.article_id].text[event.sentence.start : event.sentence.end]
        add(
            f"date: {timex_of(event.when)} — {shorten(sentence, 50)}",
            view.outlet_of(event.article_id),
            RecordKind.EVENT,
            event.id,
        )
    for figure in view.corpus.figures:
        add(
            f"figure: {figure_label(figure)}"
            + (f" — {shorten(figure.measure, 40)}" if figure.measure else ""),
            view.outlet_of(figure.article_id),
            RecordKind.FIGURE,
            figure.id,
        )
    for comparison in view.corpus.comparisons:
        add(
            f"{comparison.status}: {shorten(comparison.measure, 50)}",
            shorten(comparison.detail, 60),
            RecordKind.COMPARISON,
            comparison.id,
        )
    for comparison in view.corpus.comparisons:
        add(
            f"conflict view: {shorten(comparison.measure, 50)}"
            + (f" ({shorten(comparison.subject, 30)})" if comparison.subject else "")
            + f" · {status_mark(comparison)} ×{_sources(view, comparison.figures)} sources",
            shorten(comparison.measure, 40)
            + (f" · {comparison.detail}" if comparison.detail else ""),
            RecordKind.COMPARISON,
            comparison.id,
            opens=ConflictSpot(comparison.id),
        )
    for days, first, sentences, outlets in _dates(view):
        label = timex_label(first.when.value, first.when.mod)
        add(
            f"date page: {label} · {sentences} sentence{'s' * (sentences != 1)}, "
            f"{outlets} outlet{'s' * (outlets != 1)}",
            "every source's sentences on that date, by outlet",
            RecordKind.EVENT,
            first.id,
            opens=DateSpot(days, label, event_id=first.id),
        )
    for article in view.corpus.articles:
        add(
            f"article: {shorten(article_label(article), 70)}",
            article.path,
            RecordKind.ARTICLE,
            article.id,
        )
    _cache.clear()  # keep only the current corpus
    _cache[id(view)] = (view, records)
    return records


def _sources(view: CorpusView, figure_ids: list[str]) -> int:
    """The independent sources of some figures (a copy counts with its original)."""
    articles = {view.figures[f].article_id for f in figure_ids if f in view.figures}
    return len({view.articles[a].copy_of or a for a in articles if a in view.articles})


def _dates(view: CorpusView) -> list[tuple[Days, Event, int, int]]:
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


def _candidates(records: list[_Record], query: str) -> list[_Record]:
    """Up to LIMIT records the fuzzy matcher will score above zero: those containing the
    query first (the matcher ranks them highest), then those containing its letters in
    order (what the matcher needs to match at all). Every match when there are fewer."""
    needle = query.lower()
    found = [r for r in records if needle in r[1]][:LIMIT]
    if len(found) < LIMIT:
        letters = re.compile(".*?".join(map(re.escape, needle)), re.DOTALL)
        seen = {id(r) for r in found}
        for record in records:
            if id(record) not in seen and letters.search(record[1]):
                found.append(record)
                if len(found) >= LIMIT:
                    break
    return found


class RecordCommands(Provider):
    """Offers every record on screen. Candidate text is article text, so it is shown as
    plain ``Content`` — never through the matcher's markup-parsing ``highlight``."""

    def _command(self, key: RecordKey, opens: Opens = None) -> Callable[[], None]:
        app = cast(Jumps, self.app)
        if opens == "page":
            return partial(app.open_person_page, key.record_id)
        if isinstance(opens, ConflictSpot):
            return partial(app.open_conflict, opens)
        if isinstance(opens, DateSpot):
            return partial(app.open_date, opens)
        return partial(app.jump_to, key)

    async def discover(self) -> Hits:
        view = cast(Jumps, self.app).view
        if view is None:
            return
        for text, _, help_text, key, opens in _records(view)[:LIMIT]:
            yield DiscoveryHit(Content(text), self._command(key, opens), text=text, help=help_text)

    async def search(self, query: str) -> Hits:
        view = cast(Jumps, self.app).view
        if view is None:
            return
        matcher = self.matcher(query)
        for text, _, help_text, key, opens in _candidates(_records(view), query):
            score = matcher.match(text)
            if score > 0:
                command = self._command(key, opens)
                yield Hit(score, Content(text), command, text=text, help=help_text)
