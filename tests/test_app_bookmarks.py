"""Bookmarks and the remembered place, driven with Pilot on a real folder: b stars a record
with a note, B lists it, Enter shows its span in Source, d deletes; quitting saves where
the dashboard was and reopening the folder restores it; read-only writes nothing."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_app import active_screen, drive, settle
from textual.widgets import Input

from tui import userstate
from tui.app import NewsdashApp
from tui.app.panes.people import PeoplePane
from tui.app.panes.record_table import RecordTable
from tui.app.panes.source import SourcePane, SourceView
from tui.app.panes.timeline import TimelinePane
from tui.app.records import RecordKey, RecordKind
from tui.app.screens.bookmarks import BookmarksScreen, NoteScreen
from tui.app.screens.date import DateScreen
from tui.app.screens.export import ExportScreen
from tui.app.screens.person import PersonScreen

# Written for these tests: a made-up town and made-up people.
NORTH = (
    "Published: 2025-02-10\n"
    "VELDA (Coast Herald) - Harbour master Ilse Brunvoll said on Monday that the new ferry "
    "pier cost 3.4 million crowns.\n"
    '"The pier opens in May," Brunvoll told the council. Councillor Tomas Ekre objected.\n'
)
SOUTH = (
    "Published: 2025-02-12\n"
    "ORREN (Valley Post) - The ferry pier in Velda cost 4.1 million crowns, harbour master "
    "Ilse Brunvoll said on Wednesday.\n"
    "Ekre, a councillor, asked for an audit of the pier on Thursday.\n"
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    corpus = tmp_path / "velda"
    corpus.mkdir()
    (corpus / "north.txt").write_text(NORTH, encoding="utf-8")
    (corpus / "south.txt").write_text(SOUTH, encoding="utf-8")
    return corpus


def make(folder: Path, **kwargs: Any) -> NewsdashApp:
    app = NewsdashApp(path=folder, theme="newsdash", load_user_keymap=False, **kwargs)
    app.animation_level = "none"
    return app


def state_files() -> list[Path]:
    root = Path(os.environ["NEWSDASH_STATE_DIR"])
    return sorted(p for p in root.rglob("*") if p.is_file())


def person_id(app: NewsdashApp, name: str) -> str:
    assert app.view is not None
    return next(p.id for p in app.view.people.values() if p.name == name)


async def star(app: NewsdashApp, pilot: Any, note: str) -> None:
    await pilot.press("b")
    await settle(app, pilot)
    assert isinstance(active_screen(app), NoteScreen)
    await pilot.press(*note, "enter")
    await settle(app, pilot)


@drive
async def test_star_an_event_list_it_and_show_its_span(folder: Path) -> None:
    app = make(folder)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        await pilot.press("2")
        await pilot.press("down")
        await settle(app, pilot)
        chosen = app.selection
        assert chosen is not None and chosen.kind is RecordKind.EVENT
        await star(app, pilot, "ask the council")
        marks = userstate.load_bookmarks(folder)
        assert [(m.kind, m.article_id, m.start, m.end, m.note) for m in marks] == [
            ("event", chosen.article_id, chosen.start, chosen.end, "ask the council")
        ]
        assert app.view is not None
        text = app.view.articles[chosen.article_id].text
        assert marks[0].text == text[chosen.start : chosen.end]

        await pilot.press("1")  # move away, so Enter on the bookmark has somewhere to go
        await settle(app, pilot)
        await pilot.press("B")
        await settle(app, pilot)
        screen = active_screen(app)
        assert isinstance(screen, BookmarksScreen)
        rows = screen.shown_rows()
        assert len(rows) == 1 and "event" in rows[0] and "ask the council" in rows[0]
        assert "Coast Herald" in rows[0] or "Valley Post" in rows[0]
        await pilot.press("enter")
        await settle(app, pilot)
        assert not isinstance(active_screen(app), BookmarksScreen)
        source = app.query_one(SourcePane)
        assert source.highlighted == (chosen.article_id, chosen.start, chosen.end)


@drive
async def test_star_again_edits_the_note_and_d_deletes(folder: Path) -> None:
    app = make(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("3")
        await settle(app, pilot)
        await star(app, pilot, "first")
        await pilot.press("b")
        await settle(app, pilot)
        note = active_screen(app)
        assert isinstance(note, NoteScreen) and note.initial == "first"
        await pilot.press("escape")  # cancel: nothing changes
        await settle(app, pilot)
        assert [m.note for m in userstate.load_bookmarks(folder)] == ["first"]
        await pilot.press("B")
        await settle(app, pilot)
        await pilot.press("d")
        await settle(app, pilot)
        screen = active_screen(app)
        assert isinstance(screen, BookmarksScreen) and screen.marks == []
        assert userstate.load_bookmarks(folder) == []


@drive
async def test_star_a_statement_on_the_person_page(folder: Path) -> None:
    app = make(folder)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        await pilot.press("1")
        people = app.query_one(PeoplePane)
        assert people.reveal(RecordKey(RecordKind.PERSON, person_id(app, "Ilse Brunvoll")))
        await pilot.press("enter")
        await settle(app, pilot)
        page = active_screen(app)
        assert isinstance(page, PersonScreen)
        statements = next(i for i, s in enumerate(page.sections) if s.title == "Statements")
        page.show_section(statements)
        await settle(app, pilot)
        target = page.cursor_target()
        assert target is not None and target.kind is RecordKind.QUOTE
        await star(app, pilot, "check with the council minutes")
        (mark,) = userstate.load_bookmarks(folder)
        assert (mark.kind, mark.start, mark.end) == ("quote", target.start, target.end)
        assert app.view is not None
        assert mark.text == app.view.articles[mark.article_id].text[mark.start : mark.end]
        assert "pier" in mark.text


@drive
async def test_read_only_stars_nothing_and_saves_no_place(folder: Path) -> None:
    app = make(folder, read_only=True)
    said: list[str] = []
    notify = app.notify

    def recording(message: str, **kwargs: Any) -> None:
        said.append(message)
        notify(message, **kwargs)

    setattr(app, "notify", recording)  # noqa: B010
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("2")
        await settle(app, pilot)
        await pilot.press("b")
        await settle(app, pilot)
        assert not isinstance(active_screen(app), NoteScreen)
        assert any(m.startswith("read-only: bookmarks are not written") for m in said)
        await pilot.press("q")
    assert state_files() == []


async def leave_a_place(app: NewsdashApp, pilot: Any) -> str:
    """Choose a person (their page, then Esc), filter by an outlet, search the Timeline and
    quit from it; returns the person's id."""
    await settle(app, pilot)
    await pilot.press("1")
    keller = person_id(app, "Ilse Brunvoll")
    assert app.query_one(PeoplePane).reveal(RecordKey(RecordKind.PERSON, keller))
    await pilot.press("enter")
    await settle(app, pilot)
    await pilot.press("escape")
    await settle(app, pilot)
    assert app.person_filter == keller
    assert app.view is not None
    app.article_filter = next(
        f for f in app.view.outlet_filters() if f.label == "article: " + f.label[9:]
    )
    await pilot.press("2", "slash", *"pier", "enter")
    await settle(app, pilot)
    assert app.query_one(TimelinePane).search == "pier"
    await pilot.press("q")
    return keller


@drive
async def test_quit_and_reopen_restores_person_filter_search_and_pane(folder: Path) -> None:
    app = make(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        keller = await leave_a_place(app, pilot)
        label = app.article_filter.label if app.article_filter else None
        shown = app.selection
    (saved,) = state_files()
    assert json.loads(saved.read_text(encoding="utf-8"))["state"]["person"] == "Ilse Brunvoll"
    assert oct(saved.stat().st_mode & 0o777) == "0o600"

    again = make(folder)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(again, pilot)
        await settle(again, pilot)
        assert again.person_filter == keller
        assert again.article_filter is not None and again.article_filter.label == label
        timeline = again.query_one(TimelinePane)
        assert timeline.search == "pier"
        assert again.focused_pane() is timeline
        assert shown is not None and again.selection is not None
        assert (again.selection.article_id, again.selection.start) == (
            shown.article_id,
            shown.start,
        )


@drive
async def test_fresh_does_not_restore(folder: Path) -> None:
    app = make(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await leave_a_place(app, pilot)
    again = make(folder, restore=False)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(again, pilot)
        await settle(again, pilot)
        assert again.person_filter is None and again.article_filter is None
        assert again.query_one(TimelinePane).search == ""


@drive
async def test_a_place_that_no_longer_exists_is_skipped(folder: Path) -> None:
    userstate.save_state(
        folder,
        userstate.FolderState(
            person="Nobody Here",
            article_filter="outlet: Gone Gazette",
            searches={"figures": "crowns"},
            pane="figures",
            kind="event",
            record_id="no-such-event",
            article_id="deleted-article",
            start=5,
            end=9,
        ),
    )
    app = make(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await settle(app, pilot)
        assert app.person_filter is None and app.article_filter is None
        assert app.selection is None or app.selection.article_id != "deleted-article"
        figures = app.focused_pane()
        assert figures is not None and figures.id == "figures" and figures.search == "crowns"
        table = figures.query_one(RecordTable)
        assert table.row_count > 0


@drive
async def test_e_exports_the_bookmarks_with_citations(folder: Path, tmp_path: Path) -> None:
    app = make(folder)
    app.export_folder = tmp_path
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("3")
        await settle(app, pilot)
        await star(app, pilot, "which figure is right?")
        await pilot.press("B")
        await settle(app, pilot)
        await pilot.press("e")
        await settle(app, pilot)
        modal = active_screen(app)
        assert isinstance(modal, ExportScreen)
        await pilot.press("tab")  # Markdown
        path = Path(modal.query_one(Input).value)
        assert path.suffix == ".md"
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(active_screen(app), BookmarksScreen)
    (mark,) = userstate.load_bookmarks(folder)
    written = path.read_text(encoding="utf-8")
    assert "which figure is right?" in written
    assert f"chars {mark.start}–{mark.end}" in written
    assert "north.txt" in written or "south.txt" in written


@drive
async def test_no_store_saves_no_place_but_a_star_is_written(folder: Path) -> None:
    app = make(folder, remember=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("2", "slash", *"pier", "enter")
        await settle(app, pilot)
        await pilot.press("q")
    assert state_files() == []
    app = make(folder, remember=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("2")
        await star(app, pilot, "asked for")
    assert [m.note for m in userstate.load_bookmarks(folder)] == ["asked for"]
    state = userstate.load_state(folder)
    assert state is None


def test_cli_open_passes_fresh_and_no_store(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    import tui.app
    from tui import cli

    seen: dict[str, Any] = {}

    def fake_run(path: Path, **kwargs: Any) -> int:
        seen.update(kwargs, path=path)
        return 0

    monkeypatch.setattr(tui.app, "run", fake_run)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    assert cli.run(["open", str(folder), "--jobs", "1", "--fresh", "--no-store"]) == 0
    assert (seen["restore"], seen["remember"]) == (False, False)
    assert cli.run(["open", str(folder), "--jobs", "1", "--store", str(folder / "s.db")]) == 0
    assert (seen["restore"], seen["remember"]) == (True, True)


# -- b on the date page and in Source (on the messy corpus, no extraction) ----------------


def messy_app(make_app: Any, folder: Path) -> NewsdashApp:
    from fixtures.messy_corpus import messy_corpus

    app: NewsdashApp = make_app(corpus=messy_corpus(), path=folder)
    return app


def exported_marks(app: NewsdashApp, folder: Path) -> list[dict[str, Any]]:
    """The ``bookmarks`` of the JSON export of the app's corpus with the folder's stars."""
    from tui.export import to_json

    assert app.view is not None
    marks: list[dict[str, Any]] = json.loads(
        to_json(app.view.corpus, userstate.load_bookmarks(folder))
    )["bookmarks"]
    return marks


@drive
async def test_star_a_row_of_the_date_page(make_app: Any, folder: Path) -> None:
    app = messy_app(make_app, folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("2", "j", "j", "enter")  # 26 Feb 2024: three outlets
        await settle(app, pilot)
        page = active_screen(app)
        assert isinstance(page, DateScreen)
        await pilot.press("j")
        await settle(app, pilot)
        target = page.cursor_target()
        assert target is not None and target.kind is RecordKind.EVENT
        assert app.selection is None or app.selection.key != target.key  # not the dashboard's
        await star(app, pilot, "first day of the walkout")
        assert isinstance(active_screen(app), DateScreen)  # the page stays
        (mark,) = userstate.load_bookmarks(folder)
        assert (mark.kind, mark.article_id, mark.start, mark.end) == (
            "event",
            target.article_id,
            target.start,
            target.end,
        )
        assert mark.text == "26 February 2024"
        await pilot.press("B")
        await settle(app, pilot)
        listed = active_screen(app)
        assert isinstance(listed, BookmarksScreen)
        assert "first day of the walkout" in listed.shown_rows()[0]
    (exported,) = exported_marks(app, folder)
    assert exported["kind"] == "event" and exported["note"] == "first day of the walkout"
    assert (exported["start"], exported["end"]) == (target.start, target.end)


@drive
async def test_star_in_source_the_record_then_a_search_match(make_app: Any, folder: Path) -> None:
    app = messy_app(make_app, folder)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        await pilot.press("3", "j", "4")  # a figure selected, Source focused
        await settle(app, pilot)
        chosen = app.selection
        assert chosen is not None and chosen.kind is RecordKind.FIGURE
        assert isinstance(app.focused, SourceView)
        await star(app, pilot, "the agency's count")
        await pilot.press("slash", *"crane", "enter")  # a match shown: it is what b stars
        await settle(app, pilot)
        source = app.query_one(SourcePane)
        assert source.highlighted is not None
        article_id, start, end = source.highlighted
        await star(app, pilot, "inspections")
    marks = userstate.load_bookmarks(folder)
    assert [(m.kind, m.start, m.end, m.note) for m in marks] == [
        ("figure", chosen.start, chosen.end, "the agency's count"),
        ("match", start, end, "inspections"),
    ]
    assert marks[1].text == "crane" and marks[1].article_id == article_id
    assert [m["kind"] for m in exported_marks(app, folder)] == ["figure", "match"]


@drive
async def test_star_in_source_the_sentence_in_view(make_app: Any, folder: Path) -> None:
    """An article shown with no record selected: b stars the sentence at the top of the
    view, and after scrolling down, the one at the top then; u scrolls back up."""
    app = messy_app(make_app, folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("4", "right_square_bracket", "left_square_bracket")  # a01 itself
        await settle(app, pilot)
        assert app.selection is not None and app.selection.kind is RecordKind.ARTICLE
        assert app.selection.article_id == "a01"
        await star(app, pilot, "lead")
        view = app.query_one(SourceView)
        await pilot.press("space")  # a page down: the lead has scrolled away
        await settle(app, pilot)
        assert view.scroll_y > 0
        await star(app, pilot, "further down")
        await pilot.press("u")
        await settle(app, pilot)
        assert view.scroll_y == 0
    assert app.view is not None
    text = app.view.articles["a01"].text
    lead, later = userstate.load_bookmarks(folder)
    assert (lead.kind, lead.start, lead.note) == ("sentence", 0, "lead")
    assert lead.text.startswith("GDANSK, March 4") and lead.text.endswith("26 February 2024.")
    assert later.kind == "sentence" and later.start > lead.end
    assert later.text == text[later.start : later.end] and later.text.endswith(".")
    assert "sentence" in [m["kind"] for m in exported_marks(app, folder)]


# -- the place saved while the dashboard runs ---------------------------------------------


def saved_state(folder: Path) -> userstate.FolderState | None:
    return userstate.load_state(folder)


async def saved_when(
    pilot: Any, folder: Path, ok: Callable[[userstate.FolderState], bool]
) -> userstate.FolderState:
    """The saved place once the debounce timer has written one that ``ok`` accepts
    (polled for up to 5 s: the timer fires on the event loop, after the keys)."""
    for _ in range(250):
        state = saved_state(folder)
        if state is not None and ok(state):
            return state
        await pilot.pause(0.02)
    raise AssertionError(f"no matching place saved (last: {saved_state(folder)})")


@drive
async def test_place_is_saved_after_a_selection_change_without_quitting(folder: Path) -> None:
    app = make(folder)
    app.place_save_delay = 0.05
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await settle(app, pilot)
        await pilot.press("2", "j")
        await settle(app, pilot)
        chosen = app.selection
        assert chosen is not None and chosen.kind is RecordKind.EVENT
        # Written while running (no quit yet).
        state = await saved_when(pilot, folder, lambda s: s.record_id == chosen.record_id)
        assert (state.pane, state.kind) == ("timeline", "event")
        await pilot.press("j")
        await settle(app, pilot)
        moved = app.selection
        assert moved is not None and moved.record_id != chosen.record_id
        await saved_when(pilot, folder, lambda s: s.record_id == moved.record_id)
        # The killed terminal case: no quit, the place is there for the next run.
        again = make(folder)
        async with again.run_test(size=(120, 40)) as pilot2:
            await settle(again, pilot2)
            await settle(again, pilot2)
            assert again.selection is not None
            assert again.selection.record_id == moved.record_id


@drive
async def test_place_saving_is_debounced_and_skips_an_unchanged_place(folder: Path) -> None:
    app = make(folder)
    app.place_save_delay = 3600  # nothing fires during the test
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await settle(app, pilot)
        await pilot.press("2", "j", "j", "k", "3", "j")
        await settle(app, pilot)
        assert state_files() == []  # moving through lists writes nothing until it stops
        app.save_place_if_changed()  # what the timer (or the periodic check) runs
        state = saved_state(folder)
        assert state is not None and state.pane == "figures"
        for path in state_files():
            path.unlink()
        app.save_place_if_changed()  # unchanged: nothing written
        assert state_files() == []
        await pilot.press("slash", *"pier", "enter")  # a search changes the place
        await settle(app, pilot)
        app.save_place_if_changed()
        state = saved_state(folder)
        assert state is not None and state.searches == {"figures": "pier"}


@drive
async def test_read_only_saves_no_place_while_running(folder: Path) -> None:
    app = make(folder, read_only=True)
    app.place_save_delay = 0.01
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await settle(app, pilot)
        await pilot.press("2", "j", "3", "j", "slash", *"pier", "enter")
        await settle(app, pilot)
        await pilot.pause(0.1)  # past the debounce delay
        app.save_place_if_changed()
        assert state_files() == []
        await pilot.press("q")
    assert state_files() == []
