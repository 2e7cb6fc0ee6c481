"""The pane frames: Pane (a titled frame bound to the app's state, with a debounced search) and
FilteredPane (a table of records, named by RecordKey, that follows the filters)."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Generic, TypeVar

from textual import work
from textual.containers import Vertical
from textual.reactive import reactive
from textual.worker import get_current_worker

from tui.app.messages import RecordHighlighted, RecordSelected, SearchApplied
from tui.app.panes.record_table import KeyedRows, RecordTable, TableRow, row_keys
from tui.app.records import RecordKey, key_index
from tui.app.threads import short_switches
from tui.app.view import ArticleFilter, CorpusView, Selection
from tui.paged import Abandoned, abandoned_when

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


SEARCHED_IN_WORKER = 20_000
"""Rows beyond which a pane's search is filtered in a worker (scanning 70,000 events' texts
takes ~0.1 s: more than a key's budget, on the event loop)."""

FILTERS_KEPT = 4
"""Filtered row lists a pane keeps (besides the unfiltered one): choosing a person again —
Esc back from their page, Enter on them again — shows their rows without building them."""

Filters = tuple[object, ...]
"""What a pane's rows were filtered by (person, article filter, search)."""


class RecentRows(Generic[T]):
    """The rows one pane built for one view and width: the unfiltered rows, and those of the
    last ``FILTERS_KEPT`` filters (the pane replaces it when the view or width changes).
    Rebuilding a pane for the busiest person of 10,000 articles took ~350 ms on the event
    loop as their page opened."""

    def __init__(self) -> None:
        self._unfiltered: T | None = None
        self._kept: dict[Filters, T] = {}

    def get(self, wanted: RowsWanted) -> T | None:
        if wanted.everything:
            return self._unfiltered
        found = self._kept.pop(wanted.filters, None)
        if found is not None:
            self._kept[wanted.filters] = found  # the most recent last
        return found

    def put(self, wanted: RowsWanted, rows: T) -> None:
        if wanted.everything:
            self._unfiltered = rows
            return
        self._kept[wanted.filters] = rows
        while len(self._kept) > FILTERS_KEPT:
            self._kept.pop(next(iter(self._kept)))


@dataclass(eq=False)
class RowsWanted:
    """What a pane's rows are built from, read on the event loop: a worker that builds them
    reads this, never the pane (whose filters may change meanwhile)."""

    view: CorpusView | None
    person: str | None
    articles: ArticleFilter | None
    search: str
    width: int

    @property
    def filters(self) -> Filters:
        return (self.person, self.articles, self.search)

    @property
    def everything(self) -> bool:
        """No filter and no search: the unfiltered rows."""
        return self.person is None and self.articles is None and not self.search


W = TypeVar("W", bound=RowsWanted)
"""A pane's :class:`RowsWanted` (with what its builder needs)."""

B = TypeVar("B")
"""A pane's built rows (rows, widths and whatever else it shows with them)."""


class FilteredPane(Pane, Generic[W, B]):
    """A pane whose rows follow the corpus, the person and article filters and the search.

    A rebuild reads what is wanted (:meth:`wanted`), shows rows kept for it (:meth:`kept`)
    or builds them (:meth:`build`, which reads only what it is given, so it can run in a
    thread) and shows them (:meth:`show`).

    Under another screen (Enter on a person pushes their page, then filters the panes
    under it) the pane does not refill on the key: it empties itself and says
    ``filling…`` (never another person's rows), and refills when :meth:`refill` is called
    (the page has shown its rows) or when the dashboard is shown again, after its first
    frame. That refill builds its rows in a thread worker and shows them when they are
    built, so keys pressed meanwhile are answered: at 10,000 articles it held the event
    loop for 350–650 ms for the busiest person."""

    _refill_deferred = False
    _refilling = False
    """A refill worker builds the rows (the pane still says ``filling…``)."""

    def on_mount(self) -> None:
        self.app.screen_change_signal.subscribe(self, self._screen_changed)

    def _screen_changed(self, screen: object) -> None:
        if screen is self.screen:
            self.refill()

    # -- what a pane defines ----------------------------------------------------------------

    def wanted(self) -> W:
        """What the rows are built from, read now (on the event loop)."""
        raise NotImplementedError

    def kept(self, wanted: W) -> B | None:
        """Rows already built for ``wanted`` (on the event loop)."""
        raise NotImplementedError

    def build(self, wanted: W) -> B:
        """The rows for ``wanted``; reads nothing of the pane but ``wanted`` (any thread)."""
        raise NotImplementedError

    def keep(self, wanted: W, built: B) -> None:
        """Keep rows built for ``wanted`` for a later rebuild (on the event loop)."""

    def show(self, wanted: W, built: B) -> None:
        """Show the rows built for ``wanted`` (on the event loop)."""

    # -- rebuilding ---------------------------------------------------------------------------

    def slow(self, wanted: W) -> bool:
        """Building ``wanted`` takes long enough to be felt (a search that scans a large
        corpus, every comparison of a large one): it is built in the refill worker, the
        rows shown meanwhile staying."""
        return False

    def rebuild(self) -> None:
        if not self.is_mounted:
            return
        self._stop_refill()
        wanted = self.wanted()
        built = self.kept(wanted)
        if built is None and self.slow(wanted):
            # Keys stay answered while a worker filters; the rows shown stay until then.
            self._refilling = True
            self.border_subtitle = "searching…" if self.search else "filling…"
            self._refill_in_thread(wanted)
            return
        if built is None:
            built = self.build(wanted)
            self.keep(wanted, built)
        self.show(wanted, built)

    def request_rebuild(self) -> None:
        if self.is_mounted and self.screen is not self.app.screen:
            self._stop_refill()
            if not self._refill_deferred:
                self._refill_deferred = True
                self.empty_until_refill()
            return
        super().request_rebuild()

    def refill(self) -> None:
        """Rebuild, in a worker, if a rebuild waited while covered."""
        if self._refill_deferred:
            self._refill_deferred = False
            self._refilling = True
            self.call_after_refresh(self._start_refill)

    def _start_refill(self) -> None:
        if not self._refilling or not self.is_mounted:
            return
        wanted = self.wanted()
        built = self.kept(wanted)
        if built is not None:
            self._refilling = False
            self.show(wanted, built)
            return
        self._refill_in_thread(wanted)

    # A description of its own: Textual's default is the repr of the arguments, and the
    # repr of ``wanted`` is the repr of the whole corpus (seconds on the event loop).
    @work(thread=True, exclusive=True, group="refill", description="refill")
    def _refill_in_thread(self, wanted: W) -> None:
        # Not under ``gc_paused``: the collections the new rows call for would then all
        # come at once, on the event loop, after the worker. Short switches: the loop
        # takes the GIL back within 0.5 ms at each step of a key (5 ms by default).
        worker = get_current_worker()
        try:
            # A search made stale by the next key stops within a millisecond of SQLite's
            # work (the worker is cancelled), rather than running to its end first.
            with short_switches(), abandoned_when(lambda: worker.is_cancelled):
                built = self.build(wanted)
        except Abandoned:
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._refilled, wanted, built)

    def _refilled(self, wanted: W, built: B) -> None:
        if not self._refilling or not self.is_mounted:
            return
        now = self.wanted()
        if wanted.view is not now.view or wanted.width != now.width:
            return  # built for another corpus or width: the rebuild that followed shows rows
        self.keep(wanted, built)
        if wanted.filters == now.filters:
            self._refilling = False
            self.show(wanted, built)

    def _stop_refill(self) -> None:
        if self._refilling:
            self._refilling = False
            self.workers.cancel_group(self, "refill")

    def empty_until_refill(self) -> None:
        """Show no rows, no count and ``filling…`` until the refill."""
        self.table().clear()
        self.border_title = self.PANE_TITLE
        self.border_subtitle = "filling…"

    @property
    def filling(self) -> bool:
        """The rows wait for a refill (the pane was covered when its filters changed), or
        a refill worker is building them."""
        return self._refill_deferred or self._refilling

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

    def row_keys(self) -> Sequence[RecordKey]:
        """The keys of the rows shown, in order."""
        return self.table().row_keys

    def show_rows(self, rows: Sequence[Row], widths: Sequence[int], keep: RecordKey | None) -> None:
        """Show ``rows``, the cursor on the row ``keep`` if it is one of them (else the first)."""
        cursor = 0
        if keep is not None and rows:
            cursor = row_index(rows, keep) or 0
        self.table().set_rows(rows, widths, cursor)

    def reveal(self, key: RecordKey) -> bool:
        """Move the cursor to the row ``key``; False when the filters hide it."""
        table = self.table()
        if table.key_at(table.cursor_row) == key:
            return True  # back from the page opened on this row: no search of 70,000 keys
        index = row_index(table.rows, key)
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


def row_index(rows: Sequence[Row], key: RecordKey) -> int | None:
    """Where the row ``key`` is in ``rows`` (None when it is not one of them): asked of
    rows that know it without listing every key, else found among the keys."""
    if isinstance(rows, KeyedRows) and rows.indexed:
        return rows.index_of(key)
    return key_index(row_keys(rows), key)
