"""Timeline: events across all articles, in date order, at each date's own granularity.

Above the events, a one-line histogram of the shown events per month (hidden when the pane
is too low to spare the line). The search filters by words, or by dates when it is a range
``from..to`` (``2023-03..2023-06``, ``2023-03-01..2023-03-31``, ``2021..``).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from tui.app.date_rows import EventDays, Months, histogram, parse_range
from tui.app.format import INFERRED_MARK, clean, on_inferred_date, shorten, timex_of
from tui.app.panes.base import FilteredPane, RecentRows, Row
from tui.app.panes.record_table import RecordTable
from tui.app.records import RecordKey, RecordKind
from tui.app.view import Selection
from tui.records.models import Event

HISTOGRAM_MIN_HEIGHT = 12
"""The pane's least height (rows, borders included) that shows the histogram line."""

DATE_WIDTH = 22
"""Longer date labels ("end of January (year unknown)") are cut so the sentence keeps room."""


DATE_NOTE_ROOM = 4
"""What the Date column keeps beyond a label for its group's size (" ×12"); a longer note
("(2 independent)") is cut."""


class TimelinePane(FilteredPane):
    PANE_TITLE = "Timeline"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._haystacks: dict[str, str] = {}
        self._rows: dict[tuple[str, bool, int, int], tuple[Row, tuple[int, ...]]] = {}
        self._rows_width = -1
        self._cells: dict[str, tuple[Text, Text]] = {}
        self._unfiltered: tuple[list[Row], list[int]] | None = None
        self._recent: RecentRows[tuple[list[Row], list[int], Months | None]] = RecentRows()
        self._days: EventDays | None = None
        self._histogram: Months | None = None
        self._shown_per_month: Months | None = None
        self._histogram_text: str | None = None  # None: not drawn yet

    def compose(self) -> ComposeResult:
        yield Static("", id="timeline-histogram")
        yield RecordTable[RecordKey](id="timeline-table", classes="records")

    def event_days(self) -> EventDays | None:
        """The days of each event's date, read once per view."""
        view = self.view
        if view is None:
            return None
        if self._days is None or self._days.view is not view:
            self._days = EventDays(view)
        return self._days

    def on_mount(self) -> None:
        table = self.table()
        table.add_column("Date", key="date")
        table.add_column("Sentence", key="sentence", flex=True)
        table.add_column("Outlet", key="outlet")

    def visible_events(self) -> list[Event]:
        view = self.view
        if view is None:
            return []
        events = view.events_for(self.person_filter, self.article_filter)
        dates = parse_range(self.search) if ".." in self.search else None
        days = self.event_days()
        if dates is not None and days is not None:
            return days.within(events, dates[0])
        if self.search:
            needle = self.search.casefold()
            haystack = self._haystack
            events = [e for e in events if needle in haystack(e)]
        return events

    def _haystack(self, event: Event) -> str:
        """The casefolded text a search looks in (date, outlet, sentence), cached per
        event; fields are joined by a character no typed search contains."""
        cached = self._haystacks.get(event.id)
        if cached is None:
            view = self.view
            assert view is not None
            article = view.articles[event.article_id]
            sentence = article.text[event.sentence.start : event.sentence.end]
            fields = (timex_of(event.when), view.outlet_of(event.article_id), sentence)
            cached = "\0".join(f.casefold() for f in fields)
            self._haystacks[event.id] = cached
        return cached

    def _row(
        self, event: Event, first_of_group: bool, size: int, independent: int = 0
    ) -> tuple[Text, Text, Text]:
        view = self.view
        assert view is not None
        date = Text(no_wrap=True)
        room = self._date_room()
        label = timex_of(event.when)
        if on_inferred_date(view.articles[event.article_id], event.when):
            label = INFERRED_MARK + label  # anchored on a date the article did not state
        label = shorten(label, room)
        if first_of_group:
            date.append(label, style="bold")
        else:
            date.append("└ ", style="dim")
            date.append(label, style="dim")
        if size > 1 and first_of_group:
            date.append(f" ×{size}", style="italic")
            if 0 < independent < size:  # copies of one story are one source
                date.append(f" ({independent} independent)", style="italic")
        # The sentence and outlet cells do not depend on the event's place in its group:
        # rows rebuilt for a filter's new group sizes reuse them.
        cells = self._cells.get(event.id)
        if cells is None:
            outlet = Text(shorten(view.outlet_of(event.article_id), 14), no_wrap=True)
            cells = (self.snippet(event), outlet)
            self._cells[event.id] = cells
        return date, cells[0], cells[1]

    def snippet(self, event: Event, width: int = 90) -> Text:
        """The event's sentence cut around its time expression, which is shown bold.

        How much comes before the time expression depends on the room the pane has when
        it is filled: narrow panes keep the expression in view, wide ones show the
        sentence from its start."""
        view = self.view
        assert view is not None
        text = view.articles[event.article_id].text
        start, end = event.sentence.start, event.sentence.end
        if not start <= event.when.start <= event.when.end <= end:
            start, end = min(start, event.when.start), max(end, event.when.end)
        before = clean(text[start : event.when.start])
        when = clean(text[event.when.start : event.when.end])
        after = clean(text[event.when.end : end])
        room = self.size.width - 20  # what the Date column and borders leave
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
        snippet.truncate(max(width, room), overflow="ellipsis")
        return snippet

    def watch_view(self) -> None:
        self._haystacks.clear()
        self._rows.clear()
        self._cells.clear()
        self._unfiltered = None
        self._recent.clear()
        self._histogram = None
        super().watch_view()

    def rebuild(self) -> None:
        if not self.is_mounted:
            return
        view = self.view
        total = len(view.events) if view is not None else 0
        if self.size.width != self._rows_width:
            self._rows.clear()  # the date and sentence cuts depend on the pane's width
            self._cells.clear()
            self._unfiltered = None
            self._recent.clear()
            self._rows_width = self.size.width
        everything = self.person_filter is None and self.article_filter is None
        filters = (self.person_filter, self.article_filter, self.search)
        recent = self._recent.get(filters)
        if everything and not self.search and self._unfiltered is not None:
            rows, widths = self._unfiltered
            per_month = self._histogram
        elif recent is not None:
            rows, widths, per_month = recent
        else:
            events = self.visible_events()
            rows, widths = self._build_rows(events)
            days = self.event_days()
            per_month = days.per_month(events) if days is not None else None
            if everything and not self.search:
                self._unfiltered = (rows, widths)
                self._histogram = per_month
            else:
                self._recent.put(filters, (rows, widths, per_month))
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

    def _draw_histogram(self, per_month: Months | None) -> None:
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
            if self._rows_width not in (-1, self.size.width):
                self.request_rebuild()  # the snippets are cut to the pane's width

    def histogram_text(self) -> str:
        """The histogram line as shown ("" when hidden)."""
        line = self.query_one("#timeline-histogram", Static)
        return str(line.render()) if line.display else ""

    def _build_rows(self, events: list[Event]) -> tuple[list[Row], list[int]]:
        """Rows (cached per event, group position and size) and the widest cell of each
        column, measured once per cached row."""
        shown: dict[str, int] = {}
        sources: dict[str, set[str]] = {}
        view = self.view
        for event in events:
            if event.group and view is not None:
                shown[event.group] = shown.get(event.group, 0) + 1
                sources.setdefault(event.group, set()).add(
                    view.independent(event.article_id, event.when.start)
                )
        rows: list[Row] = []
        widths = [0, 0, 0]
        cache = self._rows
        previous_group: str | None = None
        for event in events:
            first = event.group is None or event.group != previous_group
            size = shown.get(event.group or "", 1)
            independent = len(sources.get(event.group or "", ())) or 1
            previous_group = event.group
            cache_key = (event.id, first, size, independent)
            entry = cache.get(cache_key)
            if entry is None:
                cells = self._row(event, first, size, independent)
                key = RecordKey(RecordKind.EVENT, event.id)
                entry = ((key, cells), tuple(c.cell_len for c in cells))
                cache[cache_key] = entry
            row, cell_widths = entry
            rows.append(row)
            d, t, o = cell_widths
            if d > widths[0]:
                widths[0] = d
            if t > widths[1]:
                widths[1] = t
            if o > widths[2]:
                widths[2] = o
        # A group's "×3 (2 independent)" may be cut: one long date cell must not take the
        # sentences' room from every row.
        widths[0] = min(widths[0], self._date_room() + DATE_NOTE_ROOM)
        return rows, widths

    def _date_room(self) -> int:
        """The room of a date label (a quarter of the pane, at most DATE_WIDTH)."""
        return max(10, min(DATE_WIDTH, self.size.width // 4)) if self.size.width else DATE_WIDTH

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
