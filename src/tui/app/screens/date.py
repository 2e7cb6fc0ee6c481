"""The date page: a date (or a range) with every source's sentences, grouped by outlet.

Opened by Enter on a Timeline event (its date) or under a ``from..to`` filter (the range).
The rows come from :mod:`tui.app.date_rows`, built and laid out in a worker (a year holds
thousands of events at 10,000 articles) and kept in the app's :class:`DateCache`, so Esc
back from Source shows the page again without building it. Enter on a row asks the app to
show its span in Source (:class:`SourceRequested`), Esc there comes back here, Esc here back
to the Timeline.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Static

from tui.app.date_rows import DATE_COLUMNS, DateRows, DateSpot, Days, date_rows
from tui.app.keyline import KeyLine
from tui.app.messages import SourceRequested
from tui.app.panes.record_table import RecordTable
from tui.app.panes.timeline import TimelineSource
from tui.app.person_rows import PageRow
from tui.app.screens.person import CellsOf, Column, Laid, LaidRows, fit_widths
from tui.app.view import CorpusView, Selection
from tui.app.view_export import page_table
from tui.export_view import ViewTable
from tui.gcpolicy import gc_paused

DATE_LAYOUT = (
    Column(24, style="bold", floor=10),
    Column(22, floor=10),
    Column(10, floor=10),
    Column(None),
)


@dataclass
class DatePage:
    """A date's rows (made a window at a time when asked), its outlet count, the widest
    cell of each column (measured once, with the column labels: a page laid out again for
    another width does not make its rows again), and the rows laid out for one width."""

    rows: DateRows
    outlets: int
    widest: tuple[int, ...]
    room: int = 0
    laid: Laid | None = None


class DateCache:
    """The last date pages built for the shown corpus (Esc back from Source reopens one
    at once). Owned by the app; read and written by the pages' workers, one at a time.
    A page keeps the places of its events, not its rows (:func:`date_rows`)."""

    SIZE = 4

    def __init__(self) -> None:
        self._view: CorpusView | None = None
        self._pages: dict[Days, DatePage] = {}

    def get(self, view: CorpusView, span: Days, room: int) -> DatePage:
        if view is not self._view:
            self._view, self._pages = view, {}
        page = self._pages.pop(span, None)
        if page is None:
            with gc_paused(for_a_page=True):
                # One query of the Timeline's table (made before a page is opened from it),
                # not a pass over every event of the corpus; the events read a batch at a
                # time and the rows measured a batch at a time: what is read is never all
                # held at once (a busy year's ~110,000 events at 100,000 articles, held,
                # left ~45 MB of CPython's arenas part-used behind them).
                rows = date_rows(view, TimelineSource.of(view).each_within(span))
                labels = tuple(cell_len(label) for label in DATE_COLUMNS)
                page = DatePage(rows, rows.outlets, tuple(map(max, rows.widest(), labels)))
        if page.laid is None or page.room != room:
            widths = fit_widths(page.widest, DATE_LAYOUT, room)
            page.laid = LaidRows(CellsOf(page.rows), DATE_LAYOUT, widths), widths
            page.room = room
        self._pages[span] = page
        while len(self._pages) > self.SIZE:
            self._pages.pop(next(iter(self._pages)))
        return page


class DateScreen(Screen[str | None]):
    """One date's sentences by outlet; dismissed with the event under the cursor (Esc)."""

    HORIZONTAL_BREAKPOINTS = []  # noqa: RUF012 (Textual's own declaration)
    """No breakpoint classes: the app's ``-wide``/``-narrow`` style the dashboard only.
    Inherited, they were set on the page by its first Resize and restyled every widget of
    it a third time before its first frame (after mounting and Textual's resume)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="date.back"),
    ]

    def __init__(
        self,
        view: CorpusView,
        spot: DateSpot,
        cache: DateCache | None = None,
    ) -> None:
        super().__init__()
        self.view = view
        self.spot = spot
        self.cache = cache or DateCache()
        self.rows: Sequence[PageRow] = []

    def compose(self) -> ComposeResult:
        yield Static("", id="date-head")
        yield RecordTable[int](id="date-table")
        yield Static("", id="date-full")
        yield KeyLine()

    def on_mount(self) -> None:
        table = self._table()
        for label in DATE_COLUMNS:
            table.add_column(label, key=label)
        self.query_one("#date-full").border_title = "enter: show in Source · esc: back"
        self._draw_head("reading…")
        table.focus()
        self.build()

    def _room(self) -> int:
        return max(40, (self.size.width or self.app.size.width) - 4)  # a scrollbar's 2

    @work(thread=True, exclusive=True, group="date-page")
    def build(self) -> None:
        """The page's rows, laid out for the screen, off the event loop."""
        page = self.cache.get(self.view, self.spot.days, self._room())
        start = None  # the row of the event the page was opened on, read from the ids
        if not self.rows and self.spot.event_id is not None and not self.spot.row:
            start = page.rows.index_of_event(self.spot.event_id)
        self.app.call_from_thread(self._show, page, start)

    def _show(self, page: DatePage, start: int | None = None) -> None:
        first = not self.rows
        self.rows = page.rows
        if first and start is not None and self.spot.event_id is not None and not self.spot.row:
            self.spot = replace(self.spot, row=start)
        n = len(self.rows)
        self._draw_head(
            f"{n} sentence{'' if n == 1 else 's'} from "
            f"{page.outlets} outlet{'' if page.outlets == 1 else 's'}"
        )
        assert page.laid is not None
        rows, widths = page.laid
        table = self._table()
        table.set_rows(rows, widths, self.spot.row if first else table.cursor_row)
        self._show_full(table.cursor_row)

    def _draw_head(self, counts: str) -> None:
        head = Text(no_wrap=True, overflow="ellipsis")
        head.append(self.spot.label, style="bold")
        head.append(f"  {counts}", style="dim")
        self.query_one("#date-head", Static).update(head, layout=False)  # one line

    def _table(self) -> RecordTable[int]:
        return self.query_one("#date-table", RecordTable)

    def on_resize(self) -> None:
        if self.rows:
            self.build()

    def _show_full(self, index: int) -> None:
        row = self.rows[index] if 0 <= index < len(self.rows) else None
        text = Text(row.full if row is not None else "no event in this date")
        self.query_one("#date-full", Static).update(text, layout=False)  # fixed height

    def on_record_table_highlighted(self, event: RecordTable.Highlighted[int]) -> None:
        event.stop()
        self._show_full(event.key)

    def on_record_table_selected(self, event: RecordTable.Selected[int]) -> None:
        event.stop()
        if 0 <= event.key < len(self.rows):
            back = replace(self.spot, row=event.key, event_id=None)
            self.post_message(SourceRequested(self.rows[event.key].target, back))

    def action_back(self) -> None:
        index = self._table().cursor_row
        if 0 <= index < len(self.rows):
            self.dismiss(self.rows[index].target.record_id)
        else:
            self.dismiss(self.spot.event_id)

    def cursor_target(self) -> Selection | None:
        """The sentence's date under the cursor (what ``b`` stars)."""
        row = self._table().cursor_row
        return self.rows[row].target if 0 <= row < len(self.rows) else None

    def shown_rows(self) -> list[str]:
        table = self._table()
        return [table.row_text(i) for i in range(table.row_count)]

    def export_table(self) -> ViewTable:
        return page_table(
            self.view, f"Date: {self.spot.label}", DATE_COLUMNS, self.rows, [self.spot.label]
        )
