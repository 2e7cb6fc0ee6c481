"""Work a screen push or pop no longer repeats (issue 20: key-to-repaint of the pages):
each test fails on the code before it."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from test_app import MakeApp, active_screen, drive, settle
from textual.app import App, ComposeResult
from textual.screen import Screen

from tui.app.panes.record_table import RecordTable
from tui.app.screens.conflict import ConflictScreen
from tui.app.screens.person import PersonScreen


class OneTable(App[None]):
    def compose(self) -> ComposeResult:
        yield RecordTable[int](id="t")

    def on_mount(self) -> None:
        table = self.query_one(RecordTable)
        table.add_column("words", key="w")
        rows = [(i, (Text(f"row {i}"),)) for i in range(30)]
        table.set_rows(rows, [8])
        table.focus()


@drive
async def test_table_lines_survive_a_restyle_that_changes_nothing() -> None:
    app = OneTable()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        table = app.query_one(RecordTable)
        drawn = [table.render_line(y) for y in range(5)]
        # A screen pushed and popped restyles the table without changing its styles.
        await app.push_screen(Screen[None]())
        await pilot.pause()
        app.pop_screen()
        await pilot.pause()
        table.notify_style_update()
        again = [table.render_line(y) for y in range(5)]
        assert all(a is b for a, b in zip(drawn, again, strict=True))  # not drawn again
        # A real change is drawn again: without the focus the rows look different.
        table.blur()
        await pilot.pause()
        blurred = table.render_line(1)
        assert blurred is not drawn[1] and blurred.text == drawn[1].text
        assert blurred != drawn[1]  # drawn in the unfocused styles, not served from the cache


@drive
async def test_conflict_view_lays_out_its_list_once_per_width(make_app: MakeApp) -> None:
    fills: list[int] = []
    original = ConflictScreen.fill

    def counting(self: ConflictScreen, *args: Any, **kwargs: Any) -> None:
        fills.append(self._room())
        original(self, *args, **kwargs)

    ConflictScreen.fill = counting  # type: ignore[method-assign]
    try:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            await pilot.press("3", "enter")
            await settle(app, pilot)
            assert isinstance(active_screen(app), ConflictScreen)
            assert len(fills) == 1  # not again for the Resize that comes as it is shown
            await pilot.resize_terminal(80, 24)
            await settle(app, pilot)
            assert len(fills) == 2 and fills[1] < fills[0]  # a new width: laid out again
            listing = active_screen(app).query_one("#conflict-list", RecordTable)
            assert sum(w + 2 for w in listing.column_widths()) <= 80
    finally:
        ConflictScreen.fill = original  # type: ignore[method-assign]


@drive
async def test_person_page_counts_arrive_with_its_rows(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("1", "enter")
        await settle(app, pilot)
        page = active_screen(app)
        assert isinstance(page, PersonScreen)
        counts = str(page.query_one("#page-counts").render())
        person = app.view.people[page.person_id] if app.view else None
        assert person is not None
        assert counts.startswith(f"{len(person.mentions)} mention")
        assert " outlet" in counts and " statement" in counts


@drive
async def test_a_person_chosen_again_is_not_filtered_again(make_app: MakeApp) -> None:
    from tui.app.panes.figures import FiguresPane
    from tui.app.panes.timeline import TimelinePane

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        timeline, figures = app.query_one(TimelinePane), app.query_one(FiguresPane)
        built: list[str] = []
        build_rows = timeline._build_rows

        def counting(*args: Any) -> Any:
            built.append("t")
            return build_rows(*args)

        timeline._build_rows = counting  # type: ignore[method-assign,assignment]
        people = ["per-varga", "per-brandt"]
        shown: dict[str, tuple[list[str], list[str]]] = {}
        for round_ in range(2):
            for person in people:
                app.person_filter = person
                await settle(app, pilot)
                rows = ([str(k) for k in timeline.row_keys()], [str(k) for k in figures.row_keys()])
                if round_ == 0:
                    shown[person] = rows
                else:
                    assert rows == shown[person]  # the same rows as built the first time
                app.person_filter = None
                await settle(app, pilot)
        assert built == ["t", "t"]  # once per person; the unfiltered rows are kept too
        assert shown["per-varga"] != shown["per-brandt"]
        # A search is a filter of its own: built, then kept.
        timeline.apply_search("2021")
        await settle(app, pilot)
        assert built == ["t", "t", "t"]


@drive
async def test_help_is_kept_between_openings_while_it_shows_the_same_keys(
    make_app: MakeApp,
) -> None:
    from tui.app.screens.modals import HelpScreen

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await settle(app, pilot)
        first = active_screen(app)
        assert isinstance(first, HelpScreen)
        await pilot.press("j", "j", "j", "escape", "question_mark")
        await settle(app, pilot)
        again = active_screen(app)
        assert again is first and isinstance(again, HelpScreen)  # not composed again
        body = again.query_one("#help-body")
        assert body.scroll_y == 0  # opened at the top again
        assert again.sections[0][0] == "People (focused)"
        await pilot.press("escape", "2", "question_mark")  # another pane: other keys first
        await settle(app, pilot)
        second = active_screen(app)
        assert isinstance(second, HelpScreen) and second is not first
        assert second.sections[0][0] == "Timeline (focused)"
        assert not first.is_attached  # the one it replaced is gone
        await pilot.press("escape")
        await settle(app, pilot)
        assert not isinstance(active_screen(app), HelpScreen)


@drive
async def test_back_from_the_date_page_finds_its_row_without_a_search(
    make_app: MakeApp, monkeypatch: Any
) -> None:
    from tui.app.panes.timeline import PagedRows, TimelinePane
    from tui.app.screens.date import DateScreen

    searched: list[object] = []
    original = PagedRows.index_of

    def counting(self: PagedRows, key: Any) -> int | None:
        searched.append(key)
        return original(self, key)

    monkeypatch.setattr(PagedRows, "index_of", counting)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        timeline = app.query_one(TimelinePane)
        await pilot.press("2", "down", "down", "down")
        await settle(app, pilot)
        row = timeline.table().cursor_row
        key = timeline.row_keys()[row]
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(active_screen(app), DateScreen)
        await pilot.press("escape")
        await settle(app, pilot)
        assert timeline.table().cursor_row == row and timeline.row_keys()[row] == key
        assert searched == []  # the cursor was on it: no search of every key
        # A row elsewhere is still found by searching.
        other = timeline.row_keys()[0]
        assert timeline.reveal(other) and timeline.table().cursor_row == 0
        assert searched == [other]


@drive
async def test_pages_take_no_breakpoint_class_of_the_dashboard(make_app: MakeApp) -> None:
    """The app's ``-wide``/``-narrow`` classes style the dashboard only: set on a page by
    its first Resize they restyled all of it once more before its first frame."""
    from tui.app.screens.date import DateScreen

    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(app, pilot)
        assert app.screen.has_class("-wide")  # the dashboard's grid at this width
        for keys, page_type in (
            (("1", "enter"), PersonScreen),
            (("2", "enter"), DateScreen),
            (("3", "enter"), ConflictScreen),
        ):
            await pilot.press(*keys)
            await settle(app, pilot)
            page = active_screen(app)
            assert isinstance(page, page_type)
            assert not page.has_class("-wide") and not page.has_class("-narrow")
            await pilot.press("escape")
            await settle(app, pilot)
            assert app.screen.has_class("-wide")


@drive
async def test_modals_take_no_breakpoint_class_of_the_dashboard(make_app: MakeApp) -> None:
    """As the pages: a modal styled again for ``-wide`` before its first frame."""
    from tui.app.screens.modal import Modal

    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(app, pilot)
        assert app.screen.has_class("-wide")
        for key in ("w", "question_mark", "B", "C"):
            await pilot.press(key)
            await settle(app, pilot)
            modal = active_screen(app)
            assert isinstance(modal, Modal), key
            assert not modal.has_class("-wide") and not modal.has_class("-narrow")
            await pilot.press("escape")
            await settle(app, pilot)
            assert app.screen.has_class("-wide")


@drive
async def test_person_page_composes_its_section_tables_after_its_first_frame(
    make_app: MakeApp, monkeypatch: Any
) -> None:
    """No section table is composed with the page (seven were, six of them hidden, all
    styled and laid out before the first frame); they are made when the rows are shown."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        with monkeypatch.context() as patch:
            patch.setattr(PersonScreen, "build", lambda self: None)  # rows never read
            await pilot.press("1", "enter")
            await settle(app, pilot)
            page = active_screen(app)
            assert isinstance(page, PersonScreen)
            assert len(page.query(RecordTable)) == 0
            await pilot.press("escape", "escape")
            await settle(app, pilot)
        await pilot.press("1", "enter")
        await settle(app, pilot)
        page = active_screen(app)
        assert isinstance(page, PersonScreen) and page.sections
        tables = list(page.query(RecordTable))
        assert len(tables) == len(page.sections)  # all made once the rows were shown
        assert [t.id for t in tables if t.display] == ["page-0"]
        await pilot.press("2")
        await settle(app, pilot)
        shown = [t for t in page.query(RecordTable) if t.display]
        assert [t.id for t in shown] == ["page-1"]
        assert shown[0].row_count == len(page.sections[1].rows)
        assert shown[0].column_count == len(page.sections[1].columns)


def test_a_persons_first_mention_is_the_first_in_reading_order() -> None:
    """People's selection of a person reads their first mention without sorting them all
    (Enter on the busiest person sorted 12,717 mentions before the page's first frame):
    the same mention as the sorted list's first, before and after that list is made."""
    import datetime as dt

    from tui.app.view import CorpusView
    from tui.records.models import Article, Corpus, Person, Published, Span

    name = "Oskar Lindqvist"
    texts = {aid: f"{name} spoke. Later {name} left." for aid in ("late", "early", "undated")}
    day = {"late": dt.date(2021, 5, 2), "early": dt.date(2020, 1, 9), "undated": None}
    articles = [
        Article(id=aid, path=f"{aid}.txt", text=text, published=Published(date=day[aid]))
        for aid, text in texts.items()
    ]
    second = texts["early"].rindex(name)
    # Listed out of reading order: the undated article, then the later one, then the
    # second mention of the earliest article before its first.
    spans = [
        Span(article_id=aid, start=start, end=start + len(name), text=name)
        for aid, start in (("undated", 0), ("late", 0), ("early", second), ("early", 0))
    ]
    people = [Person(id="p", name=name, mentions=spans), Person(id="q", name="Nobody")]
    corpus = Corpus(articles=articles, people=people)
    fresh, ordered = CorpusView.build(corpus), CorpusView.build(corpus)
    expected = ordered.person_mentions("p")[0]
    assert (expected.article_id, expected.start) == ("early", 0)
    assert fresh.first_mention("p") == expected  # found without the sorted list
    assert ordered.first_mention("p") == expected  # read from it
    assert fresh.first_mention("q") is None and fresh.first_mention("nobody") is None
