"""EntryList: a virtual list of multi-line entries with a cursor, that draws only what is on
screen (People)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Hashable, Sequence
from itertools import accumulate
from typing import ClassVar, Generic, TypeVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Padding, visualize

KeyT = TypeVar("KeyT", bound=Hashable)
"""What names an entry (a person's id in People)."""

MsgKeyT = TypeVar("MsgKeyT", bound=Hashable)
"""The entry key a list's message carries (the list's ``KeyT``)."""

DRAWN_ENTRIES = 256
"""Entries whose rendered lines an :class:`EntryList` keeps (a few screens' worth)."""


class Entries(Generic[KeyT]):
    """What an :class:`EntryList` shows: the entries' keys in order, each entry's height in
    lines, and what draws an entry (called only for the entries on screen).

    Each entry's first line is kept (one int an entry), so a list of 50,000 people costs
    two lists, not 50,000 measured widgets or options."""

    def __init__(
        self, keys: list[KeyT], heights: Sequence[int], draw: Callable[[KeyT], Text]
    ) -> None:
        if len(keys) != len(heights):
            raise ValueError(f"{len(keys)} keys but {len(heights)} heights")
        self.keys = keys
        self.starts = list(accumulate((max(1, h) for h in heights), initial=0))
        """Entry ``i`` covers lines ``starts[i]`` to ``starts[i + 1] - 1``."""
        self.draw = draw

    def __len__(self) -> int:
        return len(self.keys)

    @property
    def lines(self) -> int:
        """The lines of every entry together."""
        return self.starts[-1]

    def at_line(self, line: int) -> int | None:
        """The entry on line ``line`` (None past the last)."""
        if not 0 <= line < self.lines:
            return None
        return bisect_right(self.starts, line) - 1

    def index(self, key: KeyT) -> int | None:
        """Where the entry ``key`` is (None when it is not listed): a scan at C speed
        (~1 ms for 50,000 keys), cheaper than a map made for the one or two lookups a
        list of entries gets."""
        try:
            return self.keys.index(key)
        except ValueError:
            return None


def no_entries() -> Entries[KeyT]:
    return Entries([], [], lambda _key: Text())


class _EntryKeys(ScrollView, can_focus=True):
    """Keys of the entry list that the help does not list (an ``OptionList``'s)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", "Down", show=False),
        Binding("up", "cursor_up", "Up", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("home", "first", "First", show=False),
        Binding("pagedown", "page_down", "Page Down", show=False),
        Binding("pageup", "page_up", "Page Up", show=False),
        Binding("enter", "select", "Select", show=False),
    ]


class EntryList(_EntryKeys, Generic[KeyT]):
    """A list of entries of one or more lines with a cursor, drawn as an ``OptionList``
    draws its options (the same component classes and look), moving like the tables
    (j/k/g/G besides the arrows, Home/End, PageUp/PageDown).

    An ``OptionList`` holds an option per entry and measures each one's rendered height
    when it is added: at 51,000 people that was 12 s on the event loop for each sort or
    filter. Here the caller gives the heights (:class:`Entries`) and an entry is drawn
    only when on screen. Keys and clicks post :class:`Highlighted` and :class:`Selected`;
    moving the cursor from code (:meth:`move_cursor`, :meth:`set_entries`) posts nothing
    unless asked to."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("g", "first", "First row", show=False, id="list.first"),
        Binding("G", "last", "Last row", show=False, id="list.last"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "option-list--option",
        "option-list--option-highlighted",
        "option-list--option-hover",
    }

    DEFAULT_CSS = """
    EntryList {
        height: auto;
        max-height: 100%;
        color: $foreground;
        overflow-x: hidden;
        border: tall $border-blurred;
        padding: 0 1;
        background: $surface;
        & > .option-list--option-highlighted {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            border: tall $border;
            background-tint: $foreground 5%;
            & > .option-list--option-highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        & > .option-list--option-highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
        }
        & > .option-list--option-hover {
            background: $block-hover-background;
        }
    }
    """

    class Highlighted(Message, Generic[MsgKeyT]):
        """A key or click moved the cursor onto the entry ``key``."""

        def __init__(self, entry_list: EntryList[MsgKeyT], key: MsgKeyT) -> None:
            super().__init__()
            self.entry_list = entry_list
            self.key = key

    class Selected(Message, Generic[MsgKeyT]):
        """Enter (or a click) on the entry ``key``."""

        def __init__(self, entry_list: EntryList[MsgKeyT], key: MsgKeyT) -> None:
            super().__init__()
            self.entry_list = entry_list
            self.key = key

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._entries: Entries[KeyT] = no_entries()
        self._cursor = 0
        self._hover: int | None = None
        """The entry under the mouse (drawn as an ``OptionList`` draws its hovered option)."""
        self._drawn: dict[tuple[object, ...], list[Strip]] = {}

    # -- data -----------------------------------------------------------------------------

    @property
    def entries(self) -> Entries[KeyT]:
        return self._entries

    @property
    def entry_count(self) -> int:
        return len(self._entries)

    def set_entries(self, entries: Entries[KeyT], cursor: int = 0) -> None:
        """Show ``entries``, the cursor on entry ``cursor`` (no message: not a user's move)."""
        self._entries = entries
        self._hover = None
        self._drawn.clear()
        self._cursor = max(0, min(cursor, len(entries) - 1))
        self._resize()
        self.refresh()
        self._scroll_cursor_into_view(top=self._cursor == 0)

    def clear(self) -> None:
        self.set_entries(no_entries())

    @property
    def cursor(self) -> int | None:
        """The entry under the cursor (None when the list is empty)."""
        return self._cursor if self._entries.keys else None

    def key_at(self, index: int) -> KeyT | None:
        keys = self._entries.keys
        return keys[index] if 0 <= index < len(keys) else None

    @property
    def current_key(self) -> KeyT | None:
        """The key of the entry under the cursor (None when the list is empty)."""
        return self.key_at(self._cursor)

    def entry_text(self, index: int) -> Text:
        """Entry ``index`` as it is drawn (for tests and logs)."""
        return self._entries.draw(self._entries.keys[index])

    def redraw(self, keys: set[KeyT]) -> None:
        """Draw the entries ``keys`` again (what they show changed, not their height)."""
        for cache_key in [k for k in self._drawn if k[0] in keys]:
            del self._drawn[cache_key]
        self.refresh()

    def move_cursor(self, index: int, *, announce: bool = False) -> None:
        """Put the cursor on entry ``index`` and scroll it into view; ``announce``: post
        :class:`Highlighted` if it moved, as a key would (else no message)."""
        if announce:
            self._user_move(index)
        elif self._entries.keys:
            self._cursor = max(0, min(index, len(self._entries) - 1))
            self.refresh()
            self._scroll_cursor_into_view()

    def _resize(self) -> None:
        width = self.scrollable_content_region.width
        size = Size(width, self._entries.lines)
        if size != self.virtual_size:
            self.virtual_size = size

    def on_resize(self) -> None:
        self._drawn.clear()
        self._resize()

    # -- movement -------------------------------------------------------------------------

    def _user_move(self, index: int) -> None:
        if not self._entries.keys:
            return
        index = max(0, min(index, len(self._entries) - 1))
        if index != self._cursor:
            self._cursor = index
            self.refresh()
            self.post_message(self.Highlighted(self, self._entries.keys[index]))
        self._scroll_cursor_into_view()

    def _scroll_cursor_into_view(self, *, top: bool = False) -> None:
        if not self._entries.keys or not self.is_mounted:
            return
        starts = self._entries.starts
        y, end = starts[self._cursor], starts[self._cursor + 1]
        self.scroll_to_region(
            Region(0, y, self.scrollable_content_region.width, end - y),
            force=True,
            animate=False,
            top=top,
            immediate=True,
        )

    def action_cursor_down(self) -> None:
        self._user_move(self._cursor + 1)

    def action_cursor_up(self) -> None:
        self._user_move(self._cursor - 1)

    def action_first(self) -> None:
        self._user_move(0)

    def action_last(self) -> None:
        self._user_move(len(self._entries) - 1)

    def _move_page(self, direction: int) -> None:
        entries = self._entries
        if not entries.keys:
            return
        line = entries.starts[self._cursor] + direction * self.scrollable_content_region.height
        line = max(0, min(line, entries.lines - 1))
        index = entries.at_line(line)
        self._user_move(self._cursor + direction if index is None else index)

    def action_page_down(self) -> None:
        self._move_page(1)

    def action_page_up(self) -> None:
        self._move_page(-1)

    def action_select(self) -> None:
        key = self.current_key
        if key is not None:
            self.post_message(self.Selected(self, key))

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hover(self._entries.at_line(round(self.scroll_y) + event.y))

    def on_leave(self, event: events.Leave) -> None:
        self._set_hover(None)

    def _set_hover(self, index: int | None) -> None:
        if index != self._hover:
            self._hover = index
            self.refresh()

    def on_click(self, event: events.Click) -> None:
        index = self._entries.at_line(round(self.scroll_y) + event.y)
        if index is not None:
            self._user_move(index)
            self.action_select()

    # -- rendering ------------------------------------------------------------------------

    def _on_focus(self, event: events.Focus) -> None:
        self.refresh()

    def _on_blur(self, event: events.Blur) -> None:
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = round(self.scroll_y) + y
        index = self._entries.at_line(line)
        if index is None:
            return Strip.blank(width, self.get_visual_style("option-list--option").rich_style)
        strips = self._entry_strips(index, width)
        offset = line - self._entries.starts[index]
        if offset >= len(strips):  # drawn at another width than it was measured for
            return Strip.blank(width, self.get_visual_style("option-list--option").rich_style)
        return strips[offset]

    def _entry_strips(self, index: int, width: int) -> list[Strip]:
        """Entry ``index``'s lines, drawn as an ``OptionList`` draws an option."""
        if index == self._cursor:
            style = self.get_visual_style("option-list--option", "option-list--option-highlighted")
        elif index == self._hover:
            style = self.get_visual_style("option-list--option", "option-list--option-hover")
        else:
            style = self.get_visual_style("option-list--option")
        key = self._entries.keys[index]
        cache_key = (key, index, style, width)
        strips = self._drawn.get(cache_key)
        if strips is None:
            visual = visualize(self, self._entries.draw(key), markup=False)
            padding = self.get_component_styles("option-list--option").padding
            if padding:
                visual = Padding(visual, padding)
            strips = [
                strip.extend_cell_length(width, style.rich_style)
                for strip in visual.to_strips(self, visual, width, None, style)
            ]
            if len(self._drawn) >= DRAWN_ENTRIES:
                self._drawn.pop(next(iter(self._drawn)))
            self._drawn[cache_key] = strips
        return strips
