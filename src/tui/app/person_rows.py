"""The rows of a person's page, computed from the loaded corpus (no Textual).

One builder per section of the page: statements (the person's quotes), mentions as
keyword-in-context, their timeline, their figures, the people who appear with them (ranked
by shared sentences), their roles, and their names with the merge evidence. Every row
carries the :class:`~tui.app.view.Selection` that shows its span in Source. Cells are plain,
cleaned strings (one display line each); the page styles them and never parses them as
markup.
"""

from __future__ import annotations

import re
import threading
import weakref
from array import array
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from rich.cells import cell_len

from tui.app.format import (
    clean,
    figure_label,
    outlet,
    published_label,
    quoted,
    sentence_around,
    shorten,
    timex_label,
)
from tui.app.lazy import Lazy
from tui.app.records import RecordKey, RecordKind
from tui.app.view import CorpusView, Selection
from tui.records.models import Figure, Person, Quote, Role, Span
from tui.snapshot import EventFacts, Mentioned, quotes_of, roles_of, saved_quotes
from tui.texts import SavedTexts

KWIC_WORDS = 6
"""Words of context either side of a mention."""


@dataclass(frozen=True)
class PageSpot:
    """Where on a person's page the user was: the person, the section and its row."""

    person_id: str
    section: int = 0
    row: int = 0


@dataclass(frozen=True)
class PageRow:
    """One row of a section: its cells, the span it stands for, and the full text the
    page shows under the table for the row under the cursor."""

    cells: tuple[str, ...]
    target: Selection
    full: str = ""


class MadeRows(Lazy[PageRow]):
    """A section's rows, made a window at a time when asked (drawn, read under the cursor,
    exported) from what the section keeps of the person (their mentions, events, figures,
    statements), the last few windows kept. Made and kept whole, the busiest person of
    100,000 articles held ~760 MB of rows (127,000) for as long as their page was one of the
    last opened (:class:`~tui.app.screens.person.PageCache`)."""

    WINDOW = 128
    """Rows made at once (a screenful and more)."""

    KEPT = 2
    """Windows kept made (the one drawn and the one next to it)."""

    MEASURED = WINDOW
    """Rows made at once by a pass over every row's cells (:meth:`all_cells`)."""

    def __init__(
        self,
        count: int,
        make: Callable[[int, int], list[PageRow]],
        cells: Callable[[int, int], list[tuple[str, ...]]] | None = None,
        measured: Callable[[], tuple[int, ...]] | None = None,
    ) -> None:
        """``count`` rows; ``make(start, stop)`` makes rows ``start`` to ``stop - 1``;
        ``cells(start, stop)``, when given, only their cells (cheaper: what measuring the
        columns reads); ``measured()``, when given, the widest cell of each column measured
        its own way (the same widths: :func:`widest_cells` asks it instead of every row's
        cells, for rows that read their texts cheaper in another order than their own)."""
        self._count = count
        self._make = make
        self._cells = cells
        self.measured = measured
        self._windows: dict[int, list[PageRow]] = {}
        self._lock = threading.Lock()  # the page draws rows while a worker exports them

    def __len__(self) -> int:
        return self._count

    def _item(self, index: int) -> PageRow:
        return self._window(index // self.WINDOW)[index % self.WINDOW]

    def __iter__(self) -> Iterator[PageRow]:
        """Every row in order, a window at a time, none kept (a pass measuring or
        exporting them all)."""
        for start in range(0, self._count, self.WINDOW):
            yield from self._make(start, min(self._count, start + self.WINDOW))

    def all_cells(self) -> Iterator[tuple[str, ...]]:
        """Every row's cells in order, :attr:`MEASURED` rows at a time, none kept."""
        for start in range(0, self._count, self.MEASURED):
            stop = min(self._count, start + self.MEASURED)
            if self._cells is not None:
                yield from self._cells(start, stop)
            else:
                yield from (row.cells for row in self._make(start, stop))

    def __eq__(self, other: object) -> bool:
        """The same rows as ``other`` (any sequence of rows), made to compare."""
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # compared by content, as a list is

    def _window(self, n: int) -> list[PageRow]:
        with self._lock:
            rows = self._windows.pop(n, None)
            if rows is None:
                start = n * self.WINDOW
                rows = self._make(start, min(self._count, start + self.WINDOW))
            self._windows[n] = rows  # the last asked for, kept longest
            while len(self._windows) > self.KEPT:
                del self._windows[next(iter(self._windows))]
            return rows


class HasCells(Protocol):
    """A row of cells (a :class:`PageRow`, or any row laid out like one)."""

    @property
    def cells(self) -> tuple[str, ...]: ...


def widest_cells(rows: Sequence[HasCells], columns: int) -> tuple[int, ...]:
    """The widest cell of each of the ``columns`` columns over ``rows``, in terminal
    cells (what laying the rows out for a width needs of them)."""
    if isinstance(rows, MadeRows) and rows.measured is not None:
        return rows.measured()
    widest = [0] * columns
    every = rows.all_cells() if isinstance(rows, MadeRows) else (row.cells for row in rows)
    for cells in every:
        for i, text in enumerate(cells):
            widest[i] = max(widest[i], cell_len(text))
    return tuple(widest)


@dataclass(frozen=True)
class Section:
    """A section of the page: its title, column labels, rows and the widest cell of each
    column (measured once, when the rows are first made: a page laid out again for another
    width does not make its rows again)."""

    title: str
    columns: tuple[str, ...]
    rows: Sequence[PageRow]
    widest: tuple[int, ...] | None = None
    """None: measured from ``rows`` when laid out."""

    @classmethod
    def measured(cls, title: str, columns: tuple[str, ...], rows: Sequence[PageRow]) -> Section:
        return cls(title, columns, rows, widest_cells(rows, len(columns)))


def kwic(text: str, start: int, end: int, words: int = KWIC_WORDS) -> tuple[str, str, str]:
    """``(left, keyword, right)``: up to ``words`` words either side of ``text[start:end]``,
    each one clean line, with ``…`` where more text was cut off."""
    window = 20 * words
    before = text[max(0, start - window) : start]
    after = text[end : end + window]
    left_words = before.split()
    right_words = after.split()
    if start > window and before and not before[0].isspace():
        left_words = left_words[1:]  # the window began inside a word
    if end + window < len(text) and after and not after[-1].isspace():
        right_words = right_words[:-1]
    left = clean(" ".join(left_words[-words:]))
    right = clean(" ".join(right_words[:words]))
    if left and (len(left_words) > words or start > window):
        left = "…" + left
    if right and (len(right_words) > words or end + window < len(text)):
        right += "…"
    return left, clean(text[start:end]), right


_SENTENCE_END = re.compile(
    r"[\n!?.](?:(?<=\n)|(?=\s))(?<!\bMr\.)(?<!\bMs\.)(?<!\bMrs\.)(?<!\bDr\.)(?<!\bSt\.)"
    r"(?<!\bJr\.)(?<!\bSr\.)(?<!\b[A-Z]\.)"
)
"""Where a stretch ends: ``.``, ``!`` or ``?`` before a space (not the dot of an initial or of
Mr, Ms, Mrs, Dr, St, Jr, Sr), or a line break. Written to begin with one set of characters
(the titles' look-behinds end in a dot, so they never refuse the others), which the regex
engine skips to: over twice as fast as the alternation it replaces (``\\n|[!?](?=\\s)|\\.``
with the same look-behinds ``(?=\\s)``), which tried its first branch at every character of
an article; the same ends (tested against it)."""


@dataclass
class Sentences:
    """Sentence stretches of the corpus's articles, found once per article (a regex pass,
    :data:`_SENTENCE_END`) rather than by scanning out from every offset as
    :func:`~tui.app.format.sentence_around` does: a person's page asks for tens of
    thousands."""

    view: CorpusView
    keep: int | None = None
    """The most articles whose stretches are kept (the last found), None: every one."""
    _starts: dict[str, array[int]] = field(default_factory=dict)
    """Each article's stretches' first offsets."""

    def index(self, article_id: str, offset: int) -> int:
        """Which stretch of the article ``offset`` is in."""
        return bisect_right(self._of(article_id), offset) - 1

    def around(self, article_id: str, start: int, end: int) -> tuple[int, int]:
        """The stretches holding ``[start, end)``, without their surrounding whitespace."""
        starts = self._of(article_id)
        text = self.view.text(article_id)
        first = starts[bisect_right(starts, start) - 1]
        last = bisect_right(starts, max(start, end - 1))
        stop = starts[last] if last < len(starts) else len(text)
        while first < start and text[first].isspace():
            first += 1
        while stop > end and text[stop - 1].isspace():
            stop -= 1
        return first, stop

    def _of(self, article_id: str) -> array[int]:
        starts = self._starts.get(article_id)
        if starts is None:
            text = self.view.text(article_id)
            starts = array("I", [0, *(m.end() for m in _SENTENCE_END.finditer(text))])
            self._starts[article_id] = starts
            if self.keep is not None and len(self._starts) > self.keep:
                del self._starts[next(iter(self._starts))]
        return starts


def _where(
    view: CorpusView, article_id: str, said: dict[str, tuple[str, str]] | None = None
) -> tuple[str, str]:
    """The article's date and outlet as a row shows them (``said``: those made already, by
    article, which this one joins)."""
    if said is not None:
        found = said.get(article_id)
        if found is None:
            found = said[article_id] = _where(view, article_id)
        return found
    article = view.articles[article_id]
    return published_label(article), outlet(article)


def _reading_order(view: CorpusView, span: Span) -> tuple[tuple[str, str], int]:
    return view.article_sort_key(span.article_id), span.start


def statements(view: CorpusView, person_id: str) -> MadeRows:
    """Every quote of the person (direct, indirect and mixed), in reading order: date,
    outlet, kind, the reporting cue ("said", "warned"), the words. The statements are read
    when their rows are made (from the file that holds them, when one does): the page keeps
    their places (the busiest person of 100,000 articles has tens of thousands)."""
    person = view.people.get(person_id)
    name = clean(person.name) if person is not None else person_id
    saved = saved_quotes(view.corpus)
    read: Callable[[Sequence[int]], list[Quote]]
    if isinstance(saved, SavedTexts):  # read from its columns, each row's when made
        places = saved.quote_places(person_id)
        read = saved.quotes_at
    else:  # held already: the person's, by their place among them
        every = quotes_of(view.corpus, person_id)
        places = [(pos, q.article_id, q.start) for pos, q in enumerate(every)]

        def read(positions: Sequence[int]) -> list[Quote]:
            return [every[pos] for pos in positions]

    places = [place for place in places if place[1] in view.articles]
    rank_of = view.article_rank  # by date, then id: as the articles' sort keys order them
    places.sort(key=lambda place: (rank_of[place[1]], place[2]))
    positions = array("I", (place[0] for place in places))

    def row(quote: Quote) -> PageRow:
        date, source = _where(view, quote.article_id)
        words = clean(quote.text)
        cue = clean(quote.cue.text) if quote.cue is not None else ""
        return PageRow(
            (date, source, quote.kind, cue, words),
            Selection(
                RecordKey(RecordKind.QUOTE, quote.id),
                quote.article_id,
                quote.start,
                quote.end,
            ),
            f"{name}{' ' + cue if cue else ''}, {quote.kind}, {source} · {date}: "
            f"{quoted(words, quote.kind)}",
        )

    return MadeRows(len(positions), lambda start, stop: list(map(row, read(positions[start:stop]))))


KEPT_SENTENCES = 256
"""Articles whose sentence stretches a page's mentions keep (those of the rows drawn last:
a mention's row shows its sentence)."""


def mentions(view: CorpusView, person_id: str, noting: Sentences | None = None) -> MadeRows:
    """Every mention in reading order as keyword-in-context: the words before, the mention,
    the words after, outlet, date; then the ambiguous ones (a surname a namesake of the same
    article holds), marked "(?)". Measuring the columns reads the cells alone: a row's
    sentence (found by :class:`Sentences`) is read when it is drawn.

    ``noting``: where the pass that measures the columns notes the sentence each mention is
    in while it holds the article's text (the page's, which the people seen with the person
    read next: each article's text read and decompressed once for both, not once each;
    held by a weak reference, so the rows never keep the page build's sentences)."""
    found = Sentences(view, KEPT_SENTENCES)
    noted = None if noting is None else weakref.ref(noting)
    key = RecordKey(RecordKind.MENTION, person_id)
    ordered = view.person_mentions(person_id)
    # The places in reading order of those in the view's articles (their row's Selection
    # names it): an array, not a list of the spans again.
    places = array("I", (i for i, a in enumerate(ordered.article_ids()) if a in view.articles))
    person = view.people.get(person_id)
    shared = sorted(person.ambiguous, key=lambda s: _reading_order(view, s)) if person else []
    shared = [span for span in shared if span.article_id in view.articles]

    def make(start: int, stop: int) -> list[PageRow]:
        rows = []
        for n in range(start, stop):
            if n < len(places):
                index = places[n]
                rows.append(_kwic_row(view, found, ordered[index], key, index))
            else:
                span = shared[n - len(places)]
                article = RecordKey(RecordKind.ARTICLE, span.article_id)
                rows.append(_kwic_row(view, found, span, article, 0, True))
        return rows

    def cells(start: int, stop: int) -> list[tuple[str, ...]]:
        # Read from the mentions' columns (no span made), each article's date and outlet
        # once (a busy person's mentions come a few an article).
        where: dict[str, tuple[str, str]] = {}
        out = []
        for n in range(start, stop):
            if n < len(places):
                article_id, first, last = ordered.where(places[n])
                ambiguous = False
            else:
                span = shared[n - len(places)]
                article_id, first, last, ambiguous = span.article_id, span.start, span.end, True
            said = _where(view, article_id, where)
            out.append(_kwic_cells_at(view, article_id, first, last, said, ambiguous))
            sentences = None if noted is None else noted()
            if sentences is not None and not ambiguous:
                sentences.index(article_id, first)  # its text is the one just read
        return out

    return MadeRows(len(places) + len(shared), make, cells)


def _kwic_cells(view: CorpusView, span: Span, ambiguous: bool = False) -> tuple[str, ...]:
    """A mention's cells: the words before, the mention, the words after, outlet, date."""
    where = _where(view, span.article_id)
    return _kwic_cells_at(view, span.article_id, span.start, span.end, where, ambiguous)


def _kwic_cells_at(
    view: CorpusView,
    article_id: str,
    start: int,
    end: int,
    where: tuple[str, str],
    ambiguous: bool = False,
) -> tuple[str, ...]:
    """:func:`_kwic_cells` of the mention ``[start, end)`` of the article, its date and
    outlet (``where``: :func:`_where`) given."""
    left, word, right = kwic(view.text(article_id), start, end)
    date, source = where
    return left, f"{word} (?)" if ambiguous else word, right, source, date


def _kwic_row(
    view: CorpusView,
    sentences: Sentences,
    span: Span,
    key: RecordKey,
    index: int,
    ambiguous: bool = False,
) -> PageRow:
    """A mention's row: its keyword in context, outlet and date, its sentence in full."""
    text = view.text(span.article_id)
    cells = _kwic_cells(view, span, ambiguous)
    source, date = cells[3:]
    context = sentences.around(span.article_id, span.start, span.end)
    sentence = f"{source} · {date}: {clean(text[context[0] : context[1]])}"
    return PageRow(
        cells,
        Selection(key, span.article_id, span.start, span.end, index, context),
        f"ambiguous: a namesake in this article holds the name too · {sentence}"
        if ambiguous
        else sentence,
    )


def timeline(view: CorpusView, person_id: str) -> MadeRows:
    """The events that name the person, in timeline order: date, outlet, the sentence
    (made from what the index knows of each event: events read from a file are not read)."""
    listed = view.events_of_person_sorted.get(person_id)

    def read(start: int, stop: int) -> list[tuple[EventFacts, str]]:
        if listed is None:
            return []
        events = list(listed[start:stop].facts())
        said = view.slices([(e.article_id, e.sentence_start, e.sentence_end) for e in events])
        return list(zip(events, said, strict=True))

    def make(start: int, stop: int) -> list[PageRow]:
        rows = []
        for event, words in read(start, stop):
            sentence = clean(words)
            date, source = _where(view, event.article_id)
            rows.append(
                PageRow(
                    (timex_label(event.value, event.mod), source, sentence),
                    Selection.event(event),
                    f"{source} · {date}: {sentence}",
                )
            )
        return rows

    def widest() -> tuple[int, ...]:
        """Each column's widest cell: the dates and outlets as the events are read, the
        sentences an article at a time (the Timeline's order goes from article to article:
        measured in it, an article's text was read and decompressed once per event)."""
        label = source = sentence = 0
        numbers: dict[str, int] = {}
        ids: list[str] = []
        starts, ends = array("I"), array("I")
        by_article: list[int] = []  # (the article's number << 32) | the event's
        for n, event in enumerate(listed.facts() if listed is not None else ()):
            label = max(label, cell_len(timex_label(event.value, event.mod)))
            article = view.articles[event.article_id]
            source = max(source, cell_len(outlet(article)))
            number = numbers.get(article.id)
            if number is None:
                number = numbers[article.id] = len(ids)
                ids.append(article.id)
            by_article.append(number << 32 | n)
            starts.append(event.sentence_start)
            ends.append(event.sentence_end)
        del numbers
        by_article.sort()
        current, text = -1, ""
        for key in by_article:
            number, n = key >> 32, key & 0xFFFFFFFF
            if number != current:
                current, text = number, view.text(ids[number])
            sentence = max(sentence, cell_len(clean(text[starts[n] : ends[n]])))
        return label, source, sentence

    return MadeRows(len(listed) if listed is not None else 0, make, measured=widest)


def figures(view: CorpusView, person_id: str) -> MadeRows:
    """The figures of the person's events (and stated in their sentences): value,
    measure, outlet, date, the sentence."""
    placed = view.figures_of_person_sorted.get(person_id)
    kept = placed.where(lambda f: f.article_id in view.articles) if placed is not None else None

    def cells_of(
        figure: Figure, said: dict[str, tuple[str, str]] | None = None
    ) -> tuple[tuple[str, ...], tuple[int, int]]:
        """The figure's cells and its sentence's span (``said``: the dates and outlets of
        the articles met so far, by article)."""
        text = view.text(figure.article_id)
        context = view.sentence_of_figure.get(figure.id) or sentence_around(
            text, figure.start, figure.end
        )
        date, source = _where(view, figure.article_id, said)
        sentence = clean(text[context[0] : context[1]])
        return (figure_label(figure), clean(figure.measure or ""), source, date, sentence), context

    def row(figure: Figure) -> PageRow:
        cells, context = cells_of(figure)
        source, date, sentence = cells[2:]
        return PageRow(cells, Selection.figure(figure, context), f"{source} · {date}: {sentence}")

    def make(start: int, stop: int) -> list[PageRow]:
        return [row(figure) for figure in kept[start:stop]] if kept is not None else []

    def cells(start: int, stop: int) -> list[tuple[str, ...]]:
        """The rows' cells alone (what measuring the columns reads)."""
        said: dict[str, tuple[str, str]] = {}  # a few figures an article: its labels once
        return [cells_of(f, said)[0] for f in kept[start:stop]] if kept is not None else []

    return MadeRows(len(kept) if kept is not None else 0, make, cells)


def roles(view: CorpusView, person_id: str) -> MadeRows:
    """Every role as the articles state it, in reading order: the role, outlet, date, the
    words of the article."""
    stated = [r for r in roles_of(view.corpus, person_id) if r.article_id in view.articles]
    stated.sort(key=lambda r: _reading_order(view, r))
    key = RecordKey(RecordKind.PERSON, person_id)

    def row(role: Role) -> PageRow:
        label = clean(role.title if not role.org else f"{role.title}, {role.org}")
        date, source = _where(view, role.article_id)
        text = view.text(role.article_id)
        context = sentence_around(text, role.start, role.end)
        return PageRow(
            (label, source, date, clean(role.text)),
            Selection(key, role.article_id, role.start, role.end, context=context),
            f"{source} · {date}: {clean(text[context[0] : context[1]])}",
        )

    return MadeRows(len(stated), lambda start, stop: [row(r) for r in stated[start:stop]])


def names(view: CorpusView, person_id: str) -> list[PageRow]:
    """The person's name and each alias (with how often each is written so), then each
    merge evidence record: the rule, the names it joined, its detail. A row shows the first
    mention written with (one of) its names."""
    person = view.people.get(person_id)
    if person is None:
        return []
    ordered = view.person_mentions(person_id)
    by_form: dict[str, list[int]] = defaultdict(list)
    for index, mention in enumerate(ordered):
        by_form[mention.text].append(index)
    key = RecordKey(RecordKind.MENTION, person_id)

    def first_of(forms: list[str]) -> Selection | None:
        found = [by_form[f][0] for f in forms if f in by_form]
        if not found and ordered:
            found = [0]
        if not found:
            return None
        index = min(found)
        m = ordered[index]
        return Selection(key, m.article_id, m.start, m.end, index)

    rows = []
    for kind, form in [("name", person.name), *(("alias", a) for a in person.aliases)]:
        target = first_of([form])
        if target is None:
            continue
        count = len(by_form.get(form, []))
        merged = [clean(e.rule) for e in person.evidence if form in e.names]
        note = "merged by " + ", ".join(dict.fromkeys(merged)) if merged else ""
        rows.append(PageRow((kind, clean(form), f"{count}×", note), target, clean(form)))
    for evidence in person.evidence:
        target = first_of(list(evidence.names))
        if target is None:
            continue
        joined = " = ".join(clean(n) for n in evidence.names)
        detail = clean(evidence.detail)
        rows.append(
            PageRow(
                ("evidence", clean(evidence.rule), "", joined + (f" ({detail})" if detail else "")),
                target,
                f"merged by {clean(evidence.rule)}: {joined}" + (f" — {detail}" if detail else ""),
            )
        )
    return rows


@dataclass(frozen=True)
class Companion:
    """Another person seen with the page's person."""

    person: Person
    sentences: int
    articles: int
    first: Span
    """Their first mention in a shared sentence (else in a shared article)."""
    context: tuple[int, int]


def companions(
    view: CorpusView, person_id: str, sentences: Sentences | None = None
) -> list[Companion]:
    """The people mentioned with the person, most shared sentences first (then shared
    articles, then name). A sentence is a stretch of :class:`Sentences`; a mention is in
    the one its first character is in."""
    person = view.people.get(person_id)
    if person is None:
        return []
    sentences = sentences or Sentences(view)
    # The person's mentions as their columns give them (article, start: no span made).
    mine = [
        (a, start) for a, start in view.person_mentions(person_id).places() if a in view.articles
    ]
    articles = {a for a, _ in mine}
    together_in = {(a, sentences.index(a, start)) for a, start in mine}
    del mine
    # An article's place in reading order (by date, then id: as its sort key orders them,
    # without making the key for each of the hundreds of thousands of mentions read here).
    rank_of = view.article_rank
    out = []
    # The others' mentions in the person's articles (from the file's index by article when
    # the corpus reads them from one), each person's together, in the corpus's order.
    for other, found in _by_person(view.mentions_in(articles)):
        if other.id == person_id:
            continue
        shared_articles: set[str] = set()
        shared_sentences: set[tuple[str, int]] = set()
        first: tuple[tuple[int, int, int], Span | Mentioned] | None = None
        for mention in found:
            shared_articles.add(mention.article_id)
            where = (mention.article_id, sentences.index(mention.article_id, mention.start))
            together = where in together_in
            if together:
                shared_sentences.add(where)
            rank = (0 if together else 1, rank_of[mention.article_id], mention.start)
            if first is None or rank < first[0]:
                first = (rank, mention)
        if first is not None:
            at = first[1]
            span = at if isinstance(at, Span) else at.span()
            context = sentences.around(span.article_id, span.start, span.end)
            out.append(Companion(other, len(shared_sentences), len(shared_articles), span, context))
    out.sort(key=lambda c: (-c.sentences, -c.articles, clean(c.person.name).casefold()))
    return out


def _by_person(
    mentions: Iterator[tuple[Person, Span | Mentioned]],
) -> Iterator[tuple[Person, list[Span | Mentioned]]]:
    """The mentions (each with its person, a person's together) as each person's list."""
    person: Person | None = None
    mine: list[Span | Mentioned] = []
    for who, mention in mentions:
        if who is not person:
            if person is not None:
                yield person, mine
            person, mine = who, []
        mine.append(mention)
    if person is not None:
        yield person, mine


def companion_rows(
    view: CorpusView, person_id: str, sentences: Sentences | None = None
) -> MadeRows:
    """:func:`companions` as rows: name, shared sentences, shared articles, roles. What the
    rows are made from is kept as columns, made once the companions are found: objects of
    their own, made while every mention of the person's articles was read (millions for the
    busiest person of 100,000 articles), would each keep part of the memory that pass used
    (~150 MB there) from being given back."""
    found = companions(view, person_id, sentences)
    people = [c.person for c in found]
    counts = array("I", (n for c in found for n in (c.sentences, c.articles)))
    spans = array("I", (n for c in found for n in (c.first.start, c.first.end, *c.context)))
    articles = [view.articles[c.first.article_id].id for c in found]
    del found

    def row(n: int) -> PageRow:
        person, article_id = people[n], articles[n]
        start, end, first, last = spans[4 * n : 4 * n + 4]
        roles_of = "; ".join(
            dict.fromkeys(
                clean(r.title if not r.org else f"{r.title}, {r.org}") for r in person.roles
            )
        )
        text = view.text(article_id)
        date, source = _where(view, article_id)
        return PageRow(
            (clean(person.name), str(counts[2 * n]), str(counts[2 * n + 1]), roles_of),
            Selection(
                RecordKey(RecordKind.PERSON, person.id),
                article_id,
                start,
                end,
                context=(first, last),
            ),
            f"{source} · {date}: {clean(text[first:last])}",
        )

    return MadeRows(len(people), lambda start, stop: [row(n) for n in range(start, stop)])


SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Statements", ("date", "outlet", "kind", "cue", "words")),
    ("Mentions", ("before", "mention", "after", "outlet", "date")),
    ("Timeline", ("when", "outlet", "sentence")),
    ("Figures", ("value", "measure", "outlet", "date", "sentence")),
    ("With", ("person", "sentences", "articles", "roles")),
    ("Roles", ("role", "outlet", "date", "as written")),
    ("Names", ("", "name / rule", "", "merged by / names")),
)
"""Each section of the page, in the order of the number keys: its title and columns."""

MENTIONS = [title for title, _ in SECTIONS].index("Mentions")
"""The number of the mentions' section."""

WITH = [title for title, _ in SECTIONS].index("With")
"""The number of the section of the people seen with the person."""


def section(
    view: CorpusView, person_id: str, n: int, found: Sentences, noting: bool = False
) -> Section:
    """Section ``n`` of the person's page (``found``: the sentences read so far, shared by
    the sections that read them while they are made: the people seen with the person;
    ``noting``: the mentions note theirs there as they are measured, for the people seen
    with the person made next)."""
    title, columns = SECTIONS[n]
    makers: dict[str, Callable[[], Sequence[PageRow]]] = {
        "Statements": lambda: statements(view, person_id),
        "Mentions": lambda: mentions(view, person_id, found if noting else None),
        "Timeline": lambda: timeline(view, person_id),
        "Figures": lambda: figures(view, person_id),
        "With": lambda: companion_rows(view, person_id, found),
        "Roles": lambda: roles(view, person_id),
        "Names": lambda: names(view, person_id),
    }
    return Section.measured(title, columns, makers[title]())


def sections(
    view: CorpusView, person_id: str, made: dict[int, Section] | None = None
) -> list[Section]:
    """Every section of the person's page, in the order of the number keys (those of
    ``made`` as they were made already)."""
    built = dict(made or {})
    # The mentions first, then the people seen with the person, who read the sentences the
    # mentions note (each article's text read once for both); those sentences let go before
    # the other sections are made (kept through them, their memory stayed pinned by what
    # those sections made meanwhile).
    found = Sentences(view)
    noting = WITH not in built
    for n in (MENTIONS, WITH):
        if n not in built:
            built[n] = section(view, person_id, n, found, noting)
    del found
    for n in range(len(SECTIONS)):
        if n not in built:
            built[n] = section(view, person_id, n, Sentences(view))
    return [built[n] for n in range(len(SECTIONS))]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def header(view: CorpusView, person_id: str) -> tuple[str, str]:
    """The page's two header lines: the name, then the counts and the aliases."""
    person = view.people.get(person_id)
    if person is None:
        return person_id, ""
    n_articles = view.articles_of_person.get(person_id, 0)
    outlets = len({view.outlet_of(a) for a in view.person_mentions(person_id).article_ids()})
    quotes = view.quotes_of_person.get(person_id, 0)
    counts = (
        f"{_count(view.mention_count(person_id), 'mention')} · {_count(n_articles, 'article')} · "
        f"{_count(outlets, 'outlet')} · {_count(quotes, 'statement')}"
    )
    if person.aliases:
        counts += " · aka " + ", ".join(shorten(a, 40) for a in person.aliases)
    return clean(person.name), counts
