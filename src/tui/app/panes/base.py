"""The pane frames: Pane (a titled frame bound to the app's state, with a debounced search) and
FilteredPane (a table of records, named by RecordKey, that follows the filters)."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import ClassVar, Generic, TypeVar

from textual import work
from textual.containers import Vertical
from textual.reactive import reactive

from tui.app.messages import RecordHighlighted, RecordSelected, SearchApplied
from tui.app.panes.record_table import RecordTable, TableRow
from tui.app.records import RecordKey, key_index
from tui.app.view import ArticleFilter, CorpusView, Selection

T = TypeVar("T")

SEARCH_DEBOUNCE = 0.1
"""Seconds of typing pause before a pane applies its search."""

Row = TableRow[RecordKey]
"""A row of a pane's table: the record's key and its cells."""


class Pane(Vertical):
    """A titled pane bound to the app's corpus view and filters."""

    PANE_TITLE: ClassVar[str] = ""
    ALLOW_MAXIMIZE = True  # z fills the screen with the focused pane

    # A pane is a frame: its records widget redraws what changed, so these never repaint
    # the frame itself (a selection change must not redraw every pane).
    view: reactive[CorpusView | None] = reactive(None, repaint=False)
    person_filter: reactive[str | None] = reactive(None, repaint=False)
    article_filter: reactive[ArticleFilter | None] = reactive(None, repaint=False)
    search: reactive[str] = reactive("", repaint=False)
    selection: reactive[Selection | None] = reactive(None, repaint=False)

    _rebuild_pending = False

    def on_mount(self) -> None:
        # Textual calls the ``on_mount`` of every class in the MRO, base classes last: a
        # subclass's handler must not call ``super().on_mount()`` (it would run this twice)
        self.border_title = self.PANE_TITLE

    def rebuild(self) -> None:
        """Recompute the pane's rows from the view, filters and search."""

    def refit(self) -> None:
        """Follow a new width: panes whose cells are cut to their width rebuild them."""

    def on_resize(self) -> None:
        self.refit()

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

    def type_search(self, value: str) -> None:
        """A search being typed: applied once typing pauses for ``SEARCH_DEBOUNCE`` seconds,
        so each keystroke stays instant however many rows the search filters."""
        self._debounce_search(value)

    @work(exclusive=True, group="search-debounce")
    async def _debounce_search(self, value: str) -> None:
        await asyncio.sleep(SEARCH_DEBOUNCE)
        self._set_search(value)

    def apply_search(self, value: str) -> None:
        """Apply a search now (Enter, Esc), dropping one still waiting to be applied."""
        self.workers.cancel_group(self, "search-debounce")
        self._set_search(value)

    def _set_search(self, value: str) -> None:
        if value != self.search:
            self.search = value
            self.post_message(SearchApplied())

    def focus_records(self) -> None:
        """Give focus to the pane's record widget."""
        self.query_one(".records").focus()

    def matches(self, *fields: str) -> bool:
        """Does a row whose visible text is ``fields`` match the pane's search?"""
        if not self.search:
            return True
        needle = self.search.casefold()
        return any(needle in f.casefold() for f in fields)


FILTERS_KEPT = 4
"""Filtered row lists a pane keeps (besides the unfiltered one): choosing a person again —
Esc back from their page, Enter on them again — shows their rows without building them."""

Filters = tuple[object, ...]
"""What a pane's rows were filtered by (person, article filter, search)."""


class RecentRows(Generic[T]):
    """The rows of the last ``FILTERS_KEPT`` filters of one pane, for one view and width
    (the pane clears it when either changes). Rebuilding a pane for the busiest person of
    10,000 articles took ~350 ms on the event loop as their page opened."""

    def __init__(self) -> None:
        self._kept: dict[Filters, T] = {}

    def get(self, filters: Filters) -> T | None:
        found = self._kept.pop(filters, None)
        if found is not None:
            self._kept[filters] = found  # the most recent last
        return found

    def put(self, filters: Filters, rows: T) -> None:
        self._kept[filters] = rows
        while len(self._kept) > FILTERS_KEPT:
            self._kept.pop(next(iter(self._kept)))

    def clear(self) -> None:
        self._kept.clear()


class FilteredPane(Pane):
    """A pane whose rows follow the corpus, the person and article filters and the search.

    Under another screen (Enter on a person pushes their page, then filters the panes
    under it) the pane does not refill on the key: it empties itself and says
    ``filling…`` (never another person's rows), and refills when :meth:`refill` is called
    (the page has shown its rows) or when the dashboard is shown again, after its first
    frame. At 10,000 articles that refill kept the busiest person's page from its first
    rows for ~650 ms."""

    _refill_deferred = False

    def on_mount(self) -> None:
        self.app.screen_change_signal.subscribe(self, self._screen_changed)

    def _screen_changed(self, screen: object) -> None:
        if screen is self.screen:
            self.refill()

    def request_rebuild(self) -> None:
        if self.is_mounted and self.screen is not self.app.screen:
            if not self._refill_deferred:
                self._refill_deferred = True
                self.empty_until_refill()
            return
        super().request_rebuild()

    def refill(self) -> None:
        """Rebuild now (after the next refresh) if a rebuild waited while covered."""
        if self._refill_deferred:
            self._refill_deferred = False
            super().request_rebuild()

    def empty_until_refill(self) -> None:
        """Show no rows, no count and ``filling…`` until the refill."""
        self.table().clear()
        self.border_title = self.PANE_TITLE
        self.border_subtitle = "filling…"

    @property
    def filling(self) -> bool:
        """The rows wait for a refill (the pane was covered when its filters changed)."""
        return self._refill_deferred

    def watch_view(self) -> None:
        self.request_rebuild()

    def watch_person_filter(self) -> None:
        self.request_rebuild()

    def watch_article_filter(self) -> None:
        self.request_rebuild()

    def watch_search(self) -> None:
        self.request_rebuild()

    def selection_for(self, key: RecordKey) -> Selection | None:
        """The selection a row key stands for (None when the row is gone)."""
        return None

    def table(self) -> RecordTable[RecordKey]:
        table: RecordTable[RecordKey] = self.query_one(RecordTable)
        return table

    def row_keys(self) -> list[RecordKey]:
        """The keys of the rows shown, in order."""
        return self.table().row_keys

    def show_rows(self, rows: Sequence[Row], widths: Sequence[int], keep: RecordKey | None) -> None:
        """Show ``rows``, the cursor on the row ``keep`` if it is one of them (else the first)."""
        cursor = 0
        if keep is not None and rows:
            cursor = key_index([key for key, _ in rows], keep) or 0
        self.table().set_rows(rows, widths, cursor)

    def reveal(self, key: RecordKey) -> bool:
        """Move the cursor to the row ``key``; False when the filters hide it."""
        table = self.table()
        if table.key_at(table.cursor_row) == key:
            return True  # back from the page opened on this row: no search of 70,000 keys
        index = key_index(self.row_keys(), key)
        if index is None:
            return False
        table.move_cursor(row=index, animate=False)
        return True

    def on_record_table_highlighted(self, event: RecordTable.Highlighted[RecordKey]) -> None:
        event.stop()
        if not event.table.has_focus:
            return
        selection = self.selection_for(event.key)
        if selection is not None:
            self.post_message(RecordHighlighted(selection))

    def on_record_table_selected(self, event: RecordTable.Selected[RecordKey]) -> None:
        event.stop()
        selection = self.selection_for(event.key)
        if selection is not None:
            self.post_message(RecordSelected(selection))
