"""Shared pieces of the record panes: vim-style list/table widgets and the pane frame."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import DataTable, OptionList

from tui.app.messages import RecordHighlighted, RecordSelected
from tui.app.view import ArticleFilter, CorpusView, Selection


class RecordList(OptionList):
    """An OptionList with j/k/g/G (scales: one line per record, no widget per row)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("g", "first", "First", show=False, id="list.first"),
        Binding("G", "last", "Last", show=False, id="list.last"),
    ]


class RecordTable(DataTable[object]):
    """A row-cursor DataTable with j/k/g/G."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="table.down"),
        Binding("k", "cursor_up", "Up", show=False, id="table.up"),
        Binding("g", "scroll_top", "First", show=False, id="table.first"),
        Binding("G", "scroll_bottom", "Last", show=False, id="table.last"),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=False)

    def fit_columns(self) -> None:
        """Size every column to its widest cell now that a fill is complete.

        DataTable measures new rows when it is next idle and only ever widens columns; a fill
        that lands while the table is laid out for the first time could leave columns at
        their header's width. Our cells are single-line ``Text``, so their width is known.
        """
        for key, column in self.columns.items():
            widest = column.label.cell_len
            for cell in self.get_column(key):
                widest = max(widest, cell.cell_len if isinstance(cell, Text) else len(str(cell)))
            column.content_width = widest
        self.refresh(layout=True)


class Pane(Vertical):
    """A titled pane bound to the app's corpus view and filters."""

    PANE_TITLE: ClassVar[str] = ""

    # A pane is a frame: its records widget redraws what changed, so these never repaint
    # the frame itself (a selection change must not redraw every pane).
    view: reactive[CorpusView | None] = reactive(None, repaint=False)
    person_filter: reactive[str | None] = reactive(None, repaint=False)
    article_filter: reactive[ArticleFilter | None] = reactive(None, repaint=False)
    search: reactive[str] = reactive("", repaint=False)
    selection: reactive[Selection | None] = reactive(None, repaint=False)

    _rebuild_pending = False

    def on_mount(self) -> None:
        self.border_title = self.PANE_TITLE

    def rebuild(self) -> None:
        """Recompute the pane's rows from the view, filters and search."""

    def request_rebuild(self) -> None:
        """Rebuild once after the current burst of reactive changes (a new corpus sets
        the view and every filter together; one rebuild serves them all)."""
        if self._rebuild_pending:
            return
        self._rebuild_pending = True
        self.call_after_refresh(self._run_rebuild)

    def _run_rebuild(self) -> None:
        self._rebuild_pending = False
        self.rebuild()

    def focus_records(self) -> None:
        """Give focus to the pane's record widget."""
        self.query_one(".records").focus()

    def matches(self, *fields: str) -> bool:
        """Does a row whose visible text is ``fields`` match the pane's search?"""
        if not self.search:
            return True
        needle = self.search.casefold()
        return any(needle in f.casefold() for f in fields)


class FilteredPane(Pane):
    """A pane whose rows follow the corpus, the person and article filters and the search."""

    def watch_view(self) -> None:
        self.request_rebuild()

    def watch_person_filter(self) -> None:
        self.request_rebuild()

    def watch_article_filter(self) -> None:
        self.request_rebuild()

    def watch_search(self) -> None:
        self.request_rebuild()

    def selection_for(self, key: str) -> Selection | None:
        """The selection a row key stands for (None when the row is gone)."""
        return None

    def row_keys(self) -> list[str]:
        """The keys of the rows shown, in order."""
        table = self.query_one(RecordTable)
        return [str(row.key.value) for row in table.ordered_rows]

    def reveal(self, key: str) -> bool:
        """Move the cursor to the row ``key``; False when the filters hide it."""
        keys = self.row_keys()
        if key not in keys:
            return False
        self.query_one(RecordTable).move_cursor(row=keys.index(key), animate=False)
        return True

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if not event.data_table.has_focus or event.row_key.value is None:
            return
        selection = self.selection_for(event.row_key.value)
        if selection is not None:
            self.post_message(RecordHighlighted(selection))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is None:
            return
        selection = self.selection_for(event.row_key.value)
        if selection is not None:
            self.post_message(RecordSelected(selection))
