"""RecordTable: a virtual row-cursor table (j/k/g/G) that draws only the rows on screen."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable, Hashable, Iterator, Sequence
from typing import ClassVar, Generic, TypeVar, overload

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

FLEX_MIN = 10
"""The least width a flexible column is cut to so the columns after it fit the table."""

KeyT = TypeVar("KeyT", bound=Hashable)
"""What names a row: a ``RecordKey`` in the panes, a choice's id in the pickers."""

RowKeyT = TypeVar("RowKeyT", bound=Hashable)
"""The row key a table's message carries (the table's ``KeyT``)."""

TableRow = tuple[KeyT, tuple[Text, ...]]
"""A table row: its key and one single-line ``Text`` per column."""

Cells = Callable[[], tuple[Text, ...]]
"""What draws one row's cells when the row is shown."""

LazyRow = tuple[KeyT, Cells]
"""A row of :class:`LazyRows`: its key and what makes its cells."""

DRAWN_ROWS = 512
"""Rows whose cells a :class:`LazyRows` keeps once drawn (a few screens' worth)."""


class KeyedRows(Sequence[TableRow[KeyT]]):
    """Rows that name a row's key without making its cells, and make a row's cells only
    when it is drawn or read, keeping the last :data:`DRAWN_ROWS` made (:class:`LazyRows`,
    and the panes' rows read from SQLite a window at a time). Reading every row (iterating)
    makes every row's cells: use :meth:`key` and :attr:`keys` for keys."""

    indexed: ClassVar[bool] = False
    """:meth:`index_of` finds a key without listing every key."""

    def __init__(self) -> None:
        self._drawn: dict[int, TableRow[KeyT]] = {}

    @abstractmethod
    def __len__(self) -> int: ...

    @abstractmethod
    def make(self, index: int) -> TableRow[KeyT]:
        """Row ``index`` (``0 <= index < len(self)``) with its cells, made now."""

    @abstractmethod
    def key(self, index: int) -> KeyT:
        """Row ``index``'s key, without making its cells."""

    @property
    @abstractmethod
    def keys(self) -> Sequence[KeyT]:
        """Every row's key, in order (rows read a window at a time answer with
        :class:`RowKeys`, which lists none of them)."""

    def index_of(self, key: KeyT) -> int | None:
        """Where ``key`` is (None when it is not a row's); rows that can say it without
        listing every key say so (:attr:`indexed`)."""
        try:
            return self.keys.index(key)
        except ValueError:
            return None

    @overload
    def __getitem__(self, index: int) -> TableRow[KeyT]: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[TableRow[KeyT]]: ...

    def __getitem__(self, index: int | slice) -> TableRow[KeyT] | Sequence[TableRow[KeyT]]:
        count = len(self)
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(count))]
        if index < 0:
            index += count
        if not 0 <= index < count:
            raise IndexError(index)
        drawn = self._drawn.get(index)
        if drawn is None:
            drawn = self.make(index)
            if len(self._drawn) >= DRAWN_ROWS:
                self._drawn.pop(next(iter(self._drawn)))
            self._drawn[index] = drawn
        return drawn

    def __iter__(self) -> Iterator[TableRow[KeyT]]:
        return (self[i] for i in range(len(self)))


class RowKeys(Sequence[KeyT]):
    """The keys of rows read a window at a time, without a list of them: a key is read
    when asked for (:meth:`KeyedRows.key`), found by the rows' own index
    (:meth:`KeyedRows.index_of`) and all of them listed only while gone over
    (``listed``, made anew each time). A list of the Timeline's and Figures' 700,000 keys
    at 100,000 articles held 160 MB for as long as the rows were shown once anything had
    asked for it (a bookmark, ``F``, an export)."""

    __slots__ = ("_listed", "_rows")

    def __init__(self, rows: KeyedRows[KeyT], listed: Callable[[], Iterator[KeyT]]) -> None:
        self._rows = rows
        self._listed = listed

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> KeyT: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[KeyT]: ...

    def __getitem__(self, index: int | slice) -> KeyT | Sequence[KeyT]:
        count = len(self._rows)
        if isinstance(index, slice):
            return [self._rows.key(i) for i in range(*index.indices(count))]
        if index < 0:
            index += count
        if not 0 <= index < count:
            raise IndexError(index)
        return self._rows.key(index)

    def __iter__(self) -> Iterator[KeyT]:
        return self._listed()

    def __contains__(self, key: object) -> bool:
        return self._rows.index_of(key) is not None  # type: ignore[arg-type]

    def index(self, key: object, start: int = 0, stop: int | None = None) -> int:
        found = self._rows.index_of(key)  # type: ignore[arg-type]
        if found is None or found < start or (stop is not None and found >= stop):
            raise ValueError(key)
        return found

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]


class LazyRows(KeyedRows[KeyT]):
    """Rows whose cells are made only when a row is drawn or read.

    A pane's table holds every row its filters leave (70,000 at 10,000 articles), but only
    the ~40 on screen are drawn. Holding each row's ``Text`` cells made the rows the largest
    part of the dashboard's memory after the records themselves (~30 KB an article), so a
    row is its key and what makes its cells.
    """

    def __init__(self, rows: list[LazyRow[KeyT]]) -> None:
        super().__init__()
        self._rows = rows
        self._keys: list[KeyT] | None = None

    def __len__(self) -> int:
        return len(self._rows)

    def make(self, index: int) -> TableRow[KeyT]:
        key, cells = self._rows[index]
        return key, cells()

    def key(self, index: int) -> KeyT:
        return self._rows[index][0]

    @property
    def keys(self) -> list[KeyT]:
        """Every row's key, in order (made once)."""
        if self._keys is None:
            self._keys = [key for key, _ in self._rows]
        return self._keys


def row_keys(rows: Sequence[TableRow[KeyT]]) -> Sequence[KeyT]:
    """The keys of ``rows`` in order; :class:`KeyedRows` make no cells for them."""
    if isinstance(rows, KeyedRows):
        return rows.keys
    return [key for key, _ in rows]


class _VirtualTable(ScrollView, can_focus=True):
    """Keys of the virtual table that the help does not list (a DataTable's defaults)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Select", show=False),
        Binding("up", "cursor_up", "Cursor up", show=False),
        Binding("down", "cursor_down", "Cursor down", show=False),
        Binding("right", "scroll_right", "Scroll right", show=False),
        Binding("left", "scroll_left", "Scroll left", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("ctrl+home", "scroll_top", "Top", show=False),
        Binding("ctrl+end", "scroll_bottom", "Bottom", show=False),
        Binding("home", "scroll_home", "Home", show=False),
        Binding("end", "scroll_end", "End", show=False),
    ]


class RecordTable(_VirtualTable, Generic[KeyT]):
    """A virtual row-cursor table with j/k/g/G that looks and moves like a DataTable.

    Rows are a plain list and only the lines on screen are rendered, so showing 70,000 rows
    costs a list assignment (the panes cache rows and their cell widths). A DataTable builds
    and measures objects per row and cell, which takes seconds at that size.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="table.down"),
        Binding("k", "cursor_up", "Up", show=False, id="table.up"),
        Binding("g", "scroll_top", "First row", show=False, id="table.first"),
        Binding("G", "scroll_bottom", "Last row", show=False, id="table.last"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"datatable--header", "datatable--cursor"}

    DEFAULT_CSS = """
    RecordTable {
        background: $surface;
        color: $foreground;
        height: auto;
        max-height: 100%;
        &:focus {
            background-tint: $foreground 5%;
            & > .datatable--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .datatable--header {
                background-tint: $foreground 5%;
            }
        }
        & > .datatable--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .datatable--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .datatable--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    class Highlighted(Message, Generic[RowKeyT]):
        """The cursor moved onto the row ``key``."""

        def __init__(self, table: RecordTable[RowKeyT], key: RowKeyT) -> None:
            super().__init__()
            self.table = table
            self.key = key

    class Selected(Message, Generic[RowKeyT]):
        """Enter (or a click) on the row ``key``."""

        def __init__(self, table: RecordTable[RowKeyT], key: RowKeyT) -> None:
            super().__init__()
            self.table = table
            self.key = key

    def __init__(
        self, *, id: str | None = None, classes: str | None = None, show_header: bool = True
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._header = 1 if show_header else 0
        self._columns: list[tuple[str, Text]] = []
        self._rows: Sequence[TableRow[KeyT]] = ()
        self._keys: Sequence[KeyT] | None = None
        self._widths: list[int] = []
        self._shown: list[int] = []
        """The widths drawn: ``_widths`` with the flexible column cut to fit the table."""
        self._flex: int | None = None
        self._cursor = 0
        self._lines: dict[tuple[object, ...], Strip] = {}
        self._styles: tuple[Style, Style, Style] | None = None

    # -- data -----------------------------------------------------------------------------

    def add_column(self, label: str, *, key: str, flex: bool = False) -> None:
        """Add a column; a ``flex`` one (one per table: the long text) is cut, down to
        FLEX_MIN, so the columns after it stay on screen without scrolling right."""
        if flex:
            self._flex = len(self._columns)
        self._columns.append((key, Text(label)))
        self._widths.append(cell_len(label))
        self._changed()

    def column_widths(self) -> list[int]:
        """The width each column is drawn at (cells beyond it end in an ellipsis)."""
        return list(self._shown)

    def _fit(self) -> list[int]:
        widths = list(self._widths)
        flex = self._flex
        # The room left of a vertical scrollbar, whether or not one is shown yet.
        room = self.size.width - self.styles.scrollbar_size_vertical
        if flex is None or room <= 0:
            return widths
        excess = sum(w + 2 for w in widths) - room
        if excess > 0 and widths[flex] > FLEX_MIN:
            widths[flex] = max(FLEX_MIN, widths[flex] - excess)
        # Columns after the flexible one still cut off (Figures' Outlet and Kind in a
        # 48-column pane at 100×30): the widest columns before it give way, down to their
        # headers, when that makes every column fit; else they stay as they are (a table too
        # narrow for all its columns scrolls sideways rather than cut each to a stub).
        excess = sum(w + 2 for w in widths) - room
        if excess > 0:
            floors = [max(FLEX_MIN, label.cell_len) for _, label in self._columns]
            spare = sum(max(0, widths[i] - floors[i]) for i in range(flex))
            while 0 < excess <= spare:
                widest = max(range(flex), key=lambda i: widths[i] - floors[i])
                cut = min(excess, widths[widest] - floors[widest])
                widths[widest] -= cut
                excess -= cut
                spare -= cut
        # Still too narrow for the flexible column itself (a 38-column pane at 80×24): the
        # widest column before it gives way, so the long text never shows as a 3-letter stub.
        before = sum(w + 2 for w in widths[: flex + 1]) - room
        if before > 0 and flex > 0:
            widest = max(range(flex), key=lambda i: widths[i])
            floor = max(FLEX_MIN, self._columns[widest][1].cell_len)
            widths[widest] = max(floor, widths[widest] - before)
        return widths

    def on_resize(self) -> None:
        if self._flex is not None and self._fit() != self._shown:
            self._changed()

    def set_rows(
        self, rows: Sequence[TableRow[KeyT]], widths: Sequence[int], cursor: int = 0
    ) -> None:
        """Show ``rows`` with the cursor on row ``cursor``; ``widths`` is the widest cell of
        each column (the caller measured them when it built the rows)."""
        self._rows = rows
        self._keys = None
        self._widths = [
            max(w, label.cell_len) for w, (_, label) in zip(widths, self._columns, strict=True)
        ]
        self._cursor = max(0, min(cursor, len(rows) - 1))
        self._changed()
        self._scroll_cursor_into_view(top=True)
        if rows:
            key = self.key_at(self._cursor)
            assert key is not None
            self.post_message(self.Highlighted(self, key))

    def clear(self) -> None:
        self.set_rows((), [0] * len(self._columns))

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def column_count(self) -> int:
        return len(self._columns)

    def row_text(self, index: int) -> str:
        """The plain text of row ``index``'s cells, joined by " | " (for tests and logs)."""
        return " | ".join(cell.plain for cell in self._rows[index][1])

    def key_at(self, index: int) -> KeyT | None:
        """The key of row ``index`` (None past the rows), without listing every key."""
        if not 0 <= index < len(self._rows):
            return None
        rows = self._rows
        return rows.key(index) if isinstance(rows, KeyedRows) else rows[index][0]

    @property
    def rows(self) -> Sequence[TableRow[KeyT]]:
        """The rows shown."""
        return self._rows

    @property
    def row_keys(self) -> Sequence[KeyT]:
        if self._keys is None:
            self._keys = row_keys(self._rows)
        return self._keys

    @property
    def cursor_row(self) -> int:
        return self._cursor

    def move_cursor(self, *, row: int, animate: bool = False) -> None:
        if not self._rows:
            return
        row = max(0, min(row, len(self._rows) - 1))
        if row != self._cursor:
            self._cursor = row
            key = self.key_at(row)
            assert key is not None
            self.post_message(self.Highlighted(self, key))
            self.refresh()
        self._scroll_cursor_into_view()

    def _changed(self) -> None:
        self._lines.clear()
        self._shown = self._fit()
        size = Size(sum(w + 2 for w in self._shown), len(self._rows) + self._header)
        if size != self.virtual_size:
            # A new row count only moves this table's scrollbars: no screen-wide layout
            # pass (it costs more than the rest of a refill) unless one appears or goes.
            shown = (self.show_vertical_scrollbar, self.show_horizontal_scrollbar)
            self.set_reactive(Widget.virtual_size, size)
            self._refresh_scrollbars()
            if (self.show_vertical_scrollbar, self.show_horizontal_scrollbar) != shown:
                self.refresh(layout=True)
            else:
                if self.show_vertical_scrollbar:
                    self.vertical_scrollbar.window_virtual_size = size.height
                if self.show_horizontal_scrollbar:
                    self.horizontal_scrollbar.window_virtual_size = size.width
        self.refresh()

    # -- movement -------------------------------------------------------------------------

    @property
    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - self._header)

    def _scroll_cursor_into_view(self, *, top: bool = False) -> None:
        page = self._page
        y = round(self.scroll_y)
        if self._cursor < y:
            y = self._cursor
        elif self._cursor >= y + page:
            y = self._cursor - page + 1
        if top and self._cursor == 0:
            y = 0
        if y != self.scroll_y:
            self.scroll_to(y=y, animate=False, force=True)

    def action_cursor_down(self) -> None:
        self.move_cursor(row=self._cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(row=self._cursor - 1)

    def action_page_down(self) -> None:
        page = self._page
        self.scroll_to(y=self.scroll_y + page, animate=False, force=True)
        self.move_cursor(row=self._cursor + page)

    def action_page_up(self) -> None:
        page = self._page
        self.scroll_to(y=self.scroll_y - page, animate=False, force=True)
        self.move_cursor(row=self._cursor - page)

    def action_scroll_top(self) -> None:
        self.move_cursor(row=0)

    def action_scroll_bottom(self) -> None:
        self.move_cursor(row=len(self._rows) - 1)

    def action_scroll_home(self) -> None:
        self.scroll_to(x=0, animate=False)

    def action_scroll_end(self) -> None:
        self.scroll_to(x=self.max_scroll_x, animate=False)

    def action_select_cursor(self) -> None:
        key = self.key_at(self._cursor)
        if key is not None:
            self.post_message(self.Selected(self, key))

    def on_click(self, event: events.Click) -> None:
        row = round(self.scroll_y) + event.y - self._header
        key = self.key_at(row) if event.y >= self._header else None
        if key is not None:
            self.move_cursor(row=row)
            self.post_message(self.Selected(self, key))

    # -- rendering ------------------------------------------------------------------------

    # The drawn lines are kept across restyles, focus and blur: their cache key holds the
    # styles they were drawn with and the focus, so a line is drawn again only when one of
    # them really changed. A screen pushed over the table or popped off it restyles every
    # widget under it without changing a thing (before, that redrew every visible row).

    def _on_focus(self, event: events.Focus) -> None:
        self.refresh()

    def _on_blur(self, event: events.Blur) -> None:
        self.refresh()

    def render_lines(self, crop: Region) -> list[Strip]:
        # The styles are the same for every line of a pass and costly to resolve (they
        # blend every ancestor's background): once per pass, not per line.
        self._styles = (
            self.rich_style,
            self.get_component_rich_style("datatable--header"),
            self.get_component_rich_style("datatable--cursor"),
        )
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        scroll_x, scroll_y = self.scroll_offset
        index = -1 if y < self._header else y - self._header + scroll_y
        base, header_style, cursor_style = self._styles or (
            self.rich_style,
            self.get_component_rich_style("datatable--header"),
            self.get_component_rich_style("datatable--cursor"),
        )
        if index >= len(self._rows):
            return Strip.blank(width, base)
        cursor = index == self._cursor
        cache_key = (
            index,
            cursor,
            scroll_x,
            width,
            self.has_focus,
            base,
            header_style if index < 0 else cursor_style if cursor else None,
        )
        cached = self._lines.get(cache_key)
        if cached is not None:
            return cached
        post = Style()
        if index < 0:
            cells: Sequence[Text] = [label for _, label in self._columns]
            pre = base + header_style
        elif cursor:
            cells = self._rows[index][1]
            pre = base + cursor_style
            post = Style.from_color(cursor_style.color, cursor_style.bgcolor)
        else:
            cells = self._rows[index][1]
            pre = base
        # Cell by cell, like a DataTable, so the screen and its SVG export are the same.
        console = self.app.console
        segments: list[Segment] = []
        length = 0
        for column, (cell, room) in enumerate(zip(cells, self._shown, strict=False)):
            piece = cell
            if cell.cell_len > room:
                piece = cell.copy()
                piece.truncate(room, overflow="ellipsis")
            text = Text(" ", no_wrap=True, end="")
            text.append_text(piece)
            text.append(" " * (room - piece.cell_len + 1))
            # Under the cell's own styles; the meta keeps cells apart as a DataTable's do.
            text.stylize_before(pre + Style.from_meta({"row": index, "column": column}))
            if post:
                text.stylize(post)
            segments.extend(Segment.simplify(text.render(console)))
            length += room + 2
        strip = Strip(segments, length).crop(scroll_x, scroll_x + width)
        strip = strip.adjust_cell_length(width, base)
        if len(self._lines) > 4 * max(50, self.size.height):
            self._lines.clear()
        self._lines[cache_key] = strip
        return strip
