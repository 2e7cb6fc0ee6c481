"""The date page: a date (or a range) with every source's sentences, grouped by outlet.

Opened by Enter on a Timeline event (its date) or on a ``from..to`` filter. The rows come
from :mod:`tui.app.date_rows`; Enter on a row asks the app to show its span in Source
(:class:`SourceRequested`), Esc there comes back here, Esc here back to the Timeline.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Static

from tui.app.date_rows import DATE_COLUMNS, DateSpot, EventDays, date_rows
from tui.app.messages import SourceRequested
from tui.app.panes.record_table import RecordTable
from tui.app.person_rows import PageRow
from tui.app.screens.conflict import laid_out
from tui.app.screens.person import Column
from tui.app.view import CorpusView
from tui.app.view_export import page_table
from tui.export_view import ViewTable

DATE_LAYOUT = (
    Column(24, style="bold", floor=10),
    Column(22, floor=10),
    Column(10, floor=10),
    Column(None),
)


class DateScreen(Screen[str | None]):
    """One date's sentences by outlet; dismissed with the event under the cursor (Esc)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="date.back"),
    ]

    def __init__(self, view: CorpusView, spot: DateSpot, days: EventDays | None = None) -> None:
        super().__init__()
        self.view = view
        self.spot = spot
        self.days = days or EventDays(view)
        self.rows: list[PageRow] = []

    def compose(self) -> ComposeResult:
        yield Static("", id="date-head")
        yield RecordTable[int](id="date-table")
        yield Static("", id="date-full")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self._table()
        for label in DATE_COLUMNS:
            table.add_column(label, key=label)
        self.query_one("#date-full").border_title = "enter: show in Source · esc: back"
        events = self.days.within(self.view.sorted_events, self.spot.days)
        self.rows = date_rows(self.view, events)
        if self.spot.event_id is not None and not self.spot.row:
            ids = [r.target.record_id for r in self.rows]
            if self.spot.event_id in ids:
                self.spot = replace(self.spot, row=ids.index(self.spot.event_id))
        outlets = len({self.view.outlet_of(e.article_id) for e in events})
        head = Text(no_wrap=True, overflow="ellipsis")
        head.append(self.spot.label, style="bold")
        head.append(
            f"  {len(self.rows)} sentence{'' if len(self.rows) == 1 else 's'} from "
            f"{outlets} outlet{'' if outlets == 1 else 's'}",
            style="dim",
        )
        self.query_one("#date-head", Static).update(head)
        self._lay_out()
        table.focus()

    def _table(self) -> RecordTable[int]:
        return self.query_one("#date-table", RecordTable)

    def _lay_out(self) -> None:
        room = max(40, (self.size.width or self.app.size.width) - 4)  # a scrollbar's 2
        rows, widths = laid_out([r.cells for r in self.rows], DATE_LAYOUT, room, DATE_COLUMNS)
        cursor = self.spot.row if not self._table().row_count else self._table().cursor_row
        self._table().set_rows(rows, widths, cursor)
        self._show_full(self._table().cursor_row)

    def on_resize(self) -> None:
        if self.rows:
            self._lay_out()

    def _show_full(self, index: int) -> None:
        row = self.rows[index] if 0 <= index < len(self.rows) else None
        text = Text(row.full if row is not None else "no event in this date", style="")
        self.query_one("#date-full", Static).update(text)

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
        self.dismiss(self.rows[index].target.record_id if 0 <= index < len(self.rows) else None)

    def shown_rows(self) -> list[str]:
        table = self._table()
        return [table.row_text(i) for i in range(table.row_count)]

    def export_table(self) -> ViewTable:
        return page_table(
            self.view, f"Date: {self.spot.label}", DATE_COLUMNS, self.rows, [self.spot.label]
        )
