"""A person's page: everything the corpus says about one person, one section at a time.

Statements, mentions (keyword in context), timeline, figures, the people seen with them,
roles, and names with the merge evidence; the rows come from :mod:`tui.app.person_rows`,
built in a worker. Enter on a row asks the app to show its span in Source
(:class:`~tui.app.messages.SourceRequested`); Esc there comes back here. Everything shown
is cleaned plain text in ``Text`` objects: names and article words are never parsed as
markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Static

from tui.app.format import clean, shorten
from tui.app.keyline import KeyLine
from tui.app.lazy import Lazy
from tui.app.messages import (
    CorrectionRequested,
    PageFilled,
    PersonPageRequested,
    SourceRequested,
)
from tui.app.panes.record_table import KeyedRows, RecordTable, TableRow
from tui.app.person_rows import (
    SECTIONS,
    HasCells,
    PageRow,
    PageSpot,
    Section,
    Sentences,
    header,
    section,
    sections,
    widest_cells,
)
from tui.app.view import CorpusView, Selection, carry_person
from tui.gcpolicy import freeze_loaded, gc_paused
from tui.triage import Change, Entry

SECTION_HELP = (
    "Statements: every quote, direct and indirect, with its reporting verb",
    "Mentions: keyword in context",
    "Timeline: their events",
    "Figures: of their events",
    "With: people in the same sentences, most first",
    "Roles: as each article states them",
    "Names: aliases and the merge evidence",
)
"""What each number key shows (the help lists them), in the order of the sections."""


@dataclass(frozen=True)
class Column:
    """How a section's column is laid out: ``cap`` None takes a share of the room left."""

    cap: int | None
    right: bool = False
    style: str = ""
    keep_tail: bool = False
    """Cut from the left (the words before a mention stay next to it)."""
    floor: int = 12
    """The least it is narrowed to on a narrow screen (it scrolls sideways below that)."""


_DATE = Column(10)
_OUTLET = Column(24, floor=8)
_FLEX = Column(None)
LAYOUTS: dict[str, tuple[Column, ...]] = {
    "Statements": (
        _DATE,
        _OUTLET,
        Column(8, style="italic"),
        Column(10, style="bold", floor=6),
        _FLEX,
    ),
    "Mentions": (
        Column(None, right=True, keep_tail=True),
        Column(48, style="bold reverse", floor=24),
        _FLEX,
        _OUTLET,
        _DATE,
    ),
    "Timeline": (Column(24, style="bold"), _OUTLET, _FLEX),
    "Figures": (Column(24, style="bold"), Column(30), _OUTLET, _DATE, _FLEX),
    "With": (
        Column(40, style="bold", floor=30),
        Column(9, right=True),
        Column(8, right=True),
        _FLEX,
    ),
    "Roles": (Column(48, style="bold", floor=48), _OUTLET, _DATE, _FLEX),
    "Names": (Column(8, style="italic"), Column(40, style="bold"), Column(6, right=True), _FLEX),
}
"""Per section, its columns in order (the same order as its rows' cells)."""

MIN_FLEX = 16
"""The least a column without a cap gets (the screen scrolls sideways below that)."""

FLEX_SHARE = 2
"""On the person's page the columns without a cap (a statement's words, a mention's context)
are given at least 1/FLEX_SHARE of the room when their text is that long: the capped columns
around them are narrowed towards their floors first (at 80×24 the words had 16 cells, the
outlet 24), up to FLEX_ENOUGH cells: on a wide screen nothing gives way for them. The
conflict view and the date page keep their values whole instead."""

FLEX_ENOUGH = 40
"""Cells of text that read as a statement: the most the share above asks for."""


def column_widths(
    rows: Sequence[HasCells],
    layout: Sequence[Column],
    room: int,
    flex_share: int | None = None,
) -> list[int]:
    """Each column's width: its widest cell up to its cap; the columns without a cap share
    what ``room`` has left (each at least ``MIN_FLEX``, never wider than its widest cell, and
    together at least ``room // flex_share`` when given and their text is that long: the
    capped columns give way towards their floors first); what is still left lets capped
    columns show their widest cells whole."""
    return fit_widths(widest_cells(rows, len(layout)), layout, room, flex_share)


def fit_widths(
    widest: Sequence[int],
    layout: Sequence[Column],
    room: int,
    flex_share: int | None = None,
) -> list[int]:
    """:func:`column_widths` from the widest cell of each column (what it needs of the
    rows)."""
    widths = [
        min(w, c.cap) if c.cap is not None else 0 for w, c in zip(widest, layout, strict=True)
    ]
    flex = [i for i, c in enumerate(layout) if c.cap is None]
    # On a narrow screen the capped columns furthest above their floor give way first, until
    # the text columns have their share of the room (or all of their text).
    needed = sum(min(widest[i], MIN_FLEX) for i in flex)
    if flex_share:
        share = min(room // flex_share, FLEX_ENOUGH)
        needed = max(needed, min(sum(widest[i] for i in flex), share))
    deficit = sum(widths) + 2 * len(layout) + needed - room
    while deficit > 0:
        widest_capped = max(
            (i for i, c in enumerate(layout) if c.cap is not None and widths[i] > c.floor),
            key=lambda i: widths[i] - layout[i].floor,
            default=None,
        )
        if widest_capped is None:
            break
        widths[widest_capped] -= 1
        deficit -= 1
    left = room - sum(widths) - 2 * len(layout)
    for n, i in enumerate(flex):
        share = max(min(widest[i], MIN_FLEX), left // (len(flex) - n))
        widths[i] = min(widest[i], share)
        left -= widths[i]
    # Room to spare on a wide screen: the capped columns grow to their widest cells.
    for i in range(len(layout)):
        grow = min(max(0, left), widest[i] - widths[i])
        if grow > 0:
            widths[i] += grow
            left -= grow
    return widths


def cell(text: str, column: Column, width: int) -> Text:
    """One cell as plain ``Text`` (never markup), cut or aligned as its column says."""
    if column.keep_tail and len(text) > width:
        tail = text[len(text) - width + 1 :]
        if " " in tail and not text[len(text) - width].isspace():
            tail = tail[tail.index(" ") + 1 :]  # not from the middle of a word
        text = "…" + tail
    if column.right and cell_len(text) < width:
        text = " " * (width - cell_len(text)) + text
    return Text(text, style=column.style, no_wrap=True, end="")


Laid = tuple[Sequence[TableRow[int]], list[int]]
"""A section's table rows (keyed by row index) and its column widths."""


class LaidRows(KeyedRows[int]):
    """Rows of cells laid out for one width, each row's cells made when it is drawn (the
    person's page, the date page and the conflict view): the busiest person of 10,000
    articles has ~40,000 rows over their sections, and making every row's ``Text`` cells up
    front took as long as building the rows."""

    indexed = True

    def __init__(
        self, rows: Sequence[tuple[str, ...]], layout: Sequence[Column], widths: list[int]
    ) -> None:
        super().__init__()
        self._source = rows
        self._layout = layout
        self._widths = widths

    def __len__(self) -> int:
        return len(self._source)

    def make(self, index: int) -> TableRow[int]:
        cells = self._source[index]
        return index, tuple(
            cell(text, column, width)
            for text, column, width in zip(cells, self._layout, self._widths, strict=True)
        )

    def key(self, index: int) -> int:
        return index

    @property
    def keys(self) -> list[int]:
        return list(range(len(self._source)))

    def index_of(self, key: int) -> int | None:
        return key if 0 <= key < len(self._source) else None


class CellsOf(Lazy[tuple[str, ...]]):
    """The cells of each row of a section (read from its rows when drawn: a section's rows
    are made a window at a time, :class:`~tui.app.person_rows.MadeRows`)."""

    def __init__(self, rows: Sequence[PageRow]) -> None:
        self._rows = rows

    def __len__(self) -> int:
        return len(self._rows)

    def _item(self, index: int) -> tuple[str, ...]:
        return self._rows[index].cells


def lay_out(section: Section, room: int) -> Laid:
    """The section's rows as table cells for a screen ``room`` columns wide (each row's
    cells made when drawn; the widths from the widest cells measured with the rows)."""
    layout = LAYOUTS[section.title]
    widest = section.widest
    if widest is None:
        widest = widest_cells(section.rows, len(layout))
    widths = fit_widths(widest, layout, room, FLEX_SHARE)
    return LaidRows(CellsOf(section.rows), layout, widths), widths


class PageCache:
    """The sections of the pages opened last, laid out per width, and their header's
    counts, for the corpus shown: Esc back from Source reopens a page without building it
    again (seconds for a person in thousands of articles: their rows made once to measure
    the columns, the people seen with them ranked) or counting the outlets of their
    mentions again (~75 ms for the busiest person of 30,000 articles, ~250 ms at 100,000).
    A section keeps what its rows are made from, not the rows (made a window at a time when
    drawn, :class:`~tui.app.person_rows.MadeRows`). Owned by the app, handed to each page;
    read and written only by the pages' workers, one at a time (they are exclusive)."""

    SIZE = 8

    def __init__(self) -> None:
        self._view: CorpusView | None = None
        self._pages: dict[str, tuple[list[Section], str, dict[int, list[Laid]]]] = {}

    def get(self, view: CorpusView, person_id: str, room: int) -> tuple[list[Section], list[Laid]]:
        built, _, laid = self.page(view, person_id, room)
        return built, laid

    def has(self, view: CorpusView, person_id: str) -> bool:
        """Whether the person's page of ``view`` is kept (made already)."""
        return view is self._view and person_id in self._pages

    def page(
        self,
        view: CorpusView,
        person_id: str,
        room: int,
        made: dict[int, Section] | None = None,
    ) -> tuple[list[Section], str, list[Laid]]:
        """The person's sections, the counts of the page's header (:func:`header`) and
        the sections laid out for ``room`` columns: each made once while kept (``made``:
        sections made already, by their number)."""
        if view is not self._view:
            self._view, self._pages = view, {}
        entry = self._pages.pop(person_id, None)
        if entry is None:
            with gc_paused(for_a_page=True):  # tens of thousands of rows that all survive
                entry = (sections(view, person_id, made), header(view, person_id)[1], {})
        built, counts, by_room = entry
        laid = by_room.get(room)
        if laid is None:
            with gc_paused(for_a_page=True):
                laid = [lay_out(made, room) for made in built]
            by_room.clear()  # one width kept: the screen's
            by_room[room] = laid
        self._pages[person_id] = entry  # the most recent last
        while len(self._pages) > self.SIZE:
            self._pages.pop(next(iter(self._pages)))
        return built, counts, laid


def first_section(view: CorpusView, person_id: str, n: int, room: int) -> tuple[Section, Laid]:
    """Section ``n`` of the person's page alone, laid out for ``room`` columns: what a big
    page shows while its other sections are made."""
    with gc_paused(for_a_page=True):
        made = section(view, person_id, n, Sentences(view))
        return made, lay_out(made, room)


class PersonScreen(Screen[str]):
    """One person's page; dismissed with the person's id (Esc)."""

    FIRST_SECTION_FROM: ClassVar[int] = 2_000
    """A person mentioned this many times or more gets the page's first section shown
    alone first, while the others are made (the busiest person of 100,000 articles: about
    10 s of sections, most of it their mentions and the people seen with them)."""

    HORIZONTAL_BREAKPOINTS = []  # noqa: RUF012 (Textual's own declaration)
    """No breakpoint classes: the app's ``-wide``/``-narrow`` style the dashboard only.
    Inherited, they were set on the page by its first Resize and restyled every widget of
    it a third time before its first frame (after mounting and Textual's resume)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="person.back"),
        Binding("tab", "step_section(1)", "Next section", id="person.next_section"),
        Binding(
            "shift+tab", "step_section(-1)", "Prev section", show=False, id="person.prev_section"
        ),
        Binding("o", "open_companion", "Open person", id="person.open"),
        Binding("s", "split_alias", "Split alias", show=False, id="person.split"),
        *(
            Binding(str(n), f"show_section({n - 1})", title, show=False, id=f"person.{n}")
            for n, title in enumerate(SECTION_HELP, start=1)
        ),
    ]

    def __init__(self, view: CorpusView, spot: PageSpot, cache: PageCache | None = None) -> None:
        super().__init__()
        self.cache = cache or PageCache()
        self.view = view
        self.person_id = spot.person_id
        self.start_at = spot
        self.sections: list[Section] = []
        self.current = spot.section
        self._bar_lines = 0
        self._tables: dict[int, RecordTable[int]] = {}
        """The sections' tables made so far, by section (see :meth:`_table`)."""
        self._laid: list[Laid] = []
        """Each section's rows laid out for the screen (what a table made later shows)."""
        self._pending: set[int] = set()
        """Sections not made yet (a big page shows its first section alone first)."""
        self._resized = False
        """The screen was resized while sections were pending: laid out again after."""

    def compose(self) -> ComposeResult:
        person = self.view.people.get(self.person_id)
        name = clean(person.name) if person is not None else self.person_id
        with Vertical(id="page-head"):
            yield Static(
                Text(name, style="bold", no_wrap=True, overflow="ellipsis"), id="page-name"
            )
            # The counts are read with the rows, in the worker: counting the outlets of a
            # person's 12,000 mentions took ~50 ms of the page's opening on the event loop.
            yield Static(Text("…", style="dim"), id="page-counts")
            yield Static(Text("reading…", style="italic"), id="page-sections")
        # Empty: a section's table is made when it is first shown (:meth:`_table`).
        yield ContentSwitcher(id="page-switcher")
        yield Static("", id="page-full")
        yield KeyLine()

    def on_mount(self) -> None:
        self.query_one("#page-full").border_title = "enter: show in Source · esc: back"
        self.watch(self.app, "view", self._view_changed, init=False)
        self.build()

    def _view_changed(self, old: CorpusView | None, new: CorpusView | None) -> None:
        """The whole corpus replaced a preview: the same person, read again from it."""
        if old is None or new is None or new is self.view:
            return
        person_id = carry_person(old, new, self.person_id)
        if person_id is None:
            return
        self.view = new
        self.person_id = person_id
        shown = self._tables.get(self.current)
        self.start_at = PageSpot(person_id, self.current, shown.cursor_row if shown else 0)
        person = new.people.get(person_id)
        name = clean(person.name) if person is not None else person_id
        self.query_one("#page-name", Static).update(
            Text(name, style="bold", no_wrap=True, overflow="ellipsis")
        )
        self.build()

    @work(thread=True, exclusive=True, group="person-page")
    def build(self) -> None:
        """The rows of every section, laid out for the screen, off the event loop (a person
        with thousands of mentions in thousands of articles takes a while)."""
        view, person_id, room = self.view, self.person_id, self._room()
        made: dict[int, Section] | None = None
        person = view.people.get(person_id)
        big = person is not None and view.mention_count(person_id) >= self.FIRST_SECTION_FROM
        if big and not self.sections and not self.cache.has(view, person_id):
            n = min(self.start_at.section, len(SECTIONS) - 1)
            first, laid_first = first_section(view, person_id, n, room)
            made = {n: first}
            self.app.call_from_thread(self._show_first, n, first, laid_first, view, person_id)
        built, counts, laid = self.cache.page(view, person_id, room, made)
        self.app.call_from_thread(self._show_sections, built, laid, view, person_id, counts)

    @work(thread=True, exclusive=True, group="person-layout")
    def relayout(self) -> None:
        """The same rows laid out again for a new width."""
        built, laid = self.cache.get(self.view, self.person_id, self._room())
        self.app.call_from_thread(self._set_tables, built, laid)

    def _room(self) -> int:
        return max(40, self.size.width - 2)

    def _show_first(
        self, n: int, first: Section, laid: Laid, view: CorpusView, person_id: str
    ) -> None:
        """Section ``n`` shown alone, the others said to be read (a big page)."""
        if (view, person_id) != (self.view, self.person_id) or self.sections:
            return  # the page shows another corpus, or its sections already
        room = self._room()
        shown = [first if i == n else Section(t, c, []) for i, (t, c) in enumerate(SECTIONS)]
        self._pending = set(range(len(SECTIONS))) - {n}
        self.sections = shown
        self._set_tables(shown, [laid if i == n else lay_out(s, room) for i, s in enumerate(shown)])
        self.show_section(n, row=self.start_at.row)

    def _show_sections(
        self,
        built: list[Section],
        laid: list[Laid],
        view: CorpusView,
        person_id: str,
        counts: str,
    ) -> None:
        if (view, person_id) != (self.view, self.person_id):
            return  # built for a corpus the page no longer shows
        self.query_one("#page-counts", Static).update(Text(counts, style="dim"))
        partial = bool(self._pending)
        self._pending = set()
        self.sections = built
        self._set_tables(built, laid)
        # The rows live as long as the page: later collections (triggered by rendering)
        # skip them, as they skip the loaded corpus; reference counting still frees them.
        freeze_loaded()
        if partial:  # where the reader is now: their section, their row
            self.show_section(self.current)
            if self._resized:
                self._resized = False
                self.relayout()
        else:
            spot = self.start_at
            self.show_section(min(spot.section, len(built) - 1), row=spot.row)
        self.post_message(PageFilled())
        # The other sections' tables once these rows are drawn, so a section key finds its
        # table made (as when all seven were composed), off the page's first frame.
        self.call_after_refresh(self._make_tables)

    def _make_tables(self) -> None:
        for n in range(len(self.sections)):
            self._table(n)

    def _table(self, n: int) -> RecordTable[int]:
        """Section ``n``'s table, made and mounted when first asked for (shown, or read
        by a key): composing all seven up front had Textual style and lay out six hidden
        tables before the page's first frame, on every opening."""
        table = self._tables.get(n)
        if table is None:
            title = list(LAYOUTS)[n]
            table = RecordTable[int](id=f"page-{n}", classes=f"page-{title.casefold()}")
            table.display = False  # the switcher shows it
            self._tables[n] = table
            self.query_one(ContentSwitcher).mount(table)
            self._fill(n, table)
        return table

    def _fill(self, n: int, table: RecordTable[int]) -> None:
        """Give section ``n``'s table its columns (once) and its laid-out rows."""
        if n >= len(self.sections) or n >= len(self._laid):
            return  # no rows read yet: filled when they are
        if not table.column_count:
            for i, label in enumerate(self.sections[n].columns):
                table.add_column(label, key=f"c{i}")
        rows, widths = self._laid[n]
        table.set_rows(rows, widths, table.cursor_row)

    def _set_tables(self, built: list[Section], laid: list[Laid]) -> None:
        """Show the laid-out rows (a list assignment per table made so far; a table made
        later takes them then), unless the sections they were laid out from are no longer
        the page's."""
        if built is not self.sections:
            return
        self._laid = laid
        for n, table in self._tables.items():
            self._fill(n, table)

    def on_resize(self) -> None:
        if self._pending:  # laid out again once every section is made
            self._resized = True
            self._draw_bar()
        elif self.sections:
            self.relayout()
            self._draw_bar()

    def _draw_bar(self) -> None:
        """The sections with their counts, the shown one reversed; a label is never split
        across lines (the bar takes a second line when the screen is narrow)."""
        width = max(20, self.size.width)
        bar = Text(no_wrap=True, overflow="ellipsis")
        used = 0
        lines = 1
        for n, shown in enumerate(self.sections):
            count = "…" if n in self._pending else len(shown.rows)
            label = f" {n + 1} {shown.title} ({count}) "
            if used and used + len(label) + 1 > width:
                bar.append("\n")
                used = 0
                lines += 1
            elif used:
                bar.append(" ")
                used += 1
            bar.append(label, style="bold reverse" if n == self.current else "")
            used += len(label)
        # A section key redraws the bar in place; the page is laid out again only when the
        # bar takes another number of lines (its first drawing, a resize).
        self.query_one("#page-sections", Static).update(bar, layout=lines != self._bar_lines)
        self._bar_lines = lines

    # -- actions --------------------------------------------------------------------------

    def show_section(self, n: int, row: int | None = None) -> None:
        if not self.sections:
            return
        self.current = n % len(self.sections)
        table = self._table(self.current)  # made, on the section's first showing
        self.query_one(ContentSwitcher).current = f"page-{self.current}"
        if row is not None:
            table.move_cursor(row=row)
        table.focus()
        self._draw_bar()
        self._show_full(table.cursor_row)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``o`` applies to the With section only (dimmed in the footer elsewhere)."""
        if action == "open_companion":
            return True if self.shown is not None and self.shown.title == "With" else None
        if action == "split_alias":
            return True if self.shown is not None and self.shown.title == "Names" else None
        return True

    def action_show_section(self, n: int) -> None:
        self.show_section(n)

    def action_step_section(self, step: int) -> None:
        self.show_section(self.current + step)

    def action_back(self) -> None:
        self.dismiss(self.person_id)

    def action_open_companion(self) -> None:
        """On a row of With: that person's page (Esc comes back to this one)."""
        row = self._row(self.current, self._table(self.current).cursor_row)
        if row is None or self.sections[self.current].title != "With":
            self.app.bell()
            return
        self.post_message(PersonPageRequested(row.target.record_id))

    def action_split_alias(self) -> None:
        """On an alias row of Names: that alias's mentions become a person of their own
        (written to the corrections file; the app re-links)."""
        row = self._row(self.current, self._table(self.current).cursor_row)
        person = self.view.people.get(self.person_id)
        if row is None or person is None or row.cells[0] != "alias":
            self.app.notify("s applies to an alias row of Names")
            return
        forms = [a for a in person.aliases if clean(a) == row.cells[1]]
        if not forms:
            self.app.bell()
            return
        said = f"split alias {shorten(forms[0], 40)} from {shorten(person.name, 30)}"
        self.post_message(CorrectionRequested(Change((Entry("split", forms[0]),)), said))

    def _row(self, section: int, index: int) -> PageRow | None:
        if not self.sections or not 0 <= index < len(self.sections[section].rows):
            return None
        return self.sections[section].rows[index]

    def _show_full(self, index: int) -> None:
        row = self._row(self.current, index)
        empty = "reading…" if self.current in self._pending else "nothing here"
        text = Text(row.full if row is not None else empty, style="" if row else "dim")
        self.query_one("#page-full", Static).update(text, layout=False)  # fixed height

    def on_record_table_highlighted(self, event: RecordTable.Highlighted[int]) -> None:
        event.stop()
        if event.table.id == f"page-{self.current}":
            self._show_full(event.key)

    def on_record_table_selected(self, event: RecordTable.Selected[int]) -> None:
        event.stop()
        row = self._row(self.current, event.key)
        if row is None:
            return
        spot = PageSpot(self.person_id, self.current, event.key)
        self.post_message(SourceRequested(row.target, spot))

    def cursor_target(self) -> Selection | None:
        """The span of the row under the cursor (what ``b`` stars)."""
        row = self._row(self.current, self._table(self.current).cursor_row)
        return row.target if row is not None else None

    @property
    def shown(self) -> Section | None:
        """The section on screen (None until the rows are read)."""
        return self.sections[self.current] if self.sections else None

    def shown_rows(self) -> list[str]:
        """The shown section's rows as plain text (for tests)."""
        table = self._table(self.current)
        return [table.row_text(i) for i in range(table.row_count)]
