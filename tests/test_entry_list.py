"""EntryList: the People pane's list, entries of one or more lines drawn only when on screen
(issue 21: an OptionList measured each of 51,000 people on every sort)."""

from __future__ import annotations

import pytest
from rich.text import Text
from test_app import drive
from textual.app import App, ComposeResult

from tui.app.panes.entry_list import Entries, EntryList

COUNT = 20_000


def height(i: int) -> int:
    """Entries of one, two and three lines."""
    return 1 + i % 3


class Drawer:
    """Draws entry ``i`` in ``height(i)`` lines and counts the entries it drew."""

    def __init__(self) -> None:
        self.drawn: list[int] = []

    def draw(self, i: int) -> Text:
        self.drawn.append(i)
        return Text("\n".join(f"entry {i} line {line}" for line in range(height(i))))


def entries(drawer: Drawer, count: int = COUNT) -> Entries[int]:
    return Entries(list(range(count)), [height(i) for i in range(count)], drawer.draw)


class Listing(App[None]):
    CSS = "EntryList { height: 100%; border: none; }"

    def __init__(self, drawer: Drawer) -> None:
        super().__init__()
        self.drawer = drawer
        self.messages: list[tuple[str, int]] = []

    def compose(self) -> ComposeResult:
        yield EntryList[int](id="entries")

    def on_mount(self) -> None:
        listing = self.query_one(EntryList)
        listing.set_entries(entries(self.drawer))
        listing.focus()

    def on_entry_list_highlighted(self, event: EntryList.Highlighted[int]) -> None:
        self.messages.append(("highlighted", event.key))

    def on_entry_list_selected(self, event: EntryList.Selected[int]) -> None:
        self.messages.append(("selected", event.key))


def screen_lines(listing: EntryList[int]) -> list[str]:
    return [listing.render_line(y).text.strip() for y in range(listing.size.height)]


def test_entries_know_their_lines() -> None:
    drawer = Drawer()
    shown = entries(drawer, 5)  # heights 1, 2, 3, 1, 2
    assert shown.starts == [0, 1, 3, 6, 7, 9] and shown.lines == 9
    assert [shown.at_line(line) for line in range(10)] == [0, 1, 1, 2, 2, 2, 3, 4, 4, None]
    assert shown.at_line(-1) is None
    assert shown.index(3) == 3 and shown.index(99) is None
    assert drawer.drawn == []  # nothing drawn to know where entries are
    with pytest.raises(ValueError):
        Entries([1, 2], [1], drawer.draw)


@drive
async def test_only_the_entries_on_screen_are_drawn() -> None:
    drawer = Drawer()
    app = Listing(drawer)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        listing = app.query_one(EntryList)
        assert listing.virtual_size.height == sum(height(i) for i in range(COUNT))
        # 12 lines hold the first 6 entries (1 + 2 + 3 + 1 + 2 + 3 lines)
        assert set(drawer.drawn) == set(range(6))
        assert screen_lines(listing)[:4] == [
            "entry 0 line 0",
            "entry 1 line 0",
            "entry 1 line 1",
            "entry 2 line 0",
        ]
        drawer.drawn.clear()
        await pilot.press("end")
        await pilot.pause()
        assert listing.cursor == COUNT - 1
        assert screen_lines(listing)[-1] == f"entry {COUNT - 1} line {height(COUNT - 1) - 1}"
        assert len(set(drawer.drawn)) <= 12
        assert app.messages == [("highlighted", COUNT - 1)]


@drive
async def test_keys_move_by_entry_and_by_page_and_post_messages() -> None:
    drawer = Drawer()
    app = Listing(drawer)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        listing = app.query_one(EntryList)
        await pilot.press("j", "j", "down", "k")
        assert listing.cursor == 2
        assert [key for _, key in app.messages] == [1, 2, 3, 2]
        await pilot.press("pagedown")
        # A page of 12 lines from entry 2's first line (line 3): line 15 is entry 8's.
        assert listing.cursor == 8
        await pilot.press("pageup", "G", "g")
        assert listing.cursor == 0
        first = listing.region.y
        assert screen_lines(listing)[0] == "entry 0 line 0"
        await pilot.press("enter")
        assert app.messages[-1] == ("selected", 0)
        # A click on entry 2's second line (screen line 4) selects entry 2.
        await pilot.click(EntryList, offset=(3, 4 - first))
        assert listing.cursor == 2 and app.messages[-2:] == [("highlighted", 2), ("selected", 2)]


@drive
async def test_moves_from_code_post_nothing_and_keep_the_cursor_in_view() -> None:
    drawer = Drawer()
    app = Listing(drawer)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        listing = app.query_one(EntryList)
        listing.move_cursor(10_000)
        await pilot.pause()
        assert listing.cursor == 10_000 and listing.current_key == 10_000
        assert any(line.startswith("entry 10000 ") for line in screen_lines(listing))
        listing.set_entries(entries(drawer, 3), cursor=99)
        await pilot.pause()
        assert listing.cursor == 2 and listing.virtual_size.height == 6
        listing.clear()
        await pilot.pause()
        emptied: EntryList[int] = app.query_one(EntryList)  # (mypy kept the asserts above)
        assert emptied.cursor is None and emptied.current_key is None
        await pilot.press("j", "enter", "end")
        assert app.messages == []


@drive
async def test_redraw_draws_only_the_entries_named() -> None:
    drawer = Drawer()
    app = Listing(drawer)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        listing = app.query_one(EntryList)
        drawer.drawn.clear()
        listing.redraw({3})
        await pilot.pause()
        assert drawer.drawn == [3]


@drive
async def test_the_cursor_entry_is_drawn_highlighted_on_every_line() -> None:
    drawer = Drawer()
    app = Listing(drawer)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        listing = app.query_one(EntryList)
        await pilot.press("j")  # entry 1: screen lines 1 and 2
        await pilot.pause()

        def background(y: int) -> object:
            return listing.render_line(y)._segments[0].style.bgcolor  # type: ignore[union-attr]

        assert background(1) == background(2) != background(0) == background(3)


@drive
async def test_a_move_from_code_can_be_announced_as_a_key_would() -> None:
    app = Listing(Drawer())
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        listing = app.query_one(EntryList)
        listing.move_cursor(500, announce=True)
        listing.move_cursor(500, announce=True)  # did not move: nothing more
        await pilot.pause()
        assert listing.cursor == 500 and app.messages == [("highlighted", 500)]


@drive
async def test_the_entry_under_the_mouse_is_drawn_hovered() -> None:
    app = Listing(Drawer())
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        listing = app.query_one(EntryList)

        def background(y: int) -> object:
            return listing.render_line(y)._segments[0].style.bgcolor  # type: ignore[union-attr]

        plain = background(3)
        await pilot.hover(EntryList, offset=(3, 4 - listing.region.y))  # entry 2: lines 3-5
        await pilot.pause()
        assert background(3) == background(5) != plain
        assert background(3) != background(0)  # the cursor's entry is drawn as the cursor
        assert background(6) == plain
        await pilot.hover(EntryList, offset=(3, 6 - listing.region.y))  # entry 3
        await pilot.pause()
        assert background(3) == plain != background(6)
