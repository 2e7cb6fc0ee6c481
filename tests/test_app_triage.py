"""Triage keys driven with Pilot on a real folder: each writes the corrections file, the
folder is re-linked, and undo restores; read-only refuses and writes nothing."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest
from test_app import active_screen, drive, settle

from tui.app import NewsdashApp
from tui.app.panes.figures import FiguresPane
from tui.app.panes.people import PeoplePane
from tui.app.panes.record_table import RecordTable
from tui.app.records import RecordKey, RecordKind
from tui.app.screens.person import PersonScreen
from tui.app.screens.triage import ArticleDateScreen, CorrectionsScreen, FilterChoiceScreen

# Written for these tests: a made-up country and made-up people.
ONE = (
    "Published: 2024-04-02\n"
    "LONDON (Wire) - Finance minister Anna Keller said on Monday that Norland's "
    "unemployment rate rose to 7.2% in March 2024.\n"
    '"We will act," Keller told reporters. Opposition leader Marek Dunn disagreed.\n'
)
TWO = (
    "Published: 2024-04-03\n"
    "BERLIN (Daily Ledger) - Norland's unemployment rate rose to 6.8% in March 2024, "
    "finance minister Anna Keller said on Tuesday.\n"
    "Mr. Dunn, the opposition leader, called the budget a failure. Keller declined to comment.\n"
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "one.txt").write_text(ONE, encoding="utf-8")
    (tmp_path / "two.txt").write_text(TWO, encoding="utf-8")
    return tmp_path


def make(folder: Path, **kwargs: Any) -> NewsdashApp:
    app = NewsdashApp(path=folder, theme="newsdash", load_user_keymap=False, **kwargs)
    app.animation_level = "none"
    return app


def record_notices(app: NewsdashApp) -> list[str]:
    """Every notice the app shows from now on."""
    said: list[str] = []
    notify = app.notify

    def recording(message: str, **kwargs: Any) -> None:
        said.append(message)
        notify(message, **kwargs)

    setattr(app, "notify", recording)  # noqa: B010
    return said


def corrections(folder: Path) -> dict[str, Any]:
    return tomllib.loads((folder / "newsdash.toml").read_text(encoding="utf-8"))


def names(app: NewsdashApp) -> set[str]:
    assert app.view is not None
    return {p.name for p in app.view.people.values()}


def person_id(app: NewsdashApp, name: str) -> str:
    assert app.view is not None
    return next(p.id for p in app.view.people.values() if p.name == name)


async def on_person(app: NewsdashApp, pilot: Any, name: str) -> None:
    await pilot.press("1")
    assert app.query_one(PeoplePane).reveal(RecordKey(RecordKind.PERSON, person_id(app, name)))
    await pilot.pause()


@drive
async def test_not_a_person_is_written_relinked_and_undone(folder: Path) -> None:
    app = make(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert "Norland" in names(app)
        await on_person(app, pilot, "Norland")
        app.status_text = "loading 1/2: one.txt"  # a load under way: triage waits for it
        await pilot.press("x")
        await settle(app, pilot)
        assert not (folder / "newsdash.toml").exists()
        app.status_text = ""
        await pilot.press("x")
        await settle(app, pilot)
        assert corrections(folder)["people"]["reject"] == ["Norland"]
        assert "Norland" not in names(app) and "Anna Keller" in names(app)
        assert (folder / "newsdash.toml").stat().st_mode & 0o777 == 0o600
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert corrections(folder)["people"]["reject"] == []
        assert "Norland" in names(app)


@drive
async def test_not_the_same_fact_dismisses_the_comparison_and_c_lists_it(folder: Path) -> None:
    app = make(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert app.view is not None and len(app.view.comparisons) == 1
        comparison = next(iter(app.view.comparisons.values()))
        spans = sorted(
            f"{f.article_id}:{f.start}-{f.end}"
            for f in (app.view.figures[i] for i in comparison.figures)
        )
        await pilot.press("3")
        pane = app.query_one(FiguresPane)
        assert pane.row_keys()[0] == RecordKey(RecordKind.COMPARISON, comparison.id)
        await pilot.press("j", "k")
        await pilot.pause()
        await pilot.press("x")
        await settle(app, pilot)
        assert corrections(folder)["comparisons"]["dismiss"] == [" + ".join(spans)]
        assert app.view is not None and app.view.comparisons == {}
        assert len(app.view.figures) == 2  # the figures stay; only their comparison goes
        await pilot.press("C")
        await settle(app, pilot)
        screen = active_screen(app)
        assert isinstance(screen, CorrectionsScreen)
        assert [e.kind for e in screen.entries] == ["dismiss"]
        shown = screen.query_one(RecordTable).row_text(0)
        assert shown == "not the same fact | Norland's unemployment rate: 7.2% vs 6.8%"
        await pilot.press("u")
        await settle(app, pilot)
        assert screen.entries == []
        assert corrections(folder)["comparisons"]["dismiss"] == []
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.view is not None and len(app.view.comparisons) == 1


@drive
async def test_merge_into_picks_by_typing_and_keeps_the_person_chosen(folder: Path) -> None:
    app = make(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await on_person(app, pilot, "Marek Dunn")
        await pilot.press("M")
        await settle(app, pilot)
        picker = active_screen(app)
        assert isinstance(picker, FilterChoiceScreen)
        await pilot.press(*"kel")
        await pilot.pause()
        table = picker.query_one("#pick-list", RecordTable)
        assert [table.row_text(i) for i in range(table.row_count)] == ["Anna Keller"]
        await pilot.press("enter")
        await settle(app, pilot)
        merge = corrections(folder)["people"]["merge"]
        assert merge == [{"names": ["Anna Keller", "Marek Dunn"], "name": "Anna Keller"}]
        assert "Marek Dunn" not in names(app)
        assert app.view is not None
        keller = app.view.people[person_id(app, "Anna Keller")]
        assert {"Dunn", "Marek Dunn"} <= {m.text for m in keller.mentions}
        assert any(e.rule == "correction" for e in keller.evidence)


@drive
async def test_split_alias_on_the_person_page(folder: Path) -> None:
    app = make(folder)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        await on_person(app, pilot, "Anna Keller")
        await pilot.press("enter")
        await settle(app, pilot)
        page = active_screen(app)
        assert isinstance(page, PersonScreen)
        names_section = next(i for i, s in enumerate(page.sections) if s.title == "Names")
        page.show_section(names_section)
        alias = next(
            i for i, r in enumerate(page.sections[names_section].rows) if r.cells[0] == "alias"
        )
        page.query_one(f"#page-{names_section}", RecordTable).move_cursor(row=alias)
        await pilot.press("s")
        await settle(app, pilot)
        assert corrections(folder)["people"]["split"] == ["Keller"]
        assert {"Anna Keller", "Keller"} <= names(app)


@drive
async def test_article_date_is_checked_then_written(folder: Path) -> None:
    app = make(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await on_person(app, pilot, "Marek Dunn")  # selects his first mention, in one.txt
        assert app.selection is not None and app.selection.article_id == "one"
        await pilot.press("D")
        await settle(app, pilot)
        dialog = active_screen(app)
        assert isinstance(dialog, ArticleDateScreen)
        await pilot.press(*["backspace"] * 10, *"2024-02-30", "enter")
        await pilot.pause()
        assert active_screen(app) is dialog and not (folder / "newsdash.toml").exists()
        await pilot.press(*["backspace"] * 10, *"2024-03-31", "enter")
        await settle(app, pilot)
        assert corrections(folder)["articles"] == {"one": "2024-03-31"}
        assert app.view is not None  # re-linked: the article is dated as the analyst said
        assert app.view.articles["one"].published.date == dt.date(2024, 3, 31)
        await pilot.press("C")
        await settle(app, pilot)
        screen = active_screen(app)
        assert isinstance(screen, CorrectionsScreen)
        assert [(e.value, e.names) for e in screen.entries] == [("one", ("2024-03-31",))]


@drive
async def test_read_only_refuses_every_triage_key_and_writes_nothing(folder: Path) -> None:
    before = sorted(p.name for p in folder.iterdir())
    app = make(folder, read_only=True)
    said = record_notices(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await on_person(app, pilot, "Norland")
        await pilot.press("x", "M", "D", "ctrl+z")
        await settle(app, pilot)
        assert not isinstance(active_screen(app), (FilterChoiceScreen, ArticleDateScreen))
        assert sum("read-only" in m for m in said) == 3  # x, M, D; ctrl+z: nothing done
        await pilot.press("3", "j", "k", "x")
        await settle(app, pilot)
        assert "Norland" in names(app)
    assert sorted(p.name for p in folder.iterdir()) == before


@drive
async def test_a_hostile_name_in_the_merge_picker_is_never_markup(folder: Path) -> None:
    app = make(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await on_person(app, pilot, "Marek Dunn")
        assert app.view is not None
        app.view.people[person_id(app, "Marek Dunn")].name = "[bold]Marek Dunn[/bold]"
        await pilot.press("M")
        await settle(app, pilot)
        picker = active_screen(app)
        assert isinstance(picker, FilterChoiceScreen)
        title = picker.query_one("#pick-body").border_title
        assert title is not None and r"\[bold]Marek Dunn\[/bold]" in title


def test_a_merge_names_the_person_as_the_articles_write_them() -> None:
    from tui.app.triaging import linkable_name
    from tui.app.view import CorpusView
    from tui.records.models import Article, Corpus, Person, Span

    text = "Kari Olsen-Berg spoke. Olsen-Berg left. K. Olsen-Berg returned."
    article = Article(id="a", path="a.txt", text=text)

    def written(words: str) -> Span:
        at = text.index(words)
        return article.span(at, at + len(words))

    shown = Person(
        id="p",
        name="Kari Olsen-Berg",
        aliases=["Olsen-Berg"],
        mentions=[written("Kari Olsen-Berg")],
    )
    renamed = Person(
        id="q",
        name="Dr. Kari Olsen-Berg",  # a display name an earlier merge rule set
        aliases=["Olsen-Berg", "K. Olsen-Berg"],
        mentions=[written("Olsen-Berg"), written("K. Olsen-Berg")],
    )
    view = CorpusView.build(Corpus(articles=[article], people=[shown, renamed]))
    assert linkable_name(view, shown) == "Kari Olsen-Berg"
    assert linkable_name(view, renamed) == "K. Olsen-Berg"
