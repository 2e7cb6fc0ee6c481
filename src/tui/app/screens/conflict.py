"""The conflict view: comparisons in a list, the one under the cursor side by side.

Above, the comparisons (``m`` keeps those across sources, ``y`` the certain ones, ``s``
sorts by spread, by sources or in corpus order); under it the highlighted comparison's
evidence, then its figures side by side (value, outlet, date, period, the sentence) and the
sentence of the figure under the cursor in full. ``tab`` moves between the two tables.
Enter on a figure asks the app to show it in Source (:class:`SourceRequested`); Esc there
comes back here. The rows come from :mod:`tui.app.conflict_rows`; everything shown is
plain ``Text``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import get_current_worker

from tui.app.conflict_rows import (
    ENTRY_COLUMNS,
    MEMBER_COLUMNS,
    ConflictSpot,
    Entry,
    entries,
    entry_cells,
    evidence,
    member_rows,
)
from tui.app.keyline import KeyLine
from tui.app.messages import SourceRequested
from tui.app.panes.record_table import RecordTable
from tui.app.person_rows import PageRow
from tui.app.screens.person import Column, Laid, LaidRows, column_widths
from tui.app.threads import short_switches
from tui.app.view import CorpusView, Selection
from tui.app.view_export import page_table
from tui.export_view import ViewTable

ENTRY_LAYOUT = (
    Column(24, style="bold", floor=12),
    Column(None),
    Column(4, right=True, floor=4),
    Column(20, floor=6),
    Column(7, right=True, floor=5),
)
MEMBER_LAYOUT = (
    Column(24, style="bold", floor=10),
    Column(24, floor=10),
    Column(10, floor=10),
    Column(14, floor=8),
    Column(None),
)


@dataclass(frozen=True)
class Cells:
    cells: tuple[str, ...]


def laid_out(
    rows: Sequence[tuple[str, ...]],
    layout: Sequence[Column],
    room: int,
    header: tuple[str, ...] = (),
) -> Laid:
    """Rows of cells as table rows keyed by index (each row's cells made when it is drawn),
    with widths for ``room`` columns (the column labels ``header`` counted: the table is
    never narrower than they are)."""
    widths = column_widths([Cells(r) for r in (header, *rows) if r], layout, room)
    return LaidRows(rows, layout, widths), widths


class ConflictScreen(Screen[str | None]):
    """Comparisons and one comparison's figures side by side; dismissed with the id of the
    comparison under the cursor (Esc)."""

    HORIZONTAL_BREAKPOINTS = []  # noqa: RUF012 (Textual's own declaration)
    """No breakpoint classes: the app's ``-wide``/``-narrow`` style the dashboard only.
    Inherited, they were set on the page by its first Resize and restyled every widget of
    it a third time before its first frame (after mounting and Textual's resume)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="conflict.back"),
        Binding("s", "sort", "Sort", id="conflict.sort"),
        Binding("m", "flip('cross_source')", "Cross-source", id="conflict.cross_source"),
        Binding("y", "flip('certain')", "Certain", id="conflict.certain"),
    ]

    def __init__(self, view: CorpusView, spot: ConflictSpot) -> None:
        super().__init__()
        self.view = view
        self.spot = spot
        self.entries: list[Entry] = []
        self.members: list[PageRow] = []
        self._filled_room = -1
        """The room the list was laid out for."""
        self._reading = True
        """No list shown yet: its worker builds it."""

    def compose(self) -> ComposeResult:
        yield Static("", id="conflict-head")
        yield RecordTable[int](id="conflict-list")
        yield Static("", id="conflict-evidence")
        yield RecordTable[int](id="conflict-members")
        yield Static("", id="conflict-full")
        yield KeyLine()

    def on_mount(self) -> None:
        listing = self._list()
        for label in ENTRY_COLUMNS:
            listing.add_column(label, key=label)
        members = self._members()
        for label in MEMBER_COLUMNS:
            members.add_column(label, key=label)
        self.query_one("#conflict-full").border_title = "enter: show in Source · esc: back"
        self._draw_head()
        listing.focus()
        self.fill(self.spot.row)

    def _list(self) -> RecordTable[int]:
        return self.query_one("#conflict-list", RecordTable)

    def _members(self) -> RecordTable[int]:
        return self.query_one("#conflict-members", RecordTable)

    def _room(self) -> int:
        """The columns a table's rows may fill: the screen less a vertical scrollbar's 2."""
        return max(40, (self.size.width or self.app.size.width) - 4)

    # -- filling --------------------------------------------------------------------------

    def fill(self, member_row: int = 0) -> None:
        """The list as the filters and order say, built in a worker (the head says
        ``reading…`` until the first one is shown); then the cursor on the comparison of
        the spot (else the first), its figures with the cursor on ``member_row``."""
        self._filled_room = self._room()
        self._fill_in_thread(self.spot, self._filled_room, member_row)

    @work(thread=True, exclusive=True, group="conflict-list", description="conflict list")
    def _fill_in_thread(self, spot: ConflictSpot, room: int, member_row: int) -> None:
        with short_switches():  # keys pressed meanwhile wait ≤ 0.5 ms for the GIL
            found = entries(
                self.view, cross_source=spot.cross_source, certain=spot.certain, order=spot.order
            )
            laid = laid_out([entry_cells(e) for e in found], ENTRY_LAYOUT, room, ENTRY_COLUMNS)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._filled, spot, found, laid, member_row)

    def _filled(
        self,
        spot: ConflictSpot,
        found: list[Entry],
        laid: Laid,
        member_row: int,
    ) -> None:
        now = self.spot
        if (spot.cross_source, spot.certain, spot.order) != (
            now.cross_source,
            now.certain,
            now.order,
        ):
            return  # the filters changed meanwhile: the worker they started shows its list
        first, self._reading = self._reading, False
        self.entries = found
        rows, widths = laid
        ids = [e.comparison.id for e in found]
        # The comparison under the cursor now (the first list: the one the view was opened on).
        at = ids.index(now.comparison_id) if now.comparison_id in ids else 0
        self._list().set_rows(rows, widths, at)
        self._draw_head()
        self.show_entry(at, member_row)
        if first and now.in_members and self.members:
            self._members().focus()

    def show_entry(self, index: int, member_row: int = 0) -> None:
        """The comparison at ``index`` of the list: its evidence and figures."""
        evidence_line = self.query_one("#conflict-evidence", Static)
        if not 0 <= index < len(self.entries):
            self.members = []
            self._members().clear()
            evidence_line.update(Text("no comparison matches the filters", style="dim"))
            self._show_full(0)
            return
        comparison = self.entries[index].comparison
        self.spot = replace(self.spot, comparison_id=comparison.id)
        self.members = member_rows(self.view, comparison)
        rows, widths = laid_out(
            [r.cells for r in self.members], MEMBER_LAYOUT, self._room(), MEMBER_COLUMNS
        )
        self._members().set_rows(rows, widths, member_row)
        # One wrapping paragraph (the labels bold): it fits in a few lines at 80 columns.
        text = Text(no_wrap=False)
        for n, (label, words) in enumerate(evidence(comparison)):
            text.append(" · " if n else "")
            text.append(f"{label}: ", style="bold")
            text.append(words)
        evidence_line.update(text)
        self._show_full(self._members().cursor_row)

    def _draw_head(self) -> None:
        spot = self.spot
        total = len(self.view.corpus.comparisons)
        head = Text(no_wrap=True, overflow="ellipsis")
        if self._reading:
            head.append(f"Comparisons ·/{total}", style="bold")
            head.append(" · reading…", style="dim")
            self.query_one("#conflict-head", Static).update(head, layout=False)  # one line
            return
        head.append(f"Comparisons {len(self.entries)}/{total}", style="bold")
        head.append(f" · by {spot.order.value} · ")
        if spot.cross_source:
            head.append("cross-source only", style="bold reverse")
        else:
            head.append("all sources")
        head.append(" · ")
        if spot.certain:
            head.append("certain only", style="bold reverse")
        else:
            head.append("certain or not")
        self.query_one("#conflict-head", Static).update(head, layout=False)  # one line

    def _show_full(self, index: int) -> None:
        row = self.members[index] if 0 <= index < len(self.members) else None
        text = Text(row.full if row is not None else "nothing here", style="" if row else "dim")
        self.query_one("#conflict-full", Static).update(text, layout=False)  # fixed height

    def on_resize(self) -> None:
        # The first Resize comes as the screen is shown, at the size it was filled for:
        # laying out every comparison again then cost as much as filling it.
        if self.is_mounted and self._room() != self._filled_room:
            self.fill(self._members().cursor_row)

    # -- keys -----------------------------------------------------------------------------

    def on_record_table_highlighted(self, event: RecordTable.Highlighted[int]) -> None:
        event.stop()
        if event.table.id == "conflict-list":
            current = self.spot.comparison_id
            if not (0 <= event.key < len(self.entries)) or (
                self.entries[event.key].comparison.id != current
            ):
                self.show_entry(event.key)
        else:
            self._show_full(event.key)

    def on_record_table_selected(self, event: RecordTable.Selected[int]) -> None:
        event.stop()
        if event.table.id == "conflict-list":
            self._members().focus()
            return
        if not 0 <= event.key < len(self.members):
            return
        back = replace(self.spot, row=event.key, in_members=True)
        self.post_message(SourceRequested(self.members[event.key].target, back))

    def action_sort(self) -> None:
        self.spot = replace(self.spot, order=self.spot.order.next())
        self.fill()

    def action_flip(self, which: str) -> None:
        if which == "cross_source":
            self.spot = replace(self.spot, cross_source=not self.spot.cross_source)
        else:
            self.spot = replace(self.spot, certain=not self.spot.certain)
        self.fill()

    def action_back(self) -> None:
        # Before the first list is shown, the comparison the view was opened on.
        self.dismiss(self.spot.comparison_id if self.entries or self._reading else None)

    # -- what is shown (tests, export) ----------------------------------------------------

    def listed(self) -> list[str]:
        """The ids of the comparisons listed, in order."""
        return [e.comparison.id for e in self.entries]

    def member_texts(self) -> list[str]:
        table = self._members()
        return [table.row_text(i) for i in range(table.row_count)]

    def cursor_target(self) -> Selection | None:
        """The member under the cursor, else the comparison's first member (what ``b``
        stars)."""
        if not self.members:
            return None
        row = self._members().cursor_row if self._members().has_focus else 0
        return self.members[row].target if 0 <= row < len(self.members) else None

    def export_table(self) -> ViewTable | None:
        """The comparison shown, its evidence as notes, its figures with citations."""
        index = self._list().cursor_row
        if not 0 <= index < len(self.entries):
            return None
        comparison = self.entries[index].comparison
        notes = [f"{label}: {words}" for label, words in evidence(comparison)]
        return page_table(
            self.view,
            f"Conflict: {comparison.measure}"
            if comparison.status == "conflict"
            else f"Comparison: {comparison.measure}",
            MEMBER_COLUMNS,
            self.members,
            notes,
        )
