"""A read-only index over a :class:`~tui.records.models.Corpus` for the dashboard (no Textual).

It answers the questions the panes ask — which events and figures involve a person, which
articles an outlet wrote, where the extracted spans of an article lie — once, up front, so
that filtering and highlighting never scan the whole corpus per keystroke.
"""

from __future__ import annotations

import threading
from abc import abstractmethod
from array import array
from collections import defaultdict
from collections.abc import Callable, ItemsView, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from itertools import accumulate
from typing import Any, ClassVar, Generic, Literal, Protocol, Self, TypeVar, cast, overload

from tui.app.format import article_label, outlet, timex_sort_key
from tui.app.lazy import Lazy
from tui.app.records import RecordKey, RecordKind
from tui.link.sources import Sources
from tui.records.models import (
    Article,
    Comparison,
    Corpus,
    Event,
    Figure,
    Person,
    Quote,
    Range,
    Span,
)
from tui.repack import repack_attributes
from tui.snapshot import (
    ArticleTexts,
    EventFacts,
    FigureFacts,
    Mentioned,
    SavedEvents,
    SavedFigures,
    SavedSpans,
    boilerplate_of,
    compact_array,
    event_facts,
    event_facts_at,
    events_at,
    figure_facts,
    figure_facts_at,
    figures_at,
    mention_groups,
    mentions_in,
    mentions_of,
    quote_of,
    quotes_of,
    quotes_per_person,
    record_spans,
    saved_events,
    saved_figures,
    saved_quotes,
    saved_spans,
    spans_by_article,
    text_of,
    texts_of,
)


@dataclass(frozen=True)
class Selection:
    """The one current selection: a record and the span of its source that shows it."""

    key: RecordKey
    article_id: str
    start: int
    end: int
    index: int = 0  # for a mention: its position in the person's mention list
    context: tuple[int, int] | None = None  # the sentence around the span, if known

    @classmethod
    def article(cls, article_id: str, start: int = 0, end: int = 0) -> Selection:
        """The article itself (at the span ``start``–``end``, if one is given)."""
        return cls(RecordKey(RecordKind.ARTICLE, article_id), article_id, start, end)

    @classmethod
    def event(cls, event: EventFacts) -> Selection:
        """An event: its date's span, with its sentence around it (a page's row)."""
        return cls(
            RecordKey(RecordKind.EVENT, event.id),
            event.article_id,
            event.when_start,
            event.when_end,
            context=(event.sentence_start, event.sentence_end),
        )

    @classmethod
    def figure(cls, figure: Figure, context: tuple[int, int]) -> Selection:
        """A figure: its span, with ``context`` (its sentence) around it."""
        return cls(
            RecordKey(RecordKind.FIGURE, figure.id),
            figure.article_id,
            figure.start,
            figure.end,
            context=context,
        )

    @property
    def kind(self) -> RecordKind:
        return self.key.kind

    @property
    def record_id(self) -> str:
        return self.key.record_id


@dataclass(frozen=True)
class ArticleFilter:
    """Restrict the panes to one article or to every article of one outlet."""

    label: str
    article_ids: frozenset[str]


T = TypeVar("T")

COPIES_HIDDEN = "copies hidden"
"""The label of the filter that hides copies (the same in a preview and the whole corpus)."""

MEMBERS_BATCH = 256
"""Comparisons whose members :meth:`CorpusView.members_of` reads together."""


V = TypeVar("V")


class FoundMapping(Mapping[str, V]):
    """A mapping by id whose values are looked up (:meth:`_find`: None when there is none)
    rather than held: its ``[]``, ``get`` and ``in`` ask it once. Not ``Mapping``'s own
    ``get`` and ``in``, which take any KeyError for a missing id: a file that can no longer
    be read (``UnreadableSaved``, a KeyError) must end the session, not hide as a missing
    record."""

    __slots__ = ()

    @abstractmethod
    def _find(self, key: str) -> V | None:
        """The value of ``key``; None when there is none."""

    def __getitem__(self, key: str) -> V:
        found = self._find(key)
        if found is None:
            raise KeyError(key)
        return found

    @overload
    def get(self, key: str, /) -> V | None: ...

    @overload
    def get(self, key: str, /, default: V | T) -> V | T: ...

    def get(self, key: str, /, default: object = None) -> object:
        found = self._find(key)
        return default if found is None else found

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._find(key) is not None


class SentenceOfFigure(FoundMapping[tuple[int, int]]):
    """Each figure's sentence as ``(start, end)``, for the figures an event of their
    article lists: one array by the figure's place in the corpus's list, each item
    ``(start << 32 | end) + 1`` (0: no sentence), the place found by id through ``places``
    (a dict for a corpus holding its figures; one indexed query of the file for one read
    from it, :class:`SavedFigurePlaces`). A dict by id held every figure's id and an int
    beside the dict's slot: 88 MB at 100,000 articles read from the file, 6 MB as an
    array (a tuple and its two ints per figure were ~530 bytes an article before that)."""

    __slots__ = ("_at", "_places")

    def __init__(self, at: array[int], places: Mapping[str, int]) -> None:
        self._at = at
        self._places = places

    @staticmethod
    def packed(start: int, end: int) -> int:
        """What the array holds for the sentence ``[start, end)``."""
        return (start << 32 | end) + 1

    def _find(self, key: str) -> tuple[int, int] | None:
        place = self._places.get(key)
        packed = -1 if place is None else self._at[place] - 1
        return None if packed < 0 else (packed >> 32, packed & 0xFFFFFFFF)

    def __iter__(self) -> Iterator[str]:
        at = self._at
        return (fid for fid, place in self._places.items() if at[place])

    def __len__(self) -> int:
        return len(self._at) - self._at.count(0)


class ComparisonOfFigure(FoundMapping[str]):
    """Each compared figure's comparison id (of a figure in several, the first's in the
    corpus's order), found through arrays: the figures' string hashes, sorted, the place of
    each one's comparison in the corpus's list, whose members are then asked whether they
    hold the id (two ids may share a hash), and where each range of hashes (a bucket, by
    their top bits: about one figure each) starts among them. A dict by id held a copy of
    every compared figure's id: 31 MB at 100,000 articles (333,734 figures), 7 MB as
    arrays; a lookup is ~1 µs (a binary search over the hashes' array took ~4). The hashes
    are this process's (``hash`` of a string): the mapping is never saved."""

    __slots__ = ("_at", "_corpus", "_count", "_half", "_hashes", "_shift", "_starts")

    hash_of = staticmethod(hash)
    """The hash the arrays are sorted by (a test makes ids share one)."""

    def __init__(self, corpus: Corpus) -> None:
        first: dict[str, int] = {}
        for ordinal, comparison in enumerate(corpus.comparisons):
            for figure_id in comparison.figures:
                first.setdefault(figure_id, ordinal)
        hash_of = self.hash_of
        pairs = sorted((hash_of(figure_id), ordinal) for figure_id, ordinal in first.items())
        bits = max(1, len(pairs).bit_length())
        self._shift, self._half = 64 - bits, 1 << (bits - 1)
        counts = [0] * ((1 << bits) + 1)  # figures per bucket, after the bucket's start
        for found, _ in pairs:
            counts[(found >> self._shift) + self._half + 1] += 1
        self._starts = compact_array(accumulate(counts))
        self._corpus = corpus
        self._count = len(first)
        self._hashes = array("q", (h for h, _ in pairs))
        self._at = compact_array(ordinal for _, ordinal in pairs)

    def ordinal(self, figure_id: str) -> int | None:
        """The place in the corpus's list of the first comparison holding ``figure_id``."""
        hashes, comparisons = self._hashes, self._corpus.comparisons
        found = self.hash_of(figure_id)
        for i in self._bucket(found):
            if hashes[i] == found:  # in the order of their comparisons: the first first
                ordinal = self._at[i]
                if figure_id in comparisons[ordinal].figures:
                    return ordinal
        return None

    def may_hold(self, figure_id: str) -> bool:
        """Whether ``figure_id`` may be a compared figure: True for every compared figure,
        and for another id only when its hash is one of theirs (the members are not asked:
        a third of a lookup's cost, for what may list a figure once too often)."""
        found = self.hash_of(figure_id)
        hashes = self._hashes
        return any(hashes[i] == found for i in self._bucket(found))

    def _bucket(self, found: int) -> range:
        """The places among the sorted hashes of those sharing the hash ``found``'s top
        bits (its bucket)."""
        bucket = (found >> self._shift) + self._half
        return range(self._starts[bucket], self._starts[bucket + 1])

    def _find(self, key: str) -> str | None:
        ordinal = self.ordinal(key)
        return None if ordinal is None else self._corpus.comparisons[ordinal].id

    def __iter__(self) -> Iterator[str]:
        seen: set[str] = set()
        for comparison in self._corpus.comparisons:
            for figure_id in comparison.figures:
                if figure_id not in seen:
                    seen.add(figure_id)
                    yield figure_id

    def __len__(self) -> int:
        return self._count


class SavedSpanMap(FoundMapping["array[int]"]):
    """Each article's records' spans as one flat array, read from the file that holds
    them (:class:`tui.snapshot.SavedSpans`: one indexed query), not held: 32 MB at 100,000
    articles."""

    __slots__ = ("_saved",)

    def __init__(self, saved: SavedSpans) -> None:
        self._saved = saved

    def _find(self, key: str) -> array[int] | None:
        return self._saved.article_spans(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._saved.span_articles())

    def __len__(self) -> int:
        return len(self._saved.span_articles())


class SavedFigurePlaces(FoundMapping[int]):
    """Each figure's place in the corpus's list by id, asked of the file that holds the
    figures (one indexed query; of two with one id, the later's, as a dict made in the
    corpus's order holds)."""

    __slots__ = ("_saved",)

    def __init__(self, saved: SavedFigures) -> None:
        self._saved = saved

    def _find(self, key: str) -> int | None:
        return self._saved.figure_place(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._places())

    def __len__(self) -> int:
        return len(self._places())

    def items(self) -> ItemsView[str, int]:
        return self._places().items()

    def _places(self) -> dict[str, int]:
        """Every id's place, in one pass over the columns (only a whole walk asks)."""
        return {fact.id: fact.pos for fact in self._saved.figure_facts()}


class _Facts(Protocol):
    """What the index knows of a record read from columns (its place and id)."""

    @property
    def pos(self) -> int: ...

    @property
    def id(self) -> str: ...


R = TypeVar("R")
F = TypeVar("F", bound=_Facts)


class Placed(Sequence[R], Generic[R, F]):
    """Records at places of their corpus's list, in a given order (the Timeline's, a
    person's, every figure), read when asked: from the list in memory, or a batch at a time
    from the file that holds them. A place costs its array item, not a record held for the
    view's life. Its kinds say where their records and their facts (what the index knows of
    each, from columns) are read: :class:`EventList`, :class:`PlacedFigures`."""

    __slots__ = ("_corpus", "_positions")

    BATCH = 2000
    """Records read at once when going over them."""

    def __init__(self, corpus: Corpus, positions: array[int]) -> None:
        self._corpus = corpus
        self._positions = positions

    @abstractmethod
    def _records(self, positions: Sequence[int]) -> list[R]:
        """The records at ``positions``, in order."""

    @abstractmethod
    def _facts(self, positions: Sequence[int]) -> list[F]:
        """What the index knows of the records at ``positions``, in order."""

    @property
    @abstractmethod
    def from_file(self) -> bool:
        """Whether its records are read from a file (else from the list in memory)."""

    @overload
    def __getitem__(self, index: int) -> R: ...

    @overload
    def __getitem__(self, index: slice) -> Self: ...

    def __getitem__(self, index: int | slice) -> R | Self:
        if isinstance(index, slice):
            return type(self)(self._corpus, self._positions[index])
        return self._records([self._positions[index]])[0]

    def __len__(self) -> int:
        return len(self._positions)

    def __iter__(self) -> Iterator[R]:
        positions = self._positions
        for at in range(0, len(positions), self.BATCH):
            yield from self._records(positions[at : at + self.BATCH])

    def facts(self) -> Iterator[F]:
        """What the index knows of each record, in order, without reading the records from
        their file: for a reader of every record that needs only what the columns hold
        (the palette's dates, the counts of ``F``)."""
        positions = self._positions
        for at in range(0, len(positions), self.BATCH * 5):
            yield from self._facts(positions[at : at + self.BATCH * 5])

    def ids(self) -> Iterator[str]:
        """Each record's id, in order (from the columns when a file holds them)."""
        return (f.id for f in self.facts())

    def where(self, keep: Callable[[F], bool]) -> Self:
        """Those of its records whose facts ``keep`` keeps, in order (no record read)."""
        return type(self)(self._corpus, compact_array(f.pos for f in self.facts() if keep(f)))


class EventList(Placed[Event, EventFacts]):
    """Events at places of the corpus's list (:func:`tui.snapshot.events_at`,
    :func:`~tui.snapshot.event_facts_at`)."""

    __slots__ = ()

    def _records(self, positions: Sequence[int]) -> list[Event]:
        return events_at(self._corpus, positions)

    def _facts(self, positions: Sequence[int]) -> list[EventFacts]:
        return event_facts_at(self._corpus, positions)

    @property
    def from_file(self) -> bool:
        return saved_events(self._corpus) is not None


class SortedMentions(Lazy[Span]):
    """A person's mentions in reading order, held as columns: each one's article (by its
    number among the person's articles), start, end and words (by their number among the
    forms written), a :class:`Span` made when one is read. The busiest person of 100,000
    articles has 127,000 mentions: ~100 MB as spans read from the file (kept for ``n``/``p``
    and their page), ~2 MB as columns."""

    __slots__ = ("_article", "_article_ids", "_end", "_form", "_forms", "_start")

    def __init__(self, spans: Iterable[Span], canonical: Callable[[str], str] = str) -> None:
        """``canonical``: the one string the view holds for an article id (a mention read
        from the file carries a copy of its own)."""
        numbers: dict[str, int] = {}
        forms: dict[str, int] = {}
        self._article, self._start, self._end, self._form = (
            array("I"),
            array("I"),
            array("I"),
            array("I"),
        )
        for span in spans:
            number = numbers.get(span.article_id)
            if number is None:
                number = numbers[canonical(span.article_id)] = len(numbers)
            form = forms.get(span.text)
            if form is None:
                form = forms[span.text] = len(forms)
            self._article.append(number)
            self._start.append(span.start)
            self._end.append(span.end)
            self._form.append(form)
        self._article_ids = list(numbers)
        self._forms = list(forms)

    def __len__(self) -> int:
        return len(self._start)

    def _item(self, index: int) -> Span:
        return Span(
            article_id=self._article_ids[self._article[index]],
            start=self._start[index],
            end=self._end[index],
            text=self._forms[self._form[index]],
        )

    def __iter__(self) -> Iterator[Span]:
        ids, forms = self._article_ids, self._forms
        for article, start, end, form in zip(
            self._article, self._start, self._end, self._form, strict=True
        ):
            yield Span(article_id=ids[article], start=start, end=end, text=forms[form])

    def __eq__(self, other: object) -> bool:
        """The same spans as ``other`` (any sequence of spans), in the same order."""
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # compared by content, as a list is

    def __repr__(self) -> str:
        return f"SortedMentions({list(self)!r})"

    def article_ids(self) -> Iterator[str]:
        """Each mention's article id, in order (no span made)."""
        ids = self._article_ids
        return (ids[n] for n in self._article)

    def places(self) -> Iterator[tuple[str, int]]:
        """Each mention's article id and start, in order (no span made)."""
        ids = self._article_ids
        return ((ids[n], start) for n, start in zip(self._article, self._start, strict=True))

    def where(self, index: int) -> tuple[str, int, int]:
        """Mention ``index``'s article id, start and end (no span made)."""
        return self._article_ids[self._article[index]], self._start[index], self._end[index]

    def forms(self) -> list[str]:
        """The words the mentions are written with, each once, in order of first use."""
        return list(self._forms)


class PlacedFigures(Placed[Figure, FigureFacts]):
    """Figures at places of the corpus's list (:func:`tui.snapshot.figures_at`,
    :func:`~tui.snapshot.figure_facts_at`)."""

    __slots__ = ()

    def _records(self, positions: Sequence[int]) -> list[Figure]:
        return figures_at(self._corpus, positions)

    def _facts(self, positions: Sequence[int]) -> list[FigureFacts]:
        return figure_facts_at(self._corpus, positions)

    @property
    def from_file(self) -> bool:
        return saved_figures(self._corpus) is not None


class SavedEventMap(FoundMapping[Event]):
    """The view's events by id when the corpus reads them from a file (see
    :class:`tui.snapshot.SavedEvents`): one indexed query each; an event whose article the
    view lacks is not in it, as in the dict of a corpus holding its events."""

    __slots__ = ("_articles", "_corpus", "_count", "_saved")

    def __init__(
        self, corpus: Corpus, saved: SavedEvents, articles: Mapping[str, Article], count: int
    ) -> None:
        self._corpus = corpus
        self._saved = saved
        self._articles = articles
        self._count = count

    def _find(self, key: str) -> Event | None:
        event = self._saved.event(key)
        if event is None or event.article_id not in self._articles:
            return None
        return event

    def __iter__(self) -> Iterator[str]:
        ids = (f.id for f in event_facts(self._corpus) if f.article_id in self._articles)
        return iter(dict.fromkeys(ids))

    def __len__(self) -> int:
        return self._count

    def facts(self, event_ids: Sequence[str]) -> list[EventFacts]:
        """What the index knows of the events ``event_ids`` (each in the view), in order."""
        found = self._saved.facts_with_ids(event_ids)
        if any(f.article_id not in self._articles for f in found):
            raise KeyError("an event of an article the view lacks")
        return found

    def many(self, event_ids: Sequence[str]) -> list[Event]:
        """The events ``event_ids`` (each in the view), in the order given: a query per
        batch, not one per event."""
        events = self._saved.events_with_ids(event_ids)
        if any(e.article_id not in self._articles for e in events):
            raise KeyError("an event of an article the view lacks")
        return events


class SavedFigureMap(FoundMapping[Figure]):
    """The view's figures by id when the corpus reads them from a file (see
    :class:`tui.snapshot.SavedFigures`): one indexed query each, as a dict of the corpus's
    figures would answer."""

    __slots__ = ("_count", "_saved")

    def __init__(self, saved: SavedFigures, count: int) -> None:
        self._saved = saved
        self._count = count

    def _find(self, key: str) -> Figure | None:
        return self._saved.figure(key)

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys(f.id for f in self._saved.figure_facts()))

    def __len__(self) -> int:
        return self._count

    def facts(self, figure_ids: Sequence[str]) -> list[FigureFacts]:
        """What the index knows of the figures ``figure_ids`` (each in the view), in order."""
        return self._saved.figure_facts_with_ids(figure_ids)

    def many(self, figure_ids: Sequence[str]) -> list[Figure]:
        """The figures ``figure_ids`` (each in the view), in the order given: a query per
        batch, not one per figure."""
        return self._saved.figures_with_ids(figure_ids)


class ArticlePositions(Mapping[str, int]):
    """Each article's position in the corpus's list, read through its rank in reading
    order (:attr:`CorpusView.article_rank`): one dict over the article ids serves both,
    the positions an array in rank order (a second dict was ~60 bytes an article)."""

    __slots__ = ("_at_rank", "_rank")

    def __init__(self, rank: dict[str, int], at_rank: array[int]) -> None:
        self._rank = rank
        self._at_rank = at_rank

    def __getitem__(self, article_id: str) -> int:
        return self._at_rank[self._rank[article_id]]

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._rank

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._rank, key=self.__getitem__))  # in the corpus's order

    def __len__(self) -> int:
        return len(self._rank)


class FigureIdsOfPerson(Mapping[str, AbstractSet[str]]):
    """The ids of each person's figures, made when asked from
    :attr:`CorpusView.figures_of_person_sorted` (the last few kept): a set per person held
    for the view's life was ~480 bytes an article. ``elsewhere`` keeps the ids a person's
    events list that no figure of the corpus has (there are usually none), so the answers
    are the sets the events gave."""

    KEPT = 4

    def __init__(
        self, figures: dict[str, PlacedFigures], elsewhere: dict[str, frozenset[str]]
    ) -> None:
        self._figures = figures
        self._elsewhere = elsewhere
        self._kept: dict[str, frozenset[str]] = {}
        self._lock = threading.Lock()  # the panes ask from their workers too

    def __getitem__(self, person_id: str) -> frozenset[str]:
        with self._lock:
            found = self._kept.pop(person_id, None)
            if found is not None:
                self._kept[person_id] = found  # the last asked, kept longest
                return found
        ids = frozenset(self._figures[person_id].ids())  # from the facts: no figure read
        extra = self._elsewhere.get(person_id)
        if extra:
            ids |= extra
        with self._lock:
            self._kept[person_id] = ids
            while len(self._kept) > self.KEPT:
                del self._kept[next(iter(self._kept))]
        return ids

    def __contains__(self, person_id: object) -> bool:
        return person_id in self._figures

    def __iter__(self) -> Iterator[str]:
        return iter(self._figures)

    def __len__(self) -> int:
        return len(self._figures)


@dataclass(eq=False)
class CorpusView:
    corpus: Corpus
    articles: dict[str, Article] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    events: Mapping[str, Event] = field(default_factory=dict)
    """The events by id: a dict, or read from the corpus's file (:class:`SavedEventMap`)."""
    event_total: int = 0
    """The corpus's events (what the status line counts)."""
    figures: Mapping[str, Figure] = field(default_factory=dict)
    """The figures by id: a dict, or read from the corpus's file (:class:`SavedFigureMap`)."""
    figure_total: int = 0
    """The corpus's figures (what the status line counts)."""
    all_figures: PlacedFigures = field(default_factory=lambda: PlacedFigures(Corpus(), array("q")))
    """Every figure in the corpus's order (:class:`PlacedFigures`: read when gone over)."""
    comparisons: dict[str, Comparison] = field(default_factory=dict)
    comparison_of_figure: ComparisonOfFigure = field(
        default_factory=lambda: ComparisonOfFigure(Corpus())
    )
    """Each compared figure's (first) comparison's id."""
    figures_of_person: FigureIdsOfPerson = field(default_factory=lambda: FigureIdsOfPerson({}, {}))
    """Each person's figure ids (made when asked from :attr:`figures_of_person_sorted`)."""
    spans_by_article: Mapping[str, array[int]] = field(default_factory=dict)
    """Each article's records' spans, in order, as one flat array (start, end, start, end,
    …) of the smallest item that holds its offsets (:func:`compact_array`): a tuple and two
    ints per span would be ~7 times the memory of 8-byte items (see :meth:`spans_of`)."""
    sorted_events: EventList = field(default_factory=lambda: EventList(Corpus(), array("q")))
    """Every event in the Timeline's order (:class:`EventList`: read when gone over)."""
    quotes_of_person: dict[str, int] = field(default_factory=dict)
    events_of_person_sorted: dict[str, EventList] = field(default_factory=dict)
    """Each person's events in the Timeline's order (each an :class:`EventList`)."""
    figures_of_person_sorted: dict[str, PlacedFigures] = field(default_factory=dict)
    """Each person's figures in the corpus's order (each a :class:`PlacedFigures`)."""
    sentence_of_figure: SentenceOfFigure = field(
        default_factory=lambda: SentenceOfFigure(array("Q"), {})
    )
    """The sentence of each figure an event of its article lists (the first such event's)."""
    article_rank: dict[str, int] = field(default_factory=dict)
    """Each article's place in reading order (by date, then id: :meth:`article_sort_key`)."""
    article_position: ArticlePositions = field(
        default_factory=lambda: ArticlePositions({}, array("H"))
    )
    """Each article's place in the corpus's list (read through :attr:`article_rank`)."""
    articles_of_person: dict[str, int] = field(default_factory=dict)
    mentions_of_person: dict[str, int] = field(default_factory=dict)
    """How many mentions each person has (a count, not the spans: a corpus read from the
    store may read them from its file, :func:`tui.snapshot.mentions_of`)."""
    sources_of_person: dict[str, int] = field(default_factory=dict)
    """Independent sources among a person's articles (copies of one story count once)."""
    sources: Sources = field(default_factory=lambda: Sources(()))
    copies_of: dict[str, list[str]] = field(default_factory=dict)
    """Each original's copies (present in the corpus), earliest first."""
    _mentions_sorted: dict[str, SortedMentions] = field(default_factory=dict)
    """The last few people's mentions in reading order (:meth:`person_mentions`)."""
    _first_mentions: dict[str, tuple[str, int, int, str]] = field(default_factory=dict)
    """Each person's first mention in reading order, as (article, start, end, words)."""
    _sorting: threading.Lock = field(default_factory=threading.Lock)
    _quotes: dict[str, Quote] | None = None
    _text_source: ArticleTexts | Literal[False] | None = None
    """Where the texts are read (False: from the articles), found on first use: a saved
    corpus's private attribute costs ~7 µs a read, and a page reads thousands."""
    _made: dict[str, Any] = field(default_factory=dict)
    _making: threading.Lock = field(default_factory=threading.Lock)

    REPACKED: ClassVar[tuple[str, ...]] = (
        "events",
        "figures",
        "all_figures",
        "comparison_of_figure",
        "figures_of_person",
        "spans_by_article",
        "sorted_events",
        "quotes_of_person",
        "events_of_person_sorted",
        "figures_of_person_sorted",
        "sentence_of_figure",
        "article_rank",
        "article_position",
        "articles_of_person",
        "mentions_of_person",
        "sources_of_person",
        "sources",
        "copies_of",
        "_first_mentions",
    )
    """What the index made (not the records it holds), made again once it is built
    (:meth:`build`)."""

    @classmethod
    def build(cls, corpus: Corpus) -> CorpusView:
        """The index of ``corpus``. What it made is then made again
        (:func:`tui.repack.repack_attributes`): its tens of thousands of small objects
        (an array and counts per article and per person, ids and first mentions read from
        the store) were made among the passes' millions of short-lived ones, and each kept
        one of CPython's memory pools those filled, and its arena, resident (10,000
        articles: 103 → 64 arenas, 253 → 213 MB)."""
        view = cls._made_from(corpus)
        repack_attributes(
            view,
            cls.REPACKED,
            own=(
                EventList,
                PlacedFigures,
                SentenceOfFigure,
                ArticlePositions,
                ComparisonOfFigure,
                FigureIdsOfPerson,
                Sources,
            ),
        )
        return view

    @classmethod
    def _made_from(cls, corpus: Corpus) -> CorpusView:
        view = cls(corpus=corpus)
        view.articles = {a.id: a for a in corpus.articles}
        view.people = {p.id: p for p in corpus.people}
        view.comparisons = {c.id: c for c in corpus.comparisons}
        view.comparison_of_figure = ComparisonOfFigure(corpus)
        # One pass over what the index needs of each figure (from columns, without the
        # figures, when a file holds them); the article of each id (of two with one id,
        # the later's, as the dict of figures holds) is kept only while the index is made.
        figures_by_article: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        article_of_figure: dict[str, str] = {}
        position: dict[str, int] = {}
        for fact in figure_facts(corpus):
            view.figure_total += 1
            figures_by_article[fact.article_id].append((fact.start, fact.end, fact.id))
            article_of_figure[fact.id] = fact.article_id
            position[fact.id] = fact.pos
        view.all_figures = PlacedFigures(corpus, compact_array(range(view.figure_total)))
        figures = saved_figures(corpus)
        if figures is None:
            view.figures = {f.id: f for f in corpus.figures}
        else:
            view.figures = SavedFigureMap(figures, len(position))
        for items in figures_by_article.values():
            items.sort()
        # One pass over what the index needs of each event (read from columns, without
        # the events, when a file holds them): records that point at an article the corpus
        # does not have cannot be shown, and are left out of all but the figures' sentences.
        kept = array("q")  # the shown events' places in the corpus's list
        people: list[tuple[str, ...]] = []
        ids: set[str] = set()
        # Each person's figure ids as listed, repeats and all: a list is a fifth of a set,
        # and each is let go once read (a set per person was kept before).
        figs_by_person: dict[str, list[str]] = defaultdict(list)
        sentences = array("Q", bytes(8 * view.figure_total))  # by figure place; 0: none
        # Events reported by several articles stay together, placed at their earliest date.
        # Each value's and article's key is made once (a corpus repeats its dates: 700,000
        # events of 100,000 articles made 1.4 million keys).
        value_keys: dict[str | None, tuple[int, int, int, int, str]] = {}
        article_keys = {aid: view.article_sort_key(aid) for aid in view.articles}
        group_key: dict[str, tuple[int, int, int, int, str]] = {}
        sort_parts: list[tuple[str | None, str, Any, Any, int]] = []
        no_people: tuple[str, ...] = ()
        for facts in event_facts(corpus):
            view.event_total += 1
            article_id = facts.article_id
            for fid in facts.figures:
                if article_of_figure.get(fid) == article_id and not sentences[position[fid]]:
                    sentences[position[fid]] = SentenceOfFigure.packed(
                        facts.sentence_start, facts.sentence_end
                    )
            if article_id not in view.articles:
                continue
            kept.append(facts.pos)
            ids.add(facts.id)
            people.append(facts.people or no_people)
            if facts.people:
                # A figure stated in the sentence of an event that names the person
                # involves them too, not only the figures the event lists.
                in_sentence = [
                    fid
                    for start, end, fid in figures_by_article.get(article_id, [])
                    if facts.sentence_start <= start and end <= facts.sentence_end
                ]
                for pid in facts.people:
                    figs_by_person[pid] += facts.figures
                    figs_by_person[pid] += in_sentence
            key = value_keys.get(facts.value)
            if key is None:
                key = value_keys[facts.value] = timex_sort_key(facts.value)
            if facts.group:
                group_key[facts.group] = min(group_key.get(facts.group, key), key)
            sort_parts.append(
                (
                    facts.group,
                    facts.group or facts.id,
                    key,
                    article_keys[article_id],
                    facts.when_start,
                )
            )
        del value_keys
        order = sorted(
            range(len(sort_parts)),
            key=lambda i: (
                group_key.get(sort_parts[i][0] or "", sort_parts[i][2]),
                *sort_parts[i][1:],
            ),
        )
        view.sorted_events = EventList(corpus, compact_array(kept[i] for i in order))
        by_person: dict[str, list[int]] = defaultdict(list)
        for i in order:
            for pid in dict.fromkeys(people[i]):
                by_person[pid].append(kept[i])
        del people, order
        view.events_of_person_sorted = {
            pid: EventList(corpus, compact_array(at)) for pid, at in by_person.items()
        }
        del by_person
        saved = saved_events(corpus)
        if saved is None:
            view.events = {e.id: e for e in corpus.events if e.article_id in view.articles}
        else:
            view.events = SavedEventMap(corpus, saved, view.articles, len(ids))
        del ids
        del article_of_figure
        view.sentence_of_figure = SentenceOfFigure(
            sentences, position if figures is None else SavedFigurePlaces(figures)
        )
        view.quotes_of_person = quotes_per_person(corpus)
        spans = saved_spans(corpus)
        view.spans_by_article = (
            spans_by_article(record_spans(corpus)) if spans is None else SavedSpanMap(spans)
        )
        view._index_for_panes(figs_by_person, position)
        return view

    def _index_for_panes(
        self, figure_ids_of_person: dict[str, list[str]], position: dict[str, int]
    ) -> None:
        """Answers the panes need per key press, computed once: each person's figures in
        corpus order (``position``: each figure id's place in the corpus's list, let go
        here), each article's position and each person's article count."""
        elsewhere: dict[str, frozenset[str]] = {}
        for pid, listed in figure_ids_of_person.items():
            ids = set(listed)
            listed.clear()
            order = sorted(position[i] for i in ids if i in position)
            self.figures_of_person_sorted[pid] = PlacedFigures(self.corpus, compact_array(order))
            if len(order) < len(ids):
                elsewhere[pid] = frozenset(i for i in ids if i not in position)
        del position
        self.figures_of_person = FigureIdsOfPerson(self.figures_of_person_sorted, elsewhere)
        articles = self.corpus.articles
        order = sorted(range(len(articles)), key=lambda i: self.article_sort_key(articles[i].id))
        by_date = [articles[i] for i in order]
        self.article_rank = {a.id: i for i, a in enumerate(by_date)}
        self.article_position = ArticlePositions(self.article_rank, compact_array(order))
        self._index_mentions()
        copies: dict[str, list[str]] = defaultdict(list)
        for article in by_date:
            if article.copy_of is not None and article.copy_of in self.articles:
                copies[article.copy_of].append(article.id)
        self.copies_of = dict(copies)

    def _index_mentions(self) -> None:
        """Each person's counts (mentions, articles, independent sources) and first mention
        in reading order, from one pass over the people's mentions (a person at a time:
        from columns, without making a mention, when the corpus reads them from a file)."""
        self.sources = Sources(self.corpus.articles)
        key = self._reading_order()
        for pid, spans in mention_groups(self.corpus):
            self.mentions_of_person[pid] = len(spans)
            self.articles_of_person[pid] = len({span[0] for span in spans})
            if self.sources:
                self.sources_of_person[pid] = self.sources.count((a, s) for a, s, _, _ in spans)
            # min keeps the first of equal keys, as the stable sort does: the same mention.
            self._first_mentions[pid] = min(spans, key=lambda span: key(span[0], span[1]))

    def mention_count(self, person_id: str) -> int:
        """How many mentions the person has."""
        return self.mentions_of_person.get(person_id, 0)

    def people_in(self, article_ids: AbstractSet[str]) -> set[str]:
        """The ids of the people mentioned in any of ``article_ids``."""
        return {person.id for person, _ in mentions_in(self.corpus, article_ids)}

    def mentions_in(
        self, article_ids: AbstractSet[str]
    ) -> Iterator[tuple[Person, Span | Mentioned]]:
        """The people's mentions in ``article_ids``, each with its person, in the corpus's
        order (the people's, then each one's own)."""
        return mentions_in(self.corpus, article_ids)

    def mention_articles_of(self, person_ids: AbstractSet[str]) -> dict[str, set[str]]:
        """The articles that mention each of ``person_ids`` (one pass over every mention)."""
        out: dict[str, set[str]] = {}
        for pid, spans in mention_groups(self.corpus):
            if pid in person_ids:
                out[pid] = {span[0] for span in spans}
        return out

    def made(self, name: str, make: Callable[[], T]) -> T:
        """The object ``name`` made from this view once, by whichever thread asks first
        (the panes' tables: the load worker makes them before the view is shown)."""
        with self._making:
            found = self._made.get(name)
            if found is None:
                found = self._made[name] = make()
            return cast(T, found)

    def let_go(self) -> None:
        """Drop what was made from this view once another replaces it: the panes'
        tables and sources (:meth:`made`) refer back to it, and such a cycle, frozen with
        everything else shown (:func:`tui.gcpolicy.freeze_loaded`), is never collected —
        the replaced view and its corpus stayed alive for the session's life (a writable
        session at 100,000 articles kept its 3.4 GB of records after showing the same
        corpus read from its files). A screen still showing this view makes again what it
        asks for."""
        with self._making:
            self._made.clear()
        with self._sorting:
            self._mentions_sorted.clear()

    def quote(self, quote_id: str) -> Quote | None:
        """The quote ``quote_id`` (indexed on first use: only a person's page asks; read
        from its file when the corpus does not hold its statements)."""
        if saved_quotes(self.corpus) is not None:
            return quote_of(self.corpus, quote_id)
        if self._quotes is None:
            self._quotes = {q.id: q for q in quotes_of(self.corpus)}
        return self._quotes.get(quote_id)

    def spans_of(self, article_id: str) -> list[tuple[int, int]]:
        """The spans of the article's records, in order (what Source underlines)."""
        flat = self.spans_by_article.get(article_id)
        return [] if flat is None else list(zip(flat[::2], flat[1::2], strict=True))

    def text(self, article_id: str) -> str:
        """The article's text, wherever the corpus keeps it (see
        :func:`tui.snapshot.text_of`): the one way the dashboard reads one."""
        source = self._texts()
        if source is not False:
            return source.text(article_id)
        return text_of(self.corpus, self.articles[article_id])

    def boilerplate(self, article_id: str) -> list[Range]:
        """The article's boilerplate ranges, wherever the corpus keeps them (see
        :func:`tui.snapshot.boilerplate_of`)."""
        return boilerplate_of(self.corpus, self.articles[article_id])

    def slices(self, spans: Sequence[tuple[str, int, int]]) -> list[str]:
        """The text of each span (article, start, end), in the order given, each article's
        text read once: rows in the Timeline's order jump from article to article, and a
        saved corpus reads each text from its file (only the last few are kept), so reading
        one per row read most of them again."""
        if self._texts() is False:  # in memory: read in place
            return [self.text(article_id)[start:end] for article_id, start, end in spans]
        out = [""] * len(spans)
        current, text = None, ""
        for i in sorted(range(len(spans)), key=lambda i: spans[i][0]):
            article_id, start, end = spans[i]
            if article_id != current:
                current, text = article_id, self.text(article_id)
            out[i] = text[start:end]
        return out

    def _texts(self) -> ArticleTexts | Literal[False]:
        source = self._text_source
        if source is None:
            source = self._text_source = texts_of(self.corpus)
        return source

    def independent(self, article_id: str, offset: int) -> str:
        """The independent source of an offset of an article (see :class:`Sources`)."""
        return self.sources.of(article_id, offset)

    def grouped_articles(self) -> list[tuple[Article, Article | None]]:
        """Every article by date, each copy right under its original: (article, original
        or None)."""
        out: list[tuple[Article, Article | None]] = []
        for article in sorted(self.corpus.articles, key=lambda a: self.article_sort_key(a.id)):
            if article.copy_of is not None and article.copy_of in self.articles:
                continue
            out.append((article, None))
            out.extend((self.articles[c], article) for c in self.copies_of.get(article.id, []))
        return out

    def without_copies(self) -> ArticleFilter | None:
        """The filter that hides every copy (None when the corpus has none)."""
        if not self.copies_of:
            return None
        ids = frozenset(
            a.id
            for a in self.corpus.articles
            if a.copy_of is None or a.copy_of not in self.articles
        )
        return ArticleFilter(COPIES_HIDDEN, ids)

    def article_sort_key(self, article_id: str) -> tuple[str, str]:
        article = self.articles.get(article_id)
        if article is None:
            return ("9999", article_id)
        day = article.published.date or article.published.earliest  # an inferred range: its start
        if day is None:
            return ("9999", article_id)
        return (day.isoformat(), article_id)

    def outlet_of(self, article_id: str) -> str:
        article = self.articles.get(article_id)
        return outlet(article) if article is not None else article_id

    KEPT_MENTIONS = 4
    """People whose mentions in reading order are kept (the last asked for)."""

    def person_mentions(self, person_id: str) -> SortedMentions:
        """The person's mentions in reading order: articles by date, then offset (sorted
        once per person while kept: n/p steps through thousands of mentions; kept as
        columns, :class:`SortedMentions`)."""
        with self._sorting:
            cached = self._mentions_sorted.pop(person_id, None)
            if cached is not None:
                self._mentions_sorted[person_id] = cached  # the last asked, kept longest
                return cached
        if person_id not in self.people:
            return SortedMentions(())
        key = self._reading_order()
        articles = self.articles

        def canonical(article_id: str) -> str:
            article = articles.get(article_id)
            return article.id if article is not None else article_id

        ordered = SortedMentions(
            sorted(mentions_of(self.corpus, person_id), key=lambda m: key(m.article_id, m.start)),
            canonical,
        )
        with self._sorting:
            self._mentions_sorted[person_id] = ordered
            while len(self._mentions_sorted) > self.KEPT_MENTIONS:
                del self._mentions_sorted[next(iter(self._mentions_sorted))]
        return ordered

    def _reading_order(self) -> Callable[[str, int], tuple[int, str, int]]:
        """A mention's place in reading order from its article and start: its article's
        (by date, then id), then its offset (the article's rank read once, not its date
        label made per mention). A function with what it reads bound: it runs once per
        mention of a sort."""
        rank_of = self.article_rank.get
        lacking = len(self.article_rank)

        def key(article_id: str, start: int) -> tuple[int, str, int]:
            rank = rank_of(article_id)
            if rank is None:  # an article the corpus lacks: after every one, by id
                return lacking, article_id, start
            return rank, "", start

        return key

    def index_first_mentions(self) -> None:
        """Every person's first mention in reading order: found when the index is made
        (:meth:`_index_mentions`), in the load worker; kept for its callers."""

    def first_mention(self, person_id: str) -> Span | None:
        """The person's first mention in reading order (``person_mentions(...)[0]``),
        found when the index was made (a person's selection needs only it, and Enter on a
        person in thousands of articles sorted their mentions before the page's first
        frame)."""
        if person_id not in self.people:
            return None
        first = self._first_mentions.get(person_id)
        if first is None:
            return None
        article_id, start, end, text = first
        return Span(article_id=article_id, start=start, end=end, text=text)

    def events_for(self, person_id: str | None, articles: ArticleFilter | None) -> Sequence[Event]:
        """The events the filters leave, in timeline order."""
        events: Sequence[Event] = (
            self.sorted_events
            if person_id is None
            else self.events_of_person_sorted.get(person_id, [])
        )
        if articles is not None:
            return [e for e in events if e.article_id in articles.article_ids]
        return events

    def events_in(self, event_ids: Sequence[str]) -> list[Event]:
        """The events ``event_ids`` (each in :attr:`events`), in the order given, read in
        batches when the corpus reads them from a file (a Timeline's shown rows)."""
        events = self.events
        if isinstance(events, SavedEventMap):
            return events.many(event_ids)
        return [events[i] for i in event_ids]

    def facts_in(self, event_ids: Sequence[str]) -> list[EventFacts]:
        """What the index knows of the events ``event_ids`` (each in :attr:`events`), in
        the order given: read from columns, without the events, when the corpus reads them
        from a file (a frequency table of 700,000 Timeline rows)."""
        events = self.events
        if isinstance(events, SavedEventMap):
            return events.facts(event_ids)
        return [EventFacts.of(-1, events[i]) for i in event_ids]

    def shows_event(
        self, event_id: str, person_id: str | None, articles: ArticleFilter | None
    ) -> bool:
        """Whether the event is among :meth:`events_for` these filters (without going
        over them)."""
        event = self.events.get(event_id)
        if event is None:
            return False
        if articles is not None and event.article_id not in articles.article_ids:
            return False
        return person_id is None or person_id in event.people

    def figures_for(self, person_id: str | None, articles: ArticleFilter | None) -> PlacedFigures:
        """The figures the filters leave, in corpus order (:class:`PlacedFigures`: read
        when gone over)."""
        figures = (
            self.all_figures
            if person_id is None
            else self.figures_of_person_sorted.get(person_id, self.all_figures[:0])
        )
        if articles is not None:
            ids = articles.article_ids
            figures = figures.where(lambda f: f.article_id in ids)
        return figures

    def figures_in(self, figure_ids: Sequence[str]) -> list[Figure]:
        """The figures ``figure_ids`` (each in :attr:`figures`), in the order given, read
        in batches when the corpus reads them from a file."""
        figures = self.figures
        if isinstance(figures, SavedFigureMap):
            return figures.many(figure_ids)
        return [figures[i] for i in figure_ids]

    def members(self, figure_ids: Iterable[str]) -> list[Figure]:
        """The figures of ``figure_ids`` (a comparison's) that the view has, in the order
        given: when the corpus reads its figures from a file, in one query (the figures of
        every comparison are no longer read and kept together: 333,734 at 100,000
        articles, for a detail or a comparison's page)."""
        figures = self.figures
        wanted = list(figure_ids)
        if isinstance(figures, SavedFigureMap):
            try:
                return figures.many(wanted)
            except KeyError:  # one the view lacks (or the file unreadable: asked again below)
                pass
        return [figures[f] for f in wanted if f in figures]

    def members_of(
        self, comparisons: Iterable[Comparison]
    ) -> Iterator[tuple[Comparison, list[Figure]]]:
        """Each comparison with its :meth:`members`, the figures of a batch of comparisons
        read together (a query per batch, each figure read once in it)."""
        batch: list[Comparison] = []
        for comparison in comparisons:
            batch.append(comparison)
            if len(batch) == MEMBERS_BATCH:
                yield from self._with_members(batch)
                batch = []
        yield from self._with_members(batch)

    def _with_members(
        self, comparisons: list[Comparison]
    ) -> Iterator[tuple[Comparison, list[Figure]]]:
        wanted = list(dict.fromkeys(f for each in comparisons for f in each.figures))
        found = {figure.id: figure for figure in self.members(wanted)}
        for comparison in comparisons:
            yield comparison, [found[f] for f in comparison.figures if f in found]

    def figure_facts_in(self, figure_ids: Sequence[str]) -> list[FigureFacts]:
        """What the index knows of the figures ``figure_ids`` (each in :attr:`figures`),
        in the order given: read from columns, without the figures, when the corpus reads
        them from a file (the counts of ``F`` on Figures)."""
        figures = self.figures
        if isinstance(figures, SavedFigureMap):
            return figures.facts(figure_ids)
        return [FigureFacts.of(-1, figures[i]) for i in figure_ids]

    def event_ids_for(
        self, person_id: str | None, articles: ArticleFilter | None
    ) -> AbstractSet[str]:
        if person_id is None and articles is None:
            return self.events.keys()
        return {e.id for e in self.events_for(person_id, articles)}

    def figure_ids_for(
        self, person_id: str | None, articles: ArticleFilter | None
    ) -> AbstractSet[str]:
        if articles is None:
            if person_id is None:
                return self.figures.keys()
            return self.figures_of_person.get(person_id, frozenset())
        return set(self.figures_for(person_id, articles).ids())

    def outlet_filters(self) -> list[ArticleFilter]:
        """Copies hidden (when there are copies), one filter per outlet that wrote more than
        one article, then one per article (:func:`article_filter`, by date)."""
        return [*self.group_filters(), *map(article_filter, self.articles_by_date())]

    def group_filters(self) -> list[ArticleFilter]:
        """The filters of :meth:`outlet_filters` before the one per article."""
        hidden = self.without_copies()
        by_outlet: dict[str, set[str]] = defaultdict(set)
        for article in self.corpus.articles:
            by_outlet[outlet(article)].add(article.id)
        filters = [] if hidden is None else [hidden]
        filters += [
            ArticleFilter(f"outlet: {name}", frozenset(ids))
            for name, ids in sorted(by_outlet.items())
            if len(ids) > 1
        ]
        return filters

    def articles_by_date(self) -> list[Article]:
        """Every article by :meth:`article_sort_key`."""
        return sorted(self.corpus.articles, key=lambda a: self.article_sort_key(a.id))


def article_filter(article: Article) -> ArticleFilter:
    """The filter that shows only ``article``."""
    return ArticleFilter(
        f"article: {article_label(article)} ({article.id})", frozenset({article.id})
    )


def carry_person(old: CorpusView, new: CorpusView, person_id: str | None) -> str | None:
    """The id in ``new`` of the person ``person_id`` names in ``old``.

    A preview linked on its own numbers people differently from the whole corpus: the
    person is found again by name (or alias); None when the whole corpus has no such name.
    """
    if person_id is None:
        return None
    before = old.people.get(person_id)
    if before is None:
        return person_id if person_id in new.people else None
    same = new.people.get(person_id)
    if same is not None and same.name == before.name:
        return person_id
    for person in new.corpus.people:
        if person.name == before.name:
            return person.id
    for person in new.corpus.people:
        if before.name in person.aliases:
            return person.id
    return None


def carry_selection(
    old: CorpusView, new: CorpusView, selection: Selection | None
) -> Selection | None:
    """``selection`` made in ``old``, as it reads in ``new`` (same source span).

    Events and figures keep their ids across views; a person or comparison that cannot be
    found again becomes the article selection at the same span, so Source stays put."""
    if selection is None:
        return None
    fallback = Selection.article(selection.article_id, selection.start, selection.end)
    if selection.kind in (RecordKind.PERSON, RecordKind.MENTION):
        person_id = carry_person(old, new, selection.record_id)
        if person_id is None:
            return fallback
        index = selection.index
        if selection.kind is RecordKind.MENTION:
            spans = list(new.person_mentions(person_id).places())
            where = (selection.article_id, selection.start)
            index = spans.index(where) if where in spans else 0
        return replace(selection, key=replace(selection.key, record_id=person_id), index=index)
    if selection.kind is RecordKind.QUOTE:
        quote = new.quote(selection.record_id)
        if quote is None or (quote.article_id, quote.start) != (
            selection.article_id,
            selection.start,
        ):
            return fallback
    if selection.kind is RecordKind.COMPARISON:
        before = old.comparisons.get(selection.record_id)
        after = new.comparisons.get(selection.record_id)
        if before is None or after is None or before.figures != after.figures:
            return fallback
    return selection
