"""A linked corpus kept in the store, so re-opening an unchanged folder skips all the work.

Extraction is cached per file (see :mod:`tui.store`), but linking runs over the whole folder.
After a load, the linked :class:`~tui.records.models.Corpus` is saved with a *manifest* of the
folder:
every discovered file with its size and mtime (and, for a file that was skipped, its ctime,
so that fixing its permissions is noticed). When the folder's manifest, the code that made
the records and the analyst's corrections are all unchanged, the next load returns the saved
corpus without reading a single article.

A *head* is saved next to it: the same corpus restricted to the newest articles (see
:func:`restrict`). It is small, so a dashboard can show real records in well under a second
while the whole corpus is read in the background.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import secrets
import zlib
from array import array
from collections.abc import Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, NamedTuple, Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, PrivateAttr, TypeAdapter, model_validator

from tui.records.models import (
    Article,
    Comparison,
    Corpus,
    Event,
    Figure,
    MergeEvidence,
    Person,
    Quote,
    Range,
    Role,
    Span,
    TimeExpr,
)
from tui.safetext import visible


class ArticleTexts(Protocol):
    """Where the texts of a corpus's articles are read when the corpus does not hold them
    (see :class:`LeanCorpus`)."""

    def text(self, article_id: str) -> str:
        """The article's text; KeyError when it has none for ``article_id``."""
        ...


@runtime_checkable
class SavedQuotes(Protocol):
    """Where a corpus's statements are read when the corpus does not hold them (see
    :class:`LeanCorpus`): by id, by person, counted, and their spans. Each raises KeyError
    when its file cannot be read any more."""

    def quote(self, quote_id: str) -> Quote | None:
        """The statement ``quote_id`` (of two with one id, the later)."""
        ...

    def quotes(self, person_id: str | None = None) -> list[Quote]:
        """The person's statements (all: None), in the corpus's order."""
        ...

    def quote_count(self) -> int: ...

    def quotes_per_person(self) -> dict[str, int]: ...

    def quote_spans(self) -> list[tuple[str, int, int]]:
        """Each statement's own span: article, start, end."""
        ...


class EventFacts(NamedTuple):
    """What the dashboard's index needs of an event (:meth:`tui.app.view.CorpusView.build`),
    read from columns without reading the event."""

    pos: int
    """The event's place in the corpus's list (-1 when read from a view's dict of events,
    which does not keep it)."""
    id: str
    article_id: str
    group: str | None
    value: str | None
    """Its date's value (``event.when.value``)."""
    mod: str | None
    """Its date's modifier (``event.when.mod``: the label shows it)."""
    when_start: int
    when_end: int
    """Its date's span in the article (``event.when.start`` and ``.end``)."""
    sentence_start: int
    sentence_end: int
    people: tuple[str, ...]
    figures: tuple[str, ...]

    @classmethod
    def of(cls, pos: int, event: Event) -> EventFacts:
        return cls(
            pos,
            event.id,
            event.article_id,
            event.group,
            event.when.value,
            event.when.mod,
            event.when.start,
            event.when.end,
            event.sentence.start,
            event.sentence.end,
            tuple(event.people),
            tuple(event.figures),
        )


@runtime_checkable
class SavedEvents(Protocol):
    """Where a corpus's events are read when the corpus does not hold them (see
    :class:`LeanCorpus`): by id, by place in the corpus's list, all in order, counted,
    what the dashboard's index needs of each (:class:`EventFacts`) and their spans. Each
    raises KeyError when its file cannot be read any more."""

    def event(self, event_id: str) -> Event | None:
        """The event ``event_id`` (of two with one id, the later)."""
        ...

    def events_at(self, positions: Sequence[int]) -> list[Event]:
        """The events at these places of the corpus's list, in the order given."""
        ...

    def events_with_ids(self, event_ids: Sequence[str]) -> list[Event]:
        """The events ``event_ids``, in the order given (KeyError for one it lacks)."""
        ...

    def all_events(self) -> Iterator[Event]: ...

    def event_count(self) -> int: ...

    def event_facts(self) -> Iterator[EventFacts]: ...

    def facts_with_ids(self, event_ids: Sequence[str]) -> list[EventFacts]:
        """The :class:`EventFacts` of the events ``event_ids``, in the order given."""
        ...

    def facts_at(self, positions: Sequence[int]) -> list[EventFacts]:
        """The :class:`EventFacts` of the events at these places, in the order given."""
        ...

    def event_spans(self) -> Iterator[tuple[str, int, int]]:
        """Each event's own spans (its date's, its trigger's): article, start, end."""
        ...


class FigureFacts(NamedTuple):
    """What the dashboard's index and the counts of ``F`` need of a figure
    (:meth:`tui.app.view.CorpusView.build`, :func:`tui.app.counts.figures_columns`), read
    from columns without reading the figure."""

    pos: int
    """The figure's place in the corpus's list (-1 when read from a view's dict of figures,
    which does not keep it)."""
    id: str
    article_id: str
    start: int
    end: int
    measure: str | None
    kind: str

    @classmethod
    def of(cls, pos: int, figure: Figure) -> FigureFacts:
        return cls(
            pos, figure.id, figure.article_id, figure.start, figure.end, figure.measure, figure.kind
        )


@runtime_checkable
class SavedFigures(Protocol):
    """Where a corpus's figures are read when the corpus does not hold them (see
    :class:`LeanCorpus`): by id, by place in the corpus's list, all in order, counted, and
    what the dashboard's index needs of each (:class:`FigureFacts`). Each raises KeyError
    when its file cannot be read any more."""

    def figure(self, figure_id: str) -> Figure | None:
        """The figure ``figure_id`` (of two with one id, the later)."""
        ...

    def figure_place(self, figure_id: str) -> int | None:
        """The place of the figure ``figure_id`` in the corpus's list (of two with one id,
        the later's); None when there is none."""
        ...

    def figures_at(self, positions: Sequence[int]) -> list[Figure]:
        """The figures at these places of the corpus's list, in the order given."""
        ...

    def figures_with_ids(self, figure_ids: Sequence[str]) -> list[Figure]:
        """The figures ``figure_ids``, in the order given (KeyError for one it lacks)."""
        ...

    def all_figures(self) -> Iterator[Figure]: ...

    def figure_count(self) -> int: ...

    def figure_facts(self) -> Iterator[FigureFacts]: ...

    def figure_facts_at(self, positions: Sequence[int]) -> list[FigureFacts]:
        """The :class:`FigureFacts` of the figures at these places, in the order given."""
        ...

    def figure_facts_with_ids(self, figure_ids: Sequence[str]) -> list[FigureFacts]:
        """The :class:`FigureFacts` of the figures ``figure_ids``, in the order given."""
        ...


class Mentioned(NamedTuple):
    """A mention as its columns give it (a :class:`Span`'s fields), made without checking:
    a page goes over tens of thousands, and shows a few (:meth:`span`)."""

    article_id: str
    start: int
    end: int
    text: str

    def span(self) -> Span:
        return Span(article_id=self.article_id, start=self.start, end=self.end, text=self.text)


@runtime_checkable
class SavedMentions(Protocol):
    """Where the people's mentions are read when the corpus's people do not hold them (see
    :class:`LeanCorpus`): a person's, counted, each person's (article, start, end), those
    in some articles, all in order, and their spans. Each raises KeyError when its file
    cannot be read any more."""

    def mentions(self, person_id: str) -> list[Span]:
        """The person's mentions in their order (of two people with one id, the later's)."""
        ...

    def mention_count(self) -> int: ...

    def mention_groups(self) -> Iterator[tuple[str, list[tuple[str, int, int, str]]]]:
        """Each person's id and mentions (article, start, end, words), a person at a time."""
        ...

    def mentions_in(self, article_ids: Iterable[str]) -> list[tuple[int, Mentioned]]:
        """The mentions in these articles with their person's place, in the corpus's order."""
        ...

    def all_mentions(self) -> Iterator[tuple[int, Span]]:
        """Every mention with its person's place, in the corpus's order."""
        ...

    def mention_spans(self) -> Iterator[tuple[str, int, int]]: ...


@runtime_checkable
class SavedSpans(Protocol):
    """Where each article's records' spans (what Source underlines, :func:`record_spans`
    gathered by :func:`spans_by_article`) are read when the corpus's index does not make
    them (see :class:`LeanCorpus`)."""

    def article_spans(self, article_id: str) -> array[int] | None:
        """The article's spans as one flat array (start, end, …); None when it has none."""
        ...

    def span_articles(self) -> list[str]:
        """The ids of the articles that have spans."""
        ...


@runtime_checkable
class SavedBoilerplate(Protocol):
    """Where the articles' boilerplate ranges are read when the corpus's articles do not
    hold them (see :class:`LeanCorpus`)."""

    def boilerplate(self, article_id: str) -> list[Range]:
        """The article's boilerplate ranges ([] when it has none)."""
        ...


@runtime_checkable
class SavedRoles(Protocol):
    """Where the people's roles are read when the corpus's people hold only each distinct
    one once (see :class:`LeanCorpus`)."""

    def roles(self, person_id: str) -> list[Role]:
        """The person's roles in their order (of two people with one id, the later's)."""
        ...

    def first_roles(self) -> dict[int, list[Role]]:
        """Each person's distinct roles (title, organisation), the first statement of each,
        by the person's place in the corpus's list."""
        ...

    def all_roles(self) -> Iterator[tuple[int, Role]]:
        """Every role with its person's place, in the corpus's order."""
        ...

    def role_spans(self) -> Iterator[tuple[str, int, int]]: ...


@runtime_checkable
class SavedTimexes(Protocol):
    """Where a corpus's time expressions are read when the corpus does not hold them (see
    :class:`LeanCorpus`): all in order, counted, and their spans. Each raises KeyError
    when its file cannot be read any more."""

    def all_timexes(self) -> Iterator[TimeExpr]: ...

    def timex_count(self) -> int: ...

    def timex_spans(self) -> Iterator[tuple[str, int, int]]:
        """Each time expression's span (article, start, end), in the corpus's order."""
        ...


class LeanCorpus(Corpus):
    """A saved corpus read without its articles' texts (each article's ``text`` is empty),
    which it reads from its :attr:`texts` instead: the dashboard's, when a previous session
    saved them beside the store (:mod:`tui.texts`). Read every text of a corpus that may be
    one with :func:`text_of`. When that file holds the statements too, the corpus is read
    without them (its ``quotes`` list is empty) and reads them from it: read them with
    :func:`quotes_of` and its neighbours. Its spans were checked against the texts when the
    corpus was saved; they are not checked again. A copy is one too; an export writes the
    texts and the statements. When it holds the events too, the corpus is read without them
    and reads them from it: read them with :func:`events_of` and its neighbours; the same
    for the figures (:func:`figures_of` and its neighbours). When it holds the people's
    mentions, the people are read without them (each ``mentions`` list is empty; their
    names, aliases, roles, evidence and ambiguous mentions are kept): read them with
    :func:`mentions_of` and its neighbours. When it holds the time expressions, the corpus
    is read without them (its ``timexes`` list is empty): read them with
    :func:`timexes_of`. When it holds the people's roles, each person holds each of its
    distinct roles (title and organisation) once, as first stated (what a summary of the
    person lists); read every statement of them with :func:`roles_of`. When it holds the
    articles' boilerplate ranges, the articles are read without them (each ``boilerplate``
    list is empty): read an article's with :func:`boilerplate_of`. When it holds each
    article's records' spans, the dashboard's index reads an article's from it
    (:func:`saved_spans`) instead of gathering them."""

    _texts: ArticleTexts | None = PrivateAttr(default=None)
    _quotes: SavedQuotes | None = PrivateAttr(default=None)
    _events: SavedEvents | None = PrivateAttr(default=None)
    _figures: SavedFigures | None = PrivateAttr(default=None)
    _mentions: SavedMentions | None = PrivateAttr(default=None)
    _timexes: SavedTimexes | None = PrivateAttr(default=None)
    _roles: SavedRoles | None = PrivateAttr(default=None)
    _boilerplate: SavedBoilerplate | None = PrivateAttr(default=None)
    _spans: SavedSpans | None = PrivateAttr(default=None)

    @property
    def texts(self) -> ArticleTexts:
        if self._texts is None:
            raise ValueError("a corpus read without its texts, and nowhere to read them")
        return self._texts

    @property
    def saved_quotes(self) -> SavedQuotes | None:
        """Where the statements are read (None: the corpus holds them)."""
        return self._quotes

    @property
    def saved_events(self) -> SavedEvents | None:
        """Where the events are read (None: the corpus holds them)."""
        return self._events

    @property
    def saved_figures(self) -> SavedFigures | None:
        """Where the figures are read (None: the corpus holds them)."""
        return self._figures

    @property
    def saved_mentions(self) -> SavedMentions | None:
        """Where the people's mentions are read (None: the people hold them)."""
        return self._mentions

    @property
    def saved_timexes(self) -> SavedTimexes | None:
        """Where the time expressions are read (None: the corpus holds them)."""
        return self._timexes

    @property
    def saved_roles(self) -> SavedRoles | None:
        """Where the people's roles are read (None: the people hold every one)."""
        return self._roles

    @property
    def saved_spans(self) -> SavedSpans | None:
        """Where each article's records' spans are read (None: the index gathers them)."""
        return self._spans

    @property
    def saved_boilerplate(self) -> SavedBoilerplate | None:
        """Where the articles' boilerplate is read (None: the articles hold it)."""
        return self._boilerplate

    @model_validator(mode="after")
    def _provenance(self) -> LeanCorpus:
        if len({a.id for a in self.articles}) != len(self.articles):
            raise ValueError("article ids are not unique")
        return self


def texts_of(corpus: Corpus) -> ArticleTexts | Literal[False]:
    """Where ``corpus``'s texts are read: its :attr:`LeanCorpus.texts`, or False when its
    articles hold them (for a reader of many, which looks it up once)."""
    return corpus.texts if isinstance(corpus, LeanCorpus) else False


def text_of(corpus: Corpus, article: Article) -> str:
    """The text of one of ``corpus``'s articles, wherever it is kept: what every reader of a
    corpus that may come from the dashboard uses instead of ``article.text``."""
    if isinstance(corpus, LeanCorpus):
        return corpus.texts.text(article.id)
    return article.text


def saved_quotes(corpus: Corpus) -> SavedQuotes | None:
    """Where ``corpus``'s statements are read, when it does not hold them."""
    return corpus.saved_quotes if isinstance(corpus, LeanCorpus) else None


def quotes_of(corpus: Corpus, person_id: str | None = None) -> list[Quote]:
    """``corpus``'s statements (those attributed to ``person_id``, if given), in its order,
    wherever they are kept: what every reader of a corpus that may come from the dashboard
    uses instead of ``corpus.quotes``."""
    saved = saved_quotes(corpus)
    if saved is not None:
        return saved.quotes(person_id)
    if person_id is None:
        return list(corpus.quotes)
    return [q for q in corpus.quotes if q.person_id == person_id]


def quote_of(corpus: Corpus, quote_id: str) -> Quote | None:
    """The statement ``quote_id`` (of two with one id, the later)."""
    saved = saved_quotes(corpus)
    if saved is not None:
        return saved.quote(quote_id)
    return next((q for q in reversed(corpus.quotes) if q.id == quote_id), None)


def quote_count(corpus: Corpus) -> int:
    saved = saved_quotes(corpus)
    return saved.quote_count() if saved is not None else len(corpus.quotes)


def quotes_per_person(corpus: Corpus) -> dict[str, int]:
    """How many statements are attributed to each person (the unattributed left out)."""
    saved = saved_quotes(corpus)
    if saved is not None:
        return saved.quotes_per_person()
    counts: dict[str, int] = {}
    for quote in corpus.quotes:
        if quote.person_id:
            counts[quote.person_id] = counts.get(quote.person_id, 0) + 1
    return counts


def saved_events(corpus: Corpus) -> SavedEvents | None:
    """Where ``corpus``'s events are read, when it does not hold them."""
    return corpus.saved_events if isinstance(corpus, LeanCorpus) else None


def events_of(corpus: Corpus) -> Iterator[Event]:
    """``corpus``'s events in its order, wherever they are kept (read a batch at a time
    from a file): what every reader of a corpus that may come from the dashboard uses
    instead of ``corpus.events``."""
    saved = saved_events(corpus)
    if saved is not None:
        return saved.all_events()
    return iter(corpus.events)


def event_count(corpus: Corpus) -> int:
    saved = saved_events(corpus)
    return saved.event_count() if saved is not None else len(corpus.events)


def event_facts(corpus: Corpus) -> Iterator[EventFacts]:
    """What the dashboard's index needs of each event, in the corpus's order, read without
    the events from a file that holds them."""
    saved = saved_events(corpus)
    if saved is not None:
        return saved.event_facts()
    return (EventFacts.of(pos, event) for pos, event in enumerate(corpus.events))


def events_at(corpus: Corpus, positions: Sequence[int]) -> list[Event]:
    """The events at ``positions`` of the corpus's list, in the order given."""
    saved = saved_events(corpus)
    if saved is not None:
        return saved.events_at(positions)
    events = corpus.events
    return [events[p] for p in positions]


def event_facts_at(corpus: Corpus, positions: Sequence[int]) -> list[EventFacts]:
    """What the dashboard's index needs of the events at ``positions``, in the order given
    (from columns, without reading the events, when a file holds them)."""
    saved = saved_events(corpus)
    if saved is not None:
        return saved.facts_at(positions)
    events = corpus.events
    return [EventFacts.of(p, events[p]) for p in positions]


def saved_figures(corpus: Corpus) -> SavedFigures | None:
    """Where ``corpus``'s figures are read, when it does not hold them."""
    return corpus.saved_figures if isinstance(corpus, LeanCorpus) else None


def figures_of(corpus: Corpus) -> Iterator[Figure]:
    """``corpus``'s figures in its order, wherever they are kept (read a batch at a time
    from a file): what every reader of a corpus that may come from the dashboard uses
    instead of ``corpus.figures``."""
    saved = saved_figures(corpus)
    if saved is not None:
        return saved.all_figures()
    return iter(corpus.figures)


def figure_count(corpus: Corpus) -> int:
    saved = saved_figures(corpus)
    return saved.figure_count() if saved is not None else len(corpus.figures)


def figure_facts(corpus: Corpus) -> Iterator[FigureFacts]:
    """What the dashboard's index needs of each figure, in the corpus's order, read
    without the figures from a file that holds them."""
    saved = saved_figures(corpus)
    if saved is not None:
        return saved.figure_facts()
    return (FigureFacts.of(pos, figure) for pos, figure in enumerate(corpus.figures))


def figures_at(corpus: Corpus, positions: Sequence[int]) -> list[Figure]:
    """The figures at ``positions`` of the corpus's list, in the order given."""
    saved = saved_figures(corpus)
    if saved is not None:
        return saved.figures_at(positions)
    figures = corpus.figures
    return [figures[p] for p in positions]


def figure_facts_at(corpus: Corpus, positions: Sequence[int]) -> list[FigureFacts]:
    """What the dashboard's index needs of the figures at ``positions``, in the order
    given (from columns, without reading the figures, when a file holds them)."""
    saved = saved_figures(corpus)
    if saved is not None:
        return saved.figure_facts_at(positions)
    figures = corpus.figures
    return [FigureFacts.of(p, figures[p]) for p in positions]


def saved_timexes(corpus: Corpus) -> SavedTimexes | None:
    """Where ``corpus``'s time expressions are read, when it does not hold them."""
    return corpus.saved_timexes if isinstance(corpus, LeanCorpus) else None


def timexes_of(corpus: Corpus) -> Iterator[TimeExpr]:
    """``corpus``'s time expressions in its order, wherever they are kept (read a batch at
    a time from a file): what every reader of a corpus that may come from the dashboard
    uses instead of ``corpus.timexes``."""
    saved = saved_timexes(corpus)
    if saved is not None:
        return saved.all_timexes()
    return iter(corpus.timexes)


def saved_mentions(corpus: Corpus) -> SavedMentions | None:
    """Where ``corpus``'s people's mentions are read, when its people do not hold them."""
    return corpus.saved_mentions if isinstance(corpus, LeanCorpus) else None


def mentions_of(corpus: Corpus, person_id: str) -> list[Span]:
    """The mentions of the person ``person_id`` (of two with one id, the later), in their
    order, wherever they are kept: what every reader of a corpus that may come from the
    dashboard uses instead of ``person.mentions``."""
    saved = saved_mentions(corpus)
    if saved is not None:
        return saved.mentions(person_id)
    for person in reversed(corpus.people):
        if person.id == person_id:
            return list(person.mentions)
    return []


def mention_count(corpus: Corpus) -> int:
    """Every person's mentions, counted."""
    saved = saved_mentions(corpus)
    if saved is not None:
        return saved.mention_count()
    return sum(len(p.mentions) for p in corpus.people)


def mention_groups(corpus: Corpus) -> Iterator[tuple[str, list[tuple[str, int, int, str]]]]:
    """Each person's id and mentions (article, start, end, words; in their order), one
    person at a time in the corpus's order, wherever they are kept (from columns, a batch
    at a time, from a file); a person without mentions is left out."""
    saved = saved_mentions(corpus)
    if saved is not None:
        yield from saved.mention_groups()
        return
    for person in corpus.people:
        if person.mentions:
            yield person.id, [(m.article_id, m.start, m.end, m.text) for m in person.mentions]


def mentions_in(
    corpus: Corpus, article_ids: AbstractSet[str]
) -> Iterator[tuple[Person, Span | Mentioned]]:
    """The people's mentions in the articles ``article_ids``, each with its person, in the
    corpus's order (the people's, then each one's own): the people's own spans, or their
    columns (:class:`Mentioned`) when a file holds them."""
    saved = saved_mentions(corpus)
    if saved is not None:
        people = corpus.people
        for place, span in saved.mentions_in(article_ids):
            yield people[place], span
        return
    for person in corpus.people:
        for mention in person.mentions:
            if mention.article_id in article_ids:
                yield person, mention


def saved_spans(corpus: Corpus) -> SavedSpans | None:
    """Where each article's records' spans are read, when they are saved for ``corpus``."""
    return corpus.saved_spans if isinstance(corpus, LeanCorpus) else None


def boilerplate_of(corpus: Corpus, article: Article) -> list[Range]:
    """The boilerplate ranges of ``article`` (one of ``corpus``'s), read from the file that
    holds them when its articles do not: what the dashboard uses instead of
    ``article.boilerplate``."""
    if isinstance(corpus, LeanCorpus) and corpus.saved_boilerplate is not None:
        return corpus.saved_boilerplate.boilerplate(article.id)
    return list(article.boilerplate)


def compact_array(values: Iterable[int]) -> array[int]:
    """``values`` in the smallest array that holds them all: 2 bytes each when they are
    all in ``[0, 2**16)``, 4 in ``[0, 2**32)``, else 8 (an article's offsets, ranks)."""
    items = list(values)
    if items and min(items) >= 0:
        top = max(items)
        for code in ("H", "I"):
            if top < 1 << (8 * array(code).itemsize):
                return array(code, items)
    elif not items:
        return array("H")
    return array("q", items)


def spans_by_article(spans: Iterable[tuple[str, int, int]]) -> dict[str, array[int]]:
    """Each article's distinct non-empty spans (article, start, end), in order, as one flat
    array (:attr:`CorpusView.spans_by_article`). Gathered as flat arrays, one article's
    pairs made and let go at a time: a set of pairs per article held every span as a tuple
    at once (2.9 million at 100,000 articles), and the arrays made among them kept most of
    CPython's memory pools that held them from being given back (69 MB at 10,000 articles
    for 4 MB of arrays)."""
    gathered: dict[str, array[int]] = {}
    for article_id, start, end in spans:
        if end > start:
            found = gathered.get(article_id)
            if found is None:
                found = gathered[article_id] = array("q")
            found.append(start)
            found.append(end)
    out: dict[str, array[int]] = {}
    for article_id in list(gathered):
        flat = gathered.pop(article_id)
        pairs = sorted(set(zip(flat[::2], flat[1::2], strict=True)))
        out[article_id] = compact_array(at for pair in pairs for at in pair)
    return out


def saved_roles(corpus: Corpus) -> SavedRoles | None:
    """Where ``corpus``'s people's roles are read, when its people hold each distinct one
    once (see :class:`LeanCorpus`)."""
    return corpus.saved_roles if isinstance(corpus, LeanCorpus) else None


def roles_of(corpus: Corpus, person_id: str) -> list[Role]:
    """Every role of the person ``person_id`` as the articles state it (of two with one
    id, the later), read from the file that holds them when there is one: what the
    dashboard uses instead of ``person.roles`` where every statement counts."""
    saved = saved_roles(corpus)
    if saved is not None:
        return saved.roles(person_id)
    for person in reversed(corpus.people):
        if person.id == person_id:
            return list(person.roles)
    return []


def record_spans(corpus: Corpus) -> Iterator[tuple[str, int, int]]:
    """Every record's own span (article, start, end: what the dashboard underlines), the
    statements', events' and figures' too wherever they are kept (see
    :meth:`Corpus.spans`)."""
    roles = saved_roles(corpus)
    for span in corpus.spans():
        if roles is not None and isinstance(span, Role):
            continue  # each distinct role once: every statement is read below
        yield span.article_id, span.start, span.end
    quotes = saved_quotes(corpus)
    if quotes is not None:
        yield from quotes.quote_spans()
    events = saved_events(corpus)
    if events is not None:
        yield from events.event_spans()
    figures = saved_figures(corpus)
    if figures is not None:  # a figure is itself a span
        for facts in figures.figure_facts():
            yield facts.article_id, facts.start, facts.end
    mentions = saved_mentions(corpus)
    if mentions is not None:
        yield from mentions.mention_spans()
    timexes = saved_timexes(corpus)
    if timexes is not None:
        yield from timexes.timex_spans()
    if roles is not None:
        yield from roles.role_spans()


HEAD_ARTICLES = 300
"""How many articles the head keeps: enough to fill every pane, small enough to read fast."""

ManifestEntry = tuple[str, int, int, int]
"""(path, size, mtime_ns, ctime_ns); size -1 when the file cannot be stat'ed."""


def manifest(files: Iterable[Path]) -> list[ManifestEntry]:
    """The folder as the snapshot sees it: one entry per discovered file, in order.

    Paths are kept as discovered under the folder (the snapshot is saved per resolved
    folder), so checking 10,000 files costs one ``stat`` each."""
    entries: list[ManifestEntry] = []
    for file in files:
        path = os.fspath(file)
        try:
            info = os.stat(file)
        except OSError:
            entries.append((path, -1, 0, 0))
            continue
        entries.append((path, info.st_size, info.st_mtime_ns, info.st_ctime_ns))
    return entries


def comparable(entries: list[ManifestEntry], skipped: set[str]) -> list[ManifestEntry]:
    """Entries as they are compared: ctime only counts for files that were skipped."""
    return [(p, s, m, c if p in skipped else 0) for p, s, m, c in entries]


@dataclass(frozen=True)
class Snapshot:
    """What the store keeps for one folder."""

    key: str
    manifest: list[ManifestEntry]
    skipped: list[str]
    warnings: list[str]
    articles: int
    head: bytes
    full: bytes
    stamp: str = field(default_factory=lambda: secrets.token_hex(16))
    """Made new for every corpus saved (what tables made from it are stamped with); "" for
    a snapshot saved before stamps."""

    def matches(self, key: str, entries: list[ManifestEntry]) -> bool:
        """Saved by the same code and corrections, for the folder exactly as it is now."""
        if key != self.key:
            return False
        skipped = set(self.skipped)
        return comparable(entries, skipped) == comparable(self.manifest, skipped)

    def respelled(
        self, key: str, entries: list[ManifestEntry], spelled: str
    ) -> tuple[str, str] | None:
        """``(was, spelled)`` when the snapshot lists exactly the files of ``entries`` under
        another spelling of the same folder: ``entries``' paths begin with ``spelled`` (the
        folder as typed now), the saved ones with ``was`` (as typed when it was saved: one
        relative and one absolute, or relative from another working directory), and
        everything else :meth:`matches`. None otherwise, and when the spelling is the same.
        A corpus read from it is then :func:`respell`-ed: the manifest and the articles'
        paths keep the folder as it was typed."""
        if key != self.key or not entries or len(entries) != len(self.manifest):
            return None
        first = entries[0][0]
        if not first.startswith(spelled) or len(first) == len(spelled):
            return None
        rest = first[len(spelled) :]
        saved = self.manifest[0][0]
        if not saved.endswith(rest):
            return None
        was = saved[: len(saved) - len(rest)]
        if was == spelled or visible(was) != was or visible(spelled) != spelled:
            return None  # the same spelling, or one that articles' paths show escaped
        moved: list[ManifestEntry] = []
        for path, size, mtime, ctime in entries:
            if not path.startswith(spelled):
                return None
            moved.append((_respelled(path, spelled, was), size, mtime, ctime))
        return (was, spelled) if self.matches(key, moved) else None

    def respelled_warnings(self, was: str, spelled: str) -> list[str]:
        """The saved warnings, those about one of the folder's files naming it as the folder
        is spelled now (``path: what``)."""
        paths = {path for path, *_ in self.manifest}
        out = []
        for message in self.warnings:
            head, sep, tail = message.partition(": ")
            if sep and head in paths and head.startswith(was):
                message = _respelled(head, was, spelled) + sep + tail
            out.append(message)
        return out

    def head_corpus(self) -> Corpus:
        return unpack(self.head)

    def full_corpus(self, texts: ArticleTexts | None = None) -> Corpus:
        """The saved corpus; with ``texts``, its articles read without their texts, which
        the corpus then reads from ``texts`` (a :class:`LeanCorpus`)."""
        return unpack(self.full, texts).stamped(self.stamp or None)

    def meta(self) -> str:
        return json.dumps(
            {
                "manifest": self.manifest,
                "skipped": self.skipped,
                "warnings": self.warnings,
                "articles": self.articles,
                "stamp": self.stamp,
            }
        )

    @classmethod
    def parse(cls, key: str, meta: str, head: bytes, full: bytes) -> Snapshot:
        """A snapshot from its stored columns; ValueError when ``meta`` is not one of ours."""
        try:
            data = json.loads(meta)
            entries = [(str(p), int(s), int(m), int(c)) for p, s, m, c in data["manifest"]]
            skipped = [str(p) for p in data["skipped"]]
            warnings = [str(w) for w in data["warnings"]]
            articles = int(data["articles"])
            stamp = str(data.get("stamp", ""))
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"unreadable snapshot: {exc}") from exc
        return cls(key, entries, skipped, warnings, articles, head, full, stamp)


CHUNK = 1000
"""Records per line of a packed corpus: each is parsed by one call that holds the GIL for a
few milliseconds, so a dashboard reading 10,000 articles in a worker stays responsive, and
only one line's JSON is in memory beside the records."""

_LISTS: dict[str, TypeAdapter[list[Any]]] = {
    "articles": TypeAdapter(list[Article]),
    "people": TypeAdapter(list[Person]),
    "quotes": TypeAdapter(list[Quote]),
    "events": TypeAdapter(list[Event]),
    "figures": TypeAdapter(list[Figure]),
    "comparisons": TypeAdapter(list[Comparison]),
    "timexes": TypeAdapter(list[TimeExpr]),
}


def pack(corpus: Corpus) -> bytes:
    """The corpus as compressed lines ``name<TAB>[records…]`` of :data:`CHUNK` records each
    (zlib level 1: ~8× smaller in a fraction of a second).

    The compressed pieces go into one growing buffer, returned without a copy: a list of
    pieces joined at the end held the packed corpus twice at that moment (at 100,000
    articles about 140 MB more at the peak of an index)."""
    packer = zlib.compressobj(1)
    out = io.BytesIO()
    for name, adapter in _LISTS.items():
        records = getattr(corpus, name)
        for i in range(0, len(records), CHUNK):
            line = name.encode() + b"\t" + adapter.dump_json(records[i : i + CHUNK]) + b"\n"
            out.write(packer.compress(line))
    out.write(packer.flush())
    return out.getvalue()


def unpack(data: bytes, texts: ArticleTexts | None = None) -> Corpus:
    """The corpus :func:`pack` wrote, read line by line; every span is checked again against
    its article (``Corpus`` validation). ValueError (or ``zlib.error``) on damaged data.

    With ``texts``, a :class:`LeanCorpus`: the articles are kept without their texts (each
    line's are dropped as it is read, so they are never all in memory) and the corpus reads
    them from ``texts``; when ``texts`` holds the statements (:class:`SavedQuotes`), the
    events (:class:`SavedEvents`), the figures (:class:`SavedFigures`) or the time
    expressions (:class:`SavedTimexes`) too, those are not read at all. The spans were
    checked when the corpus was saved and are not checked again."""
    quotes = texts if isinstance(texts, SavedQuotes) else None
    events = texts if isinstance(texts, SavedEvents) else None
    figures = texts if isinstance(texts, SavedFigures) else None
    mentions = texts if isinstance(texts, SavedMentions) else None
    timexes = texts if isinstance(texts, SavedTimexes) else None
    roles: SavedRoles | None = texts if isinstance(texts, SavedRoles) else None
    boilerplate: SavedBoilerplate | None = texts if isinstance(texts, SavedBoilerplate) else None
    keep = _Kept(texts is None, mentions is None, roles is None, boilerplate is None)
    held_by = (("quotes", quotes), ("events", events), ("figures", figures), ("timexes", timexes))
    skipped: AbstractSet[str] = {name for name, held in held_by if held is not None}
    parts: dict[str, list[Any]] = {name: [] for name in _LISTS}
    unpacker = zlib.decompressobj()
    pending = b""
    for start in range(0, len(data), 1 << 20):
        pending += unpacker.decompress(data[start : start + (1 << 20)])
        *lines, pending = pending.split(b"\n")
        for line in lines:
            _read_line(line, parts, keep, skipped)
    pending += unpacker.flush()
    if pending:
        _read_line(pending, parts, keep, skipped)
    if not unpacker.eof:
        raise ValueError("truncated snapshot")
    _share_event_times(parts["events"], parts["timexes"])
    _share_compared_ids(parts["comparisons"])
    if roles is not None:  # each distinct role once, as first stated
        firsts = roles.first_roles()
        for place, person in enumerate(parts["people"]):
            person.roles = firsts.get(place, [])
    # Records are already validated: the model keeps them as they are and checks provenance.
    if texts is None:
        return Corpus.model_validate(parts)
    lean = LeanCorpus.model_validate(parts)
    lean._texts = texts
    lean._quotes = quotes
    lean._events = events
    lean._figures = figures
    lean._mentions = mentions
    lean._timexes = timexes
    lean._roles = roles
    lean._boilerplate = boilerplate
    lean._spans = texts if isinstance(texts, SavedSpans) else None
    return lean


def _share_event_times(events: list[Event], timexes: list[TimeExpr]) -> None:
    """Point each event at the corpus's own record of its time expression.

    An event's ``when`` is one of the corpus's ``timexes``, written twice in the JSON and so
    read back as two equal records; the event keeps the one in ``timexes`` and the copy is
    freed (about a tenth of a corpus's records). Only an equal record is shared."""
    by_span = {(t.article_id, t.start, t.end): t for t in timexes}
    for event in events:
        when = event.when
        same = by_span.get((when.article_id, when.start, when.end))
        if same is not None and same is not when and same == when:
            event.when = same


def _share_compared_ids(comparisons: list[Comparison]) -> None:
    """Make each figure id the comparisons list (as members, and as reprints) one string,
    however many list it.

    A figure is compared under each of its measure's comparisons it fits, so its id is
    written, and read back, once for each; the JSON parser shares only the strings its
    small cache still holds (at 100,000 articles 1,115,221 ids listed, 333,734 distinct,
    read as 567,036 strings). The lists are changed in place."""
    ids: dict[str, str] = {}
    for comparison in comparisons:
        for listed in (comparison.figures, comparison.reprinted):
            for i, figure_id in enumerate(listed):
                listed[i] = ids.setdefault(figure_id, figure_id)


class _Kept(NamedTuple):
    """What a packed line's records keep as read (the rest is read from elsewhere)."""

    texts: bool = True
    mentions: bool = True
    roles: bool = True
    boilerplate: bool = True


_KEEP_ALL = _Kept()


def _read_line(
    line: bytes,
    parts: dict[str, list[Any]],
    keep: _Kept = _KEEP_ALL,
    skipped: AbstractSet[str] = frozenset(),
) -> None:
    name, tab, payload = line.partition(b"\t")
    key = name.decode("ascii", "replace")
    if not tab or key not in _LISTS:
        raise ValueError(f"unreadable snapshot line {name[:20]!r}")
    if key in skipped:  # kept elsewhere: not decoded at all
        return
    if key == "people" and not keep.mentions:  # read without them: never made
        adapter = _UNMENTIONED if keep.roles else _UNLISTED
        parts[key].extend(p.person() for p in adapter.validate_json(payload))
        return
    records = _LISTS[key].validate_json(payload)
    if key == "people" and not keep.roles:
        for person in records:
            person.roles = []
    if key == "articles" and not keep.texts:
        for article in records:
            article.text = ""
            if not keep.boilerplate:
                article.boilerplate = []
    parts[key].extend(records)


class _Unlisted(BaseModel):
    """A person as a packed corpus writes it, read without its mentions and its roles (both
    kept in the file beside the store): the JSON parser skips them (``extra="ignore"``), so
    they are never made as records and let go (at 10,000 articles about 80,000 spans whose
    freed memory stayed resident)."""

    model_config = ConfigDict(extra="ignore")

    id: str
    name: str
    aliases: list[str] = []
    evidence: list[MergeEvidence] = []
    ambiguous: list[Span] = []

    def person(self) -> Person:
        """The :class:`Person` with these fields (already checked) and no mentions."""
        return Person(
            id=self.id,
            name=self.name,
            aliases=self.aliases,
            roles=self.kept_roles(),
            mentions=[],
            evidence=self.evidence,
            ambiguous=self.ambiguous,
        )

    def kept_roles(self) -> list[Role]:
        return []


class _Unmentioned(_Unlisted):
    """A person read without its mentions only (its roles kept)."""

    roles: list[Role] = []

    def kept_roles(self) -> list[Role]:
        return self.roles


_UNMENTIONED = TypeAdapter(list[_Unmentioned])
_UNLISTED = TypeAdapter(list[_Unlisted])


def respell(corpus: Corpus, was: str, spelled: str) -> Corpus:
    """``corpus``, read from a snapshot saved with the folder spelled ``was``, with its
    articles' paths as a load of the folder spelled ``spelled`` makes them (in place)."""
    for article in corpus.articles:
        if article.path.startswith(was):
            article.path = _respelled(article.path, was, spelled)
    return corpus


def _respelled(path: str, was: str, spelled: str) -> str:
    """``path``, which begins with the folder spelled ``was``, with it spelled ``spelled``."""
    return spelled + path[len(was) :]


def key_of(version: str, corrections: str) -> str:
    return hashlib.sha256(f"{version}\0{corrections}".encode()).hexdigest()[:24]


def restrict(corpus: Corpus, article_ids: Iterable[str]) -> Corpus:
    """The corpus seen through some of its articles: a valid corpus with the same ids.

    Records of other articles are dropped; a person keeps the mentions, roles and ambiguous
    mentions in these articles (and is dropped without any); an event keeps the people still
    present; a comparison is kept only when every figure it compares is kept, so its status
    still holds. Record ids are unchanged, so a selection made in a restricted corpus is valid in
    the whole one.
    """
    keep = set(article_ids)
    articles = [a for a in corpus.articles if a.id in keep]
    people = []
    for person in corpus.people:
        mentions = [m for m in person.mentions if m.article_id in keep]
        if not mentions:
            continue
        roles = [r for r in person.roles if r.article_id in keep]
        ambiguous = [m for m in person.ambiguous if m.article_id in keep]
        people.append(
            person.model_copy(update={"mentions": mentions, "roles": roles, "ambiguous": ambiguous})
        )
    present = {p.id for p in people}
    quotes = [
        q if q.person_id is None or q.person_id in present else q.model_copy(
            update={"person_id": None}
        )
        for q in corpus.quotes
        if q.article_id in keep
    ]  # fmt: skip
    events = [
        e.model_copy(update={"people": [p for p in e.people if p in present]})
        for e in corpus.events
        if e.article_id in keep
    ]
    figures = [f for f in corpus.figures if f.article_id in keep]
    figure_ids = {f.id for f in figures}
    comparisons = [c for c in corpus.comparisons if all(f in figure_ids for f in c.figures)]
    return Corpus(
        articles=articles,
        people=people,
        quotes=quotes,
        events=events,
        figures=figures,
        comparisons=comparisons,
        timexes=[t for t in corpus.timexes if t.article_id in keep],
    )


def newest(corpus: Corpus, count: int) -> list[str]:
    """The ids of the ``count`` most recently published articles (undated ones last)."""
    order = sorted(
        range(len(corpus.articles)),
        key=lambda i: (
            corpus.articles[i].published.date is None,
            -(d.toordinal() if (d := corpus.articles[i].published.date) else 0),
            i,
        ),
    )
    return [corpus.articles[i].id for i in order[:count]]


def head(corpus: Corpus, count: int | None = None) -> Corpus:
    """The corpus restricted to its ``count`` (default :data:`HEAD_ARTICLES`) newest
    articles; the whole corpus when it is that small."""
    count = HEAD_ARTICLES if count is None else count
    if len(corpus.articles) <= count:
        return corpus
    return restrict(corpus, newest(corpus, count))
