"""What a new user hit (issue 20): each test fails on the dashboard as it was."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from test_app import drive, settle

from tui.app import NewsdashApp
from tui.app.keyline import KeyLine
from tui.app.panes.entry_list import EntryList
from tui.app.panes.figures import FiguresPane
from tui.app.panes.people import ROLE_ROOM, PeoplePane, role_summary
from tui.app.panes.record_table import RecordTable
from tui.app.panes.timeline import TimelinePane
from tui.app.records import RecordKey, RecordKind
from tui.records.models import Corpus
from tui.records.timevalue import display_value
from tui.snapshot import restrict

MakeApp = Callable[..., NewsdashApp]

LONG_ORG = "Authority for the Coordination of Regional Harbour Logistics"


def with_long_role(corpus: Corpus) -> tuple[Corpus, str]:
    """The corpus with its first person who has a role given a long organisation."""
    person = next(p for p in corpus.people if p.roles)
    role = person.roles[0].model_copy(update={"org": LONG_ORG})
    changed = person.model_copy(update={"roles": [role]})
    people = [changed if p.id == person.id else p for p in corpus.people]
    return corpus.model_copy(update={"people": people}), person.id


def header_line(table: RecordTable[RecordKey]) -> str:
    return table.render_line(0).text


@drive
async def test_source_header_counts_the_whole_corpus_once_loaded(corpus: Corpus) -> None:
    first = corpus.articles[0].id
    release = threading.Event()

    def loader(
        path: Path,
        warn: Callable[[str], None],
        progress: Callable[[int, int, str], None],
        preview: Callable[[Corpus, int], None],
    ) -> Corpus:
        preview(restrict(corpus, {first}), len(corpus.articles))
        assert release.wait(10)
        return corpus

    app = NewsdashApp(path=Path("unused"), theme="newsdash", loader=loader)
    app.animation_level = "none"
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(50):
            await pilot.pause()
            if app.view is not None:
                break
        header = app.query_one("#source-header")
        assert str(header.render()).startswith("1/1 ")
        release.set()
        await app.workers.wait_for_complete()
        await settle(app, pilot)
        assert str(header.render()).startswith(f"1/{len(corpus.articles)} ")


@drive
async def test_timeline_outlet_column_is_on_screen_at_start(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        table = app.query_one("#timeline-table", RecordTable)
        assert "Outlet" in header_line(table)
        outlet = table.row_text(0).split(" | ")[2]
        assert outlet[:5] in table.render_line(1).text
        # Maximised, the sentences use the room: longer than in the quarter-screen pane.
        narrow = table.column_widths()[1]
        table.focus()
        await pilot.press("z")
        await settle(app, pilot)
        assert app.screen.maximized is app.query_one(TimelinePane)
        assert table.column_widths()[1] > narrow
        assert "Outlet" in header_line(table)


def with_long_date(corpus: Corpus) -> tuple[Corpus, str]:
    """The corpus with its first event dated "end of January (year unknown)"."""
    event = corpus.events[0]
    when = event.when.model_copy(update={"value": "XXXX-01", "mod": "END"})
    changed = event.model_copy(update={"when": when})
    events = [changed if e.id == event.id else e for e in corpus.events]
    label = display_value("XXXX-01", "END")
    assert len(label) > 22  # longer than the Date column's room before
    return corpus.model_copy(update={"events": events}), label


@drive
async def test_maximised_timeline_shows_a_long_date_label_whole(
    make_app: MakeApp, corpus: Corpus
) -> None:
    changed, label = with_long_date(corpus)
    app = make_app(corpus=changed)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        table = app.query_one("#timeline-table", RecordTable)
        head = label.split(" (")[0]
        row = next(i for i in range(table.row_count) if table.row_text(i).startswith(head))
        # In the quarter-screen pane the label is cut…
        assert label not in table.render_line(row + 1).text
        table.focus()
        await pilot.press("z")
        await settle(app, pilot)
        assert app.screen.maximized is app.query_one(TimelinePane)
        # …maximised, it is whole, and the sentence and outlet still have their room.
        row = next(i for i in range(table.row_count) if table.row_text(i).startswith(head))
        assert table.row_text(row).startswith(f"{label} | ")
        assert label in table.render_line(row + 1).text
        assert "Outlet" in header_line(table)
        assert table.column_widths()[1] > 60


@drive
async def test_figure_group_rows_leave_the_outlet_column_empty(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        table = app.query_one("#figures-table", RecordTable)
        groups = [i for i, key in enumerate(table.row_keys) if key.kind is RecordKind.COMPARISON]
        assert groups
        for index in groups:
            assert table.row_text(index).split(" | ")[3] == ""


@pytest.mark.parametrize("size", [(60, 18), (80, 24)])
def test_people_rows_fit_the_pane_and_maximised_show_long_roles(
    make_app: MakeApp, corpus: Corpus, size: tuple[int, int]
) -> None:
    changed, person_id = with_long_role(corpus)

    @drive
    async def run() -> None:
        app = make_app(corpus=changed)
        async with app.run_test(size=size) as pilot:
            await settle(app, pilot)
            listing: EntryList[str] = app.query_one("#people-list", EntryList)
            room = listing.scrollable_content_region.width
            index = listing.entries.index(person_id)
            assert index is not None
            prompt = listing.entry_text(index)
            # Narrow, the role keeps its room (ROLE_ROOM) before the counts left over.
            role = role_summary(next(p for p in changed.people if p.id == person_id))
            assert prompt.plain.splitlines()[1].strip()[: ROLE_ROOM - 1] == role[: ROLE_ROOM - 1]
            starts = listing.entries.starts
            for index in range(listing.entry_count):
                prompt = listing.entry_text(index)
                for line in prompt.plain.splitlines():
                    assert len(line) <= room, line  # one line each: nothing wraps
                # Drawn in as many lines as it was measured to take.
                assert len(prompt.plain.splitlines()) == starts[index + 1] - starts[index]
                person = app.view.people[listing.entries.keys[index]]  # type: ignore[union-attr]
                if person.aliases:  # no count is left out to make room
                    assert f"{len(person.aliases)} aka" in prompt.plain
            await pilot.press("z")
            await settle(app, pilot)
            assert app.screen.maximized is app.query_one(PeoplePane)
            index = listing.entries.index(person_id)
            assert index is not None
            prompt = listing.entry_text(index)
            # Maximised, the role is cut to the screen's width, not to ~14 characters.
            shown = LONG_ORG if size[0] >= 80 else LONG_ORG[:30]
            assert shown in prompt.plain
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen.maximized is None

    run()


@pytest.mark.parametrize("size", [(60, 18), (80, 24)])
def test_footer_palette_key_ends_at_the_screen_edge(
    make_app: MakeApp, size: tuple[int, int]
) -> None:
    @drive
    async def run() -> None:
        app = make_app()
        async with app.run_test(size=size) as pilot:
            await settle(app, pilot)
            line = app.query_one(KeyLine)
            assert line.region.right == size[0]
            shown = line.plain()
            assert len(shown) == size[0] and shown.endswith("▏^p palette")

    run()


@drive
async def test_top_bar_keeps_a_space_after_the_name(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        status = str(app.query_one("#status").render())
        assert status.startswith("newsdash  ") and " art · " in status


@drive
async def test_help_lists_first_last_and_maximise(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        sections = dict(app.help_sections())
        people = dict(sections["People (focused)"])
        assert people["g"] == "First row" and people["G"] == "Last row"
        assert dict(sections["Timeline"])["g"] == "First row"
        assert dict(sections["Everywhere"])["z"] == "Maximise"
        for _, rows in sections.items():
            for _, label in rows:
                assert label[:1] == label[:1].upper(), label


def test_first_run_names_the_store_before_the_dashboard(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys

    import tui.app
    from tui.cli import run

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("A short article.\n")
    store = tmp_path / "cache" / "store.sqlite"
    seen: list[str] = []

    def fake_dashboard(path: Path, **kwargs: object) -> int:
        seen.append(capsys.readouterr().err)  # what was on stderr when it opened
        return 0

    monkeypatch.setattr(tui.app, "run", fake_dashboard)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    assert run([str(folder), "--store", str(store)]) == 0
    [line] = seen[0].strip().splitlines()
    assert str(store) in line and "--no-store" in line and "--read-only" in line
    for flags in (["--read-only"], ["--no-store"]):
        assert run([str(folder), "--store", str(store), *flags]) == 0
        assert seen[-1] == ""
    store.parent.mkdir()
    store.write_bytes(b"")  # the store exists: said once only
    assert run([str(folder), "--store", str(store)]) == 0
    assert seen[-1] == ""


def test_timeline_snippet_keeps_the_articles_spacing_around_the_bold_date(
    corpus: Corpus,
) -> None:
    """ "mid-2021" stays "mid-2021": no space is added before the bold expression where the
    article has none (and one stays where it has one)."""
    from tui.app.view import CorpusView

    event = next(
        e
        for e in corpus.events
        if e.sentence.start < e.when.start
        and next(a for a in corpus.articles if a.id == e.article_id).text[e.when.start - 1] == " "
    )
    article = next(a for a in corpus.articles if a.id == event.article_id)
    joined = article.text[: event.when.start - 1] + "-" + article.text[event.when.start :]
    changed = corpus.model_copy(
        update={
            "articles": [
                article.model_copy(update={"text": joined}) if a.id == article.id else a
                for a in corpus.articles
            ]
        }
    )
    when = article.text[event.when.start : event.when.end]
    for source, expected in ((corpus, " " + when), (changed, "-" + when)):
        pane = TimelinePane()
        pane.set_reactive(TimelinePane.view, CorpusView.build(source))
        snippet = pane.snippet(event)
        assert expected in snippet.plain
        bold = [s for s in snippet.spans if s.style == "bold"]
        assert [snippet.plain[s.start : s.end] for s in bold] == [when]


@drive
async def test_figures_use_a_maximised_pane_and_give_the_room_back(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        table = app.query_one("#figures-table", RecordTable)
        pane = app.query_one(FiguresPane)
        narrow = table.column_widths()
        assert narrow[1] <= 24 + 1
        table.focus()
        await pilot.press("z")
        await settle(app, pilot)
        assert app.screen.maximized is pane
        wide = table.column_widths()
        assert wide[1] > narrow[1] or wide[2] > narrow[2]  # values or measures uncut
        await pilot.press("z")
        await settle(app, pilot)
        assert maximized(app) is None
        assert table.column_widths() == narrow  # back in its quarter, cut as before


def maximized(app: NewsdashApp) -> object:
    """The maximised widget, read afresh (not narrowed by an earlier assert)."""
    return app.screen.maximized


def test_a_period_reads_as_words() -> None:
    assert display_value("P1Y/XXXX-XX") == "past year"
    assert display_value("XXXX/P5Y") == "next 5 years"
    assert display_value("P2W/2024-06-30") == "2 weeks to 30 Jun 2024"
    assert display_value("2024-Q3/P3M") == "3 months from Q3 2024"
    assert display_value("P1Y/not-a-date") == "P1Y/not-a-date"  # unreadable: as written


def test_every_figure_kind_has_a_short_label() -> None:
    from typing import get_args

    from tui.app.panes.figures import KIND_LABEL
    from tui.records.models import FigureKind

    assert set(KIND_LABEL) == set(get_args(FigureKind))
    assert all(0 < len(label) <= len("Kind") + 1 for label in KIND_LABEL.values())


@pytest.mark.parametrize("size", [(100, 30), (120, 40)])
def test_figures_kind_column_stays_readable(size: tuple[int, int]) -> None:
    from fixtures.messy_corpus import messy_corpus

    from tui.app.panes.figures import KIND_LABEL

    @drive
    async def run() -> None:
        corpus = messy_corpus()
        app = NewsdashApp(corpus, theme="newsdash", load_user_keymap=False)
        async with app.run_test(size=size) as pilot:
            await settle(app, pilot)
            table = app.query_one("#figures-table", RecordTable)
            widths = table.column_widths()
            room = table.size.width - table.styles.scrollbar_size_vertical
            assert sum(w + 2 for w in widths) <= room  # Outlet and Kind on screen
            assert widths[-1] >= max(len(label) for label in KIND_LABEL.values())
            kinds = {f.id: KIND_LABEL[f.kind] for f in corpus.figures}
            shown = 0
            for y, key in enumerate(table.row_keys[: table.size.height - 1], start=1):
                if key.kind is RecordKind.FIGURE:
                    line = table.render_line(y).text.rstrip()
                    assert line.endswith(kinds[key.record_id]), line
                    shown += 1
            assert shown >= 3

    run()
