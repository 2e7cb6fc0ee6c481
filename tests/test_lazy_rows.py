"""The panes' tables hold rows whose cells are made only when drawn (issue 21: the
dashboard's memory): a table of 20,000 rows makes the cells of the rows on screen."""

from __future__ import annotations

from rich.text import Text
from test_app import drive
from textual.app import App, ComposeResult

from tui.app.panes.record_table import DRAWN_ROWS, Cells, LazyRows, RecordTable, row_keys

ROWS = 20_000


class Maker:
    """Makes row ``i``'s cells and counts the rows it made."""

    def __init__(self) -> None:
        self.made: list[int] = []

    def cells(self, i: int) -> Cells:
        def make() -> tuple[Text, ...]:
            self.made.append(i)
            return (Text(f"row {i}"), Text("x" * (i % 7)))

        return make


def lazy(maker: Maker, count: int = ROWS) -> LazyRows[int]:
    return LazyRows([(i, maker.cells(i)) for i in range(count)])


class Tables(App[None]):
    """Two tables of the same rows side by side: held as cells (a list) and made when
    drawn."""

    CSS = "Screen { layout: horizontal; } RecordTable { width: 1fr; height: 100%; }"

    def __init__(self, maker: Maker) -> None:
        super().__init__()
        self.maker = maker

    def compose(self) -> ComposeResult:
        yield RecordTable[int](id="eager")
        yield RecordTable[int](id="lazy")

    def on_mount(self) -> None:
        eager = self.query_one("#eager", RecordTable)
        table = self.query_one("#lazy", RecordTable)
        for t in (eager, table):
            t.add_column("row", key="r")
            t.add_column("x", key="x")
        eager.set_rows([(i, (Text(f"row {i}"), Text("x" * (i % 7)))) for i in range(ROWS)], [9, 6])
        table.set_rows(lazy(self.maker), [9, 6])
        table.focus()


@drive
async def test_a_table_of_lazy_rows_makes_only_the_rows_it_draws() -> None:
    maker = Maker()
    app = Tables(maker)
    async with app.run_test(size=(60, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        table = app.query_one("#lazy", RecordTable)
        eager = app.query_one("#eager", RecordTable)
        assert table.row_count == ROWS
        assert 0 < len(maker.made) <= 24
        assert set(maker.made) <= set(range(24))
        # Keys come without cells: the cursor's key, every key, a key far down.
        made = len(maker.made)
        assert table.row_keys == list(range(ROWS))
        assert table.key_at(ROWS - 1) == ROWS - 1 and table.key_at(ROWS) is None
        assert len(maker.made) == made
        # The last page: only its rows are made, and they read as the eager table's.
        await pilot.press("G")
        await pilot.pause()
        assert table.cursor_row == ROWS - 1
        assert len(maker.made) - made <= 24
        assert min(maker.made[made:]) >= ROWS - 24
        shown = table.render_line(table.size.height - 1).text
        eager.move_cursor(row=ROWS - 1)
        assert "row 19999" in shown
        assert table.row_text(ROWS - 1) == eager.row_text(ROWS - 1)


def test_lazy_rows_keep_the_cells_of_the_last_rows_read_only() -> None:
    maker = Maker()
    rows = lazy(maker)
    first = rows[0]
    assert rows[0] is first and maker.made == [0]  # read again: kept
    for i in range(1, DRAWN_ROWS + 1):
        rows[i]
    assert len(maker.made) == DRAWN_ROWS + 1
    again = rows[0]  # forgotten (the oldest), made again, equal
    assert again is not first and again[1][0].plain == first[1][0].plain
    assert len(maker.made) == DRAWN_ROWS + 2
    assert rows[-1][0] == ROWS - 1
    assert [key for key, _ in rows[5:8]] == [5, 6, 7]
    assert len(maker.made) == DRAWN_ROWS + 3  # the last row; rows 5 to 7 were kept
    assert row_keys(rows) == list(range(ROWS)) and len(maker.made) == DRAWN_ROWS + 3
    assert row_keys([(3, (Text("a"),))]) == [3]
