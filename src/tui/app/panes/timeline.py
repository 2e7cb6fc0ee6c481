"""Timeline: events across all articles, in date order, at each date's own granularity.

Above the events, a one-line histogram of the shown events per month (hidden when the pane
is too low to spare the line). The search filters by words, or by dates when it is a range
``from..to`` (``2023-03..2023-06``, ``2023-03-01..2023-03-31``, ``2021..``).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from tui.app.date_rows import Days, EventDays, Months, histogram, months_shown, parse_range
from tui.app.format import INFERRED_MARK, clean, on_inferred_date, shorten, timex_of
from tui.app.panes import base
from tui.app.panes.base import FilteredPane, RecentRows, Row, RowsWanted
from tui.app.panes.record_table import KeyedRows, RecordTable, RowKeys, row_keys
from tui.app.records import RecordKey, RecordKind
from tui.app.view import ArticleFilter, CorpusView, Selection
from tui.paged import (
    SEPARATOR,
    Filters,
    SavedTables,
    TimelineQuery,
    TimelineRow,
    TimelineTable,
)
from tui.records.models import Article, Event
from tui.snapshot import EventFacts, text_of

HISTOGRAM_MIN_HEIGHT = 12
"""The pane's least height (rows, borders included) that shows the histogram line."""

DATE_WIDTH = 30
"""The Date column's widest label: "end of January (year unknown)" whole in a pane of 120
columns or more (a maximised Timeline); longer labels are cut so the sentence keeps room."""


OUTLET_WIDTH = 14
"""The Outlet column's widest label (longer outlets are cut)."""

DATE_NOTE_ROOM = 4
"""What the Date column keeps beyond a label for its group's size (" ×12"); a longer note
("(2 independent)") is cut."""


UNMEASURED = -1
"""An event's sentence cell not measured yet (:attr:`TimelineRows.event_widths`)."""

EXACT_ROWS = 2048
"""Rows a fill measures one by one: all of a list this long or shorter, so its columns'
widths are exact; a longer list's Date and Outlet widths are read from the table's widest
labels (its first rows still measured), and its sentences take the room they are cut to."""

PerMonth = Months
"""Events per month and the first and last month's labels (the histogram's input)."""

Built = tuple[Sequence[Row], list[int], PerMonth | None]
"""The Timeline's rows, the widest cell of each column, and its events per month."""


@dataclass(eq=False)
class TimelineSource:
    """The Timeline's events of one view as a table read a window at a time
    (:class:`~tui.paged.TimelineTable`), made once, by the first fill or question that
    needs it (a worker's, as a rule), with the days of each event's date."""

    view: CorpusView
    days: EventDays
    _table: TimelineTable | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def of(cls, view: CorpusView) -> TimelineSource:
        """The view's one source (made by the load worker, or by the first fill)."""
        return view.made("timeline", lambda: cls(view, EventDays(view)))

    def table(self, saved: SavedTables | None = None) -> TimelineTable:
        """The table: the one ``saved`` for this corpus if there is one (by the first
        call, the load worker's), else made from the view."""
        with self._lock:
            if self._table is None:
                found = saved.open(TimelineTable) if saved is not None else None
                self._table = found if found is not None else TimelineTable.build(self._rows())
            return self._table

    def made_table(self) -> TimelineTable | None:
        """The table, if it is made (or opened) already; None before the first fill."""
        with self._lock:
            return self._table

    def within(self, days: Days) -> list[EventFacts]:
        """The events whose every day is in ``days``, in the Timeline's order: one query of
        the table once it is made (a date page opened from the Timeline), else by going over
        every event (:meth:`EventDays.facts_within`); what the index knows of each (the
        events themselves are not read)."""
        return list(self.each_within(days))

    BATCH = 2000
    """Events read at once by :meth:`each_within`."""

    def each_within(self, days: Days) -> Iterator[EventFacts]:
        """:meth:`within`, read a batch at a time from the table once it is made: a reader
        that keeps less than what it reads (the date page: ~110,000 events of a busy year
        at 100,000 articles) never holds them all."""
        table = self.made_table()
        if table is None:
            yield from self.days.facts_within(self.view.sorted_events.facts(), days)
            return
        ids = table.query(Filters(days=days)).ids()
        for at in range(0, len(ids), self.BATCH):
            yield from self.view.facts_in(ids[at : at + self.BATCH])

    def _rows(self) -> Iterator[TimelineRow]:
        view, days = self.view, self.days
        articles = view.articles
        outlets: dict[str, tuple[str, int]] = {}  # per article: its outlet and label's width
        for event in view.sorted_events:
            article_id = event.article_id
            article = articles[article_id]
            known = outlets.get(article_id)
            if known is None:
                name = view.outlet_of(article_id)
                known = outlets[article_id] = (name, cell_len(shorten(name, OUTLET_WIDTH)))
            outlet, outlet_width = known
            sentence = text_of(view.corpus, article)[event.sentence.start : event.sentence.end]
            # What a search looks in: the date, the outlet and the sentence.
            haystack = SEPARATOR.join((timex_of(event.when), outlet, sentence)).casefold()
            yield TimelineRow(
                event.id,
                article_id,
                event.group,
                view.independent(article_id, event.when.start),
                days.of(event),
                days.month(event),
                event.people,
                cell_len(date_label(article, event)),
                outlet_width,
                haystack,
            )

    def query(
        self, person: str | None, articles: ArticleFilter | None, search: str
    ) -> TimelineQuery:
        """The events the filters and the search leave, in the Timeline's order: a
        ``from..to`` search keeps the events whose every day is in the range, any other
        the events whose date, outlet or sentence holds it (case aside)."""
        ids = articles.article_ids if articles is not None else None
        dates = parse_range(search) if ".." in search else None
        if dates is not None:
            return self.table().query(Filters(person, ids, days=dates[0]))
        return self.table().query(Filters(person, ids, needle=search.casefold()))


def date_label(article: Article, event: Event) -> str:
    """An event's date as the Timeline labels it (unshortened)."""
    label = timex_of(event.when)
    if on_inferred_date(article, event.when):
        label = INFERRED_MARK + label  # anchored on a date the article did not state
    return label


class PagedRows(KeyedRows[RecordKey]):
    """The Timeline's rows of one filtered list, read from its table a window at a time;
    a row's cells are made when it is drawn (the last :data:`DRAWN_ROWS` kept), its
    group's size in the list asked for with the other groups of its window."""

    indexed = True

    def __init__(self, builder: TimelineRows, query: TimelineQuery) -> None:
        super().__init__()
        self.builder = builder
        self.query = query
        self._sizes: dict[str, tuple[int, int]] = {}

    def __len__(self) -> int:
        return self.query.count()

    def parts(self, index: int) -> tuple[Event, bool, int, int]:
        """Row ``index``'s event, whether it opens its group, and the group's events and
        independent sources in the list."""
        event_id, group, before = self.query.row(index)
        event = self.builder.view.events[event_id]
        if group is None:
            return event, True, 1, 1
        known = self._sizes.get(group)
        if known is None:
            self._sizes.update(self.query.groups(self.query.block_groups(index)))
            known = self._sizes[group]
        return event, group != before, known[0], known[1] or 1

    def make(self, index: int) -> Row:
        event, first, size, independent = self.parts(index)
        key = RecordKey(RecordKind.EVENT, event.id)
        return key, self.builder.row(event, first, size, independent)

    def key(self, index: int) -> RecordKey:
        return RecordKey(RecordKind.EVENT, self.query.row(index)[0])

    @property
    def keys(self) -> RowKeys[RecordKey]:
        return RowKeys(self, self._listed)

    def _listed(self) -> Iterator[RecordKey]:
        return (RecordKey(RecordKind.EVENT, i) for i in self.query.ids())

    def index_of(self, key: RecordKey) -> int | None:
        if key.kind is not RecordKind.EVENT:
            return None
        return self.query.index_of(key.record_id)

    def ids(self) -> list[str]:
        """Every row's event id, in order (one query of the table)."""
        return self.query.ids()

    def events(self) -> list[Event]:
        """Every row's event, in order."""
        return self.builder.view.events_in(self.query.ids())


FACTS_BATCH = 5000
"""Events' facts read at once by :func:`each_shown_facts`."""


def each_shown_facts(rows: Sequence[Row], view: CorpusView) -> Iterator[list[EventFacts]]:
    """What the index knows of the events of a Timeline's rows, in order,
    :data:`FACTS_BATCH` events at a time (any thread): what counting them needs, without
    reading the events from their file, and without holding them all (700,000 at 100,000
    articles). Rows that are every event of the view, each id once, are read by their
    places (:attr:`CorpusView.sorted_events`), with no list of their ids either: a list of
    700,000 ids, let go, left ~10–50 MB of the C allocator's free memory resident (the top
    of the worker thread's heap, which ``malloc_trim`` does not give back)."""
    listed = view.sorted_events
    whole = isinstance(rows, PagedRows) and not rows.query.where  # no filter, no search
    if whole and len(rows) == len(listed) == len(view.events):
        # The table's every row, in its order: the view's events, in ``sorted_events``'s.
        for at in range(0, len(listed), FACTS_BATCH):
            yield list(listed[at : at + FACTS_BATCH].facts())
        return
    ids = rows.ids() if isinstance(rows, PagedRows) else [k.record_id for k in row_keys(rows)]
    for at in range(0, len(ids), FACTS_BATCH):
        yield view.facts_in(ids[at : at + FACTS_BATCH])


def shown_events(rows: Sequence[Row], view: CorpusView) -> list[Event]:
    """The events of a Timeline's rows, in order (any thread: a paged list reads its ids
    from its table)."""
    if isinstance(rows, PagedRows):
        return rows.events()
    return view.events_in([key.record_id for key in row_keys(rows)])


@dataclass(eq=False)
class TimelineRows:
    """What makes and measures the Timeline's rows for one view at one pane width: what a
    refill worker reads (never the pane). The pane replaces it, never clears it, when the
    view or its width changes, so a worker still building with an old one leaves nothing
    behind. Its caches are only read and added to, one key at a time, and equal keys get
    equal values: the event loop and a worker may use one together."""

    view: CorpusView
    width: int
    source: TimelineSource
    date_widths: dict[tuple[str, bool, int, int], int] = field(default_factory=dict)
    """Each date cell's width, by event, group position and size."""
    event_widths: dict[str, tuple[int, int]] = field(default_factory=dict)
    """The widths of an event's sentence and outlet cells (the same in every group); the
    sentence's is :data:`UNMEASURED` until a fill needs it."""
    kept: RecentRows[Built] = field(default_factory=RecentRows)
    """The rows built for the filters so far (the unfiltered ones and the last few)."""

    def let_go(self) -> None:
        """Forget the rows built (a new builder replaces this one): they refer back to
        it, and the cycle, once frozen with everything shown (see
        :meth:`tui.app.view.CorpusView.let_go`), would keep its view alive."""
        self.kept = RecentRows()

    @property
    def days(self) -> EventDays:
        return self.source.days

    def rows(self, person: str | None, articles: ArticleFilter | None, search: str) -> PagedRows:
        """The rows the filters and the search leave, in date order."""
        return PagedRows(self, self.source.query(person, articles, search))

    def row(
        self, event: Event, first_of_group: bool, size: int, independent: int = 0
    ) -> tuple[Text, Text, Text]:
        return self.date_cell(event, first_of_group, size, independent), *self.event_cells(event)

    def event_cells(self, event: Event) -> tuple[Text, Text]:
        """The sentence and outlet cells: the same wherever the event is in its group."""
        return self.snippet(event), Text(self.outlet_label(event), no_wrap=True)

    def outlet_label(self, event: Event) -> str:
        return shorten(self.view.outlet_of(event.article_id), OUTLET_WIDTH)

    def date_cell(
        self, event: Event, first_of_group: bool, size: int, independent: int = 0
    ) -> Text:
        date = Text(no_wrap=True)
        for part, style in self.date_parts(event, first_of_group, size, independent):
            date.append(part, style=style)
        return date

    def date_parts(
        self, event: Event, first_of_group: bool, size: int, independent: int = 0
    ) -> list[tuple[str, str]]:
        """The date cell's pieces and their styles (measured without making the cell)."""
        label = date_label(self.view.articles[event.article_id], event)
        label = shorten(label, self.date_room())
        if not first_of_group:
            return [("└ ", "dim"), (label, "dim")]
        parts = [(label, "bold")]
        if size > 1:
            parts.append((f" ×{size}", "italic"))
            if 0 < independent < size:  # copies of one story are one source
                parts.append((f" ({independent} independent)", "italic"))
        return parts

    def snippet(self, event: Event, width: int = 90) -> Text:
        """The event's sentence cut around its time expression, which is shown bold.

        How much comes before the time expression depends on the room the pane has when
        it is filled: narrow panes keep the expression in view, wide ones show the
        sentence from its start."""
        text = self.view.text(event.article_id)
        start, end = event.sentence.start, event.sentence.end
        if not start <= event.when.start <= event.when.end <= end:
            start, end = min(start, event.when.start), max(end, event.when.end)
        before = clean(text[start : event.when.start])
        when = clean(text[event.when.start : event.when.end])
        after = clean(text[event.when.end : end])
        room = self.width - 20  # what the Date column and borders leave
        lead = max(14, min(width, room) - len(when) - 12)
        if len(before) > lead:
            tail = before[-lead:]
            if " " in tail:  # start at a word, not inside one
                tail = tail[tail.index(" ") + 1 :]
            before = "…" + tail
        snippet = Text(no_wrap=True, overflow="ellipsis")
        # A space around the bold expression only where the article has one ("mid-2019",
        # "(2018)" stay as written).
        gap_before = " " if before and text[start : event.when.start][-1:].isspace() else ""
        gap_after = " " if after and text[event.when.end : end][:1].isspace() else ""
        snippet.append(before + gap_before)
        snippet.append(when, style="bold")
        snippet.append(gap_after + after)
        snippet.truncate(self.snippet_room(width), overflow="ellipsis")
        return snippet

    def measure(self, rows: PagedRows) -> list[int]:
        """The widest cell of each column: each of the first :data:`EXACT_ROWS` rows
        measured (once per event, group position and size; a sentence only while none
        measured so far fills the room a snippet is cut to), the rest of a longer list
        bounded by its widest labels."""
        widths = [0, 0, 0]
        dates = self.date_widths
        event_widths = self.event_widths
        widest = self.snippet_room()
        count = len(rows)
        for index in range(min(count, EXACT_ROWS)):
            event, first, size, independent = rows.parts(index)
            date_key = (event.id, first, size, independent)
            width = dates.get(date_key)
            if width is None:
                parts = self.date_parts(event, first, size, independent)
                width = dates[date_key] = cell_len("".join(p for p, _ in parts))
            if width > widths[0]:
                widths[0] = width
            measured = event_widths.get(event.id)
            if measured is None:
                outlet = cell_len(self.outlet_label(event))
                measured = event_widths[event.id] = (UNMEASURED, outlet)
            t, o = measured
            # No snippet is wider than the room it is cut to: once one fills it, the
            # column's width is known and the others need not be made to be measured
            # (most of the time of a first fill, the snippets being made).
            if t == UNMEASURED and widths[1] < widest:
                t = self.snippet(event).cell_len
                event_widths[event.id] = (t, o)
            if t > widths[1]:
                widths[1] = t
            if o > widths[2]:
                widths[2] = o
        if count > EXACT_ROWS:
            label, outlet = rows.query.widest()
            widths[0] = max(widths[0], min(label, self.date_room()) + len("└ "))
            widths[1] = max(widths[1], widest)
            widths[2] = max(widths[2], outlet)
        # A group's "×3 (2 independent)" may be cut: one long date cell must not take the
        # sentences' room from every row.
        widths[0] = min(widths[0], self.date_room() + DATE_NOTE_ROOM)
        return widths

    def snippet_room(self, width: int = 90) -> int:
        """The widest a snippet is drawn (:meth:`snippet` cuts it to this many cells)."""
        return max(width, self.width - 20)

    def date_room(self) -> int:
        """The room of a date label (a quarter of the pane, at most DATE_WIDTH)."""
        return max(10, min(DATE_WIDTH, self.width // 4)) if self.width else DATE_WIDTH


@dataclass(eq=False)
class TimelineWanted(RowsWanted):
    rows: TimelineRows | None = None
    """The row builder for the view and width (None while loading)."""


class TimelinePane(FilteredPane[TimelineWanted, Built]):
    PANE_TITLE = "Timeline"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._builder: TimelineRows | None = None
        self._source: TimelineSource | None = None
        self._shown_per_month: PerMonth | None = None
        self._histogram_text: str | None = None  # None: not drawn yet

    def compose(self) -> ComposeResult:
        yield Static("", id="timeline-histogram")
        yield RecordTable[RecordKey](id="timeline-table", classes="records")

    def event_days(self) -> EventDays | None:
        """The days of each event's date, read once per view."""
        source = self.source()
        return source.days if source is not None else None

    def source(self) -> TimelineSource | None:
        """The view's events as the Timeline's table (made when first asked), once per
        view."""
        view = self.view
        if view is None:
            return None
        if self._source is None or self._source.view is not view:
            self._source = TimelineSource.of(view)
        return self._source

    def on_mount(self) -> None:
        table = self.table()
        table.add_column("Date", key="date")
        table.add_column("Sentence", key="sentence", flex=True)
        table.add_column("Outlet", key="outlet")

    def row_builder(self) -> TimelineRows | None:
        """The rows' builder for the view and the pane's width now (None while loading)."""
        view = self.view
        source = self.source()
        if view is None or source is None:
            return None
        width = self.size.width
        builder = self._builder
        if builder is None or builder.view is not view or builder.width != width:
            if builder is not None:
                builder.let_go()
            builder = TimelineRows(view, width, source)
            self._builder = builder
        return builder

    def visible_events(self) -> list[Event]:
        """The events of the rows shown, in order."""
        view = self.view
        return shown_events(self.table().rows, view) if view is not None else []

    def snippet(self, event: Event, width: int = 90) -> Text:
        """The event's sentence cut around its time expression (:meth:`TimelineRows.snippet`)."""
        builder = self.row_builder()
        assert builder is not None
        return builder.snippet(event, width)

    # -- rows -----------------------------------------------------------------------------

    def wanted(self) -> TimelineWanted:
        return TimelineWanted(
            self.view,
            self.person_filter,
            self.article_filter,
            self.search,
            self.size.width,
            self.row_builder(),
        )

    def slow(self, wanted: TimelineWanted) -> bool:
        view = wanted.view
        return (
            bool(wanted.search) and view is not None and len(view.events) > base.SEARCHED_IN_WORKER
        )

    def kept(self, wanted: TimelineWanted) -> Built | None:
        if wanted.rows is None:
            return [], [0, 0, 0], None
        return wanted.rows.kept.get(wanted)

    def build(self, wanted: TimelineWanted) -> Built:
        rows = wanted.rows
        if rows is None:
            return [], [0, 0, 0], None
        paged = rows.rows(wanted.person, wanted.articles, wanted.search)
        built, widths = self._build_rows(rows, paged)
        return built, widths, months_shown(paged.query.months())

    def _build_rows(self, rows: TimelineRows, paged: PagedRows) -> tuple[Sequence[Row], list[int]]:
        return paged, rows.measure(paged)

    def keep(self, wanted: TimelineWanted, built: Built) -> None:
        if wanted.rows is not None:
            wanted.rows.kept.put(wanted, built)

    def show(self, wanted: TimelineWanted, built: Built) -> None:
        rows, widths, per_month = built
        view = wanted.view
        total = len(view.events) if view is not None else 0
        self._draw_histogram(per_month)
        self.border_title = (
            f"Timeline ({len(rows)}/{total})" if len(rows) != total else f"Timeline ({total})"
        )
        self.border_subtitle = "nothing matches the filter" if total and not rows else ""
        if view is None:  # still loading: no count yet, and an empty pane is no finding
            self.border_title = self.PANE_TITLE
            self.border_subtitle = "loading…"
        keep = self.selection.key if self.selection is not None else None
        if keep is not None and keep.kind is not RecordKind.EVENT:
            keep = None
        self.show_rows(rows, widths, keep)

    def empty_until_refill(self) -> None:
        super().empty_until_refill()
        self._draw_histogram(None)

    def _draw_histogram(self, per_month: PerMonth | None) -> None:
        self._shown_per_month = per_month
        shown = self.size.height >= HISTOGRAM_MIN_HEIGHT
        text = histogram(per_month, self.size.width - 4) if per_month and shown else ""
        if text == self._histogram_text:
            return  # unchanged: no repaint, and no layout pass (a resize sends many)
        self._histogram_text = text
        line = self.query_one("#timeline-histogram", Static)
        if line.display != bool(text):
            line.display = bool(text)
        # One fixed-height line: a new text needs no layout pass.
        line.update(Text(text, no_wrap=True, overflow="ellipsis"), layout=False)

    def refit(self) -> None:
        if self.is_mounted:
            self._draw_histogram(self._shown_per_month)
            if self._builder is not None and self._builder.width != self.size.width:
                self.request_rebuild()  # the snippets are cut to the pane's width

    def histogram_text(self) -> str:
        """The histogram line as shown ("" when hidden)."""
        line = self.query_one("#timeline-histogram", Static)
        return str(line.render()) if line.display else ""

    def selection_for(self, key: RecordKey) -> Selection | None:
        view = self.view
        if view is None or key.kind is not RecordKind.EVENT or key.record_id not in view.events:
            return None
        event = view.events[key.record_id]
        return Selection(
            key,
            event.article_id,
            event.when.start,
            event.when.end,
            context=(event.sentence.start, event.sentence.end),
        )
