"""The frequency table screen (``F``): one column's counts with a bar each; ←/→ change the
column, Enter applies the row's filter to the pane."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from tui.app.counts import Bucket, Column, LazyColumn
from tui.app.format import shorten
from tui.app.panes.record_table import RecordTable
from tui.app.screens.modal import Modal
from tui.safetext import visible

BAR = 20
"""Cells of the longest bar."""


def bucket_cells(bucket: Bucket, total: int, most: int) -> tuple[Text, Text, Text, Text]:
    """A row: the value, its count, its share of the pane's rows, a bar (█, never colour
    alone). A row that is no filter is dimmed and says so."""
    share = f"{100 * bucket.count / total:.0f}%" if total else ""
    cells = max(1, round(BAR * bucket.count / most)) if most else 0
    label = shorten(visible(bucket.label), 48)
    return (
        Text(label, style="dim italic" if bucket.apply == "none" else "", no_wrap=True),
        Text(f"{bucket.count:,}", justify="right", no_wrap=True),
        Text(share, justify="right", style="dim", no_wrap=True),
        Text("█" * cells, no_wrap=True),
    )


class FrequencyScreen(Modal[Bucket | None]):
    """Counts of the focused pane's rows by one of its columns (VisiData's Shift+F)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,F", "cancel", "Close", id="frequency.close"),
        Binding("right,l,tab", "column(1)", "Next column", id="frequency.next"),
        Binding("left,h,shift+tab", "column(-1)", "Prev column", id="frequency.prev"),
    ]

    def __init__(self, pane_title: str, columns: Sequence[LazyColumn]) -> None:
        super().__init__()
        self.pane_title = pane_title
        self.columns = columns
        self.current = 0
        self.column: Column | None = None
        """The column shown (None while it is being counted)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="frequency-body") as body:
            body.border_subtitle = "←/→ column · enter filters · esc closes"
            yield Static("", id="frequency-tabs")
            yield RecordTable[int](id="frequency-list")

    def on_mount(self) -> None:
        table: RecordTable[int] = self.query_one(RecordTable)
        for label, key in (("Value", "value"), ("Count", "count"), ("%", "share"), ("", "bar")):
            table.add_column(label, key=key)
        self.show(0)
        table.focus()

    def show(self, n: int) -> None:
        """Show column ``n``: its tabs at once, its rows when they are counted (a worker)."""
        self.current = n % len(self.columns)
        self.column = None
        self._tabs("counting…")
        self.count(self.current)

    def _tabs(self, note: str) -> None:
        lazy = self.columns[self.current]
        body = self.query_one("#frequency-body")
        body.border_title = Text(f"{self.pane_title}: rows by {lazy.title}")
        tabs = Text(no_wrap=True, overflow="ellipsis")
        for i, c in enumerate(self.columns):
            tabs.append(f" {c.title} ", style="bold reverse" if i == self.current else "")
            tabs.append(" ")
        tabs.append(note, style="dim")
        self.query_one("#frequency-tabs", Static).update(tabs)

    @work(thread=True, exclusive=True, group="frequency")
    def count(self, n: int) -> None:
        column = self.columns[n].get()
        self.app.call_from_thread(self._counted, n, column)

    def _counted(self, n: int, column: Column) -> None:
        if n != self.current:
            return  # another column was asked for meanwhile
        self.column = column
        self._tabs(f"{len(column.buckets):,} values · {column.total:,} rows")
        most = max((b.count for b in column.buckets), default=0)
        rows = [(i, bucket_cells(b, column.total, most)) for i, b in enumerate(column.buckets)]
        widths = [max((r[1][k].cell_len for r in rows), default=0) for k in range(4)]
        self.query_one(RecordTable).set_rows(rows, widths)

    def rows_text(self) -> list[str]:
        """The shown rows as plain text (for tests)."""
        table: RecordTable[int] = self.query_one(RecordTable)
        return [table.row_text(i) for i in range(table.row_count)]

    def action_column(self, step: int) -> None:
        self.show(self.current + step)

    def on_record_table_highlighted(self, event: RecordTable.Highlighted[int]) -> None:
        event.stop()

    def on_record_table_selected(self, event: RecordTable.Selected[int]) -> None:
        event.stop()
        if self.column is None:
            return
        bucket = self.column.buckets[event.key]
        if bucket.apply == "none":
            self.app.bell()
            self.notify("this row is no filter", markup=False)
            return
        self.dismiss(bucket)

    def action_cancel(self) -> None:
        self.dismiss(None)
