"""Copies through the whole pipeline: counts of independent sources, comparisons between
copies, and the dashboard (picker grouping, Source header, differing passages, hiding copies).

The corpus: a wire story (Newswire), a reprint of it under another dateline (Coast Herald),
an independent article on the same dispute (Harbour Daily) and an unrelated story."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine
from typing import Any

import pytest
from copytexts import DAILY, OTHER_STORY, WIRE, article, redated
from rich.style import Style

from tui.app import NewsdashApp
from tui.app.panes.figures import FiguresPane
from tui.app.panes.people import PeoplePane
from tui.app.panes.source import SourcePane, SourceView
from tui.app.panes.timeline import TimelinePane
from tui.app.screens.modals import ChoiceScreen
from tui.app.view import COPIES_HIDDEN, CorpusView
from tui.pipeline import build_corpus
from tui.records.models import Corpus


@pytest.fixture(scope="module")
def copies() -> Corpus:
    return build_corpus(
        [
            article("wire", WIRE, day=12, source="Newswire"),
            article("herald", redated(WIRE), day=13, source="Coast Herald"),
            article("daily", DAILY, day=14, source="Harbour Daily"),
            article("tram", OTHER_STORY, day=15, source="Marrowby Post"),
        ]
    )


@pytest.fixture(scope="module")
def reprint_only() -> Corpus:
    return build_corpus(
        [
            article("wire", WIRE, day=12, source="Newswire"),
            article("herald", redated(WIRE), day=13, source="Coast Herald"),
        ]
    )


def test_the_copy_is_linked_to_its_original(copies: Corpus) -> None:
    herald = copies.article("herald")
    assert herald.copy_of == "wire"
    assert herald.copy_share is not None and herald.copy_share > 0.9
    assert [a.copy_of for a in copies.articles if a.id != "herald"] == [None, None, None]
    # Records of the copy are kept, with their own provenance.
    assert any(f.article_id == "herald" for f in copies.figures)
    assert any(m.article_id == "herald" for p in copies.people for m in p.mentions)


def test_a_conflict_counts_independent_sources(copies: Corpus) -> None:
    [conflict] = [c for c in copies.comparisons if "backlog" in c.measure]
    assert conflict.status == "conflict"
    assert len(conflict.figures) == 3 and conflict.independent == 2


def test_copies_of_one_story_neither_confirm_nor_contradict(reprint_only: Corpus) -> None:
    for comparison in reprint_only.comparisons:
        articles = {f.split("-")[1] for f in comparison.figures}
        assert articles != {"wire", "herald"}, comparison
    # Events of the reprint still group with the original's (same report, one source).
    groups = {e.group for e in reprint_only.events if e.group}
    assert groups
    view = CorpusView.build(reprint_only)
    for group in groups:
        members = [e for e in reprint_only.events if e.group == group]
        assert len(members) >= 2
        assert len({view.independent(e.article_id, e.when.start) for e in members}) == 1


def test_people_count_independent_articles(copies: Corpus) -> None:
    view = CorpusView.build(copies)
    varga = next(p for p in copies.people if p.name == "Rosa Varga")
    assert view.articles_of_person[varga.id] == 3
    assert view.sources_of_person[varga.id] == 2
    brill = next(p for p in copies.people if p.name == "Tomas Brill")
    assert (view.articles_of_person[brill.id], view.sources_of_person[brill.id]) == (2, 1)


# --------------------------------------------------------------------------- dashboard


def drive(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async Pilot test on a fresh event loop."""

    @functools.wraps(test)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return wrapper


async def settle(app: NewsdashApp, pilot: Any) -> None:
    await pilot.pause()
    for round_ in range(20):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if round_ and all(worker.is_finished for worker in app.workers):
            return


def app_on(corpus: Corpus) -> NewsdashApp:
    app = NewsdashApp(corpus, theme="newsdash")
    app.animation_level = "none"
    return app


@drive
async def test_picker_groups_copies_under_their_original(copies: Corpus) -> None:
    app = app_on(copies)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("a")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ChoiceScreen)
        assert [key for key, _ in screen.choices] == ["wire", "herald", "daily", "tram"]
        label = screen.choices[1][1].plain
        assert label.startswith("  └ copy 9") and "Coast Herald" in label
        assert "copy" not in screen.choices[0][1].plain
        await pilot.press("down", "enter")
        await settle(app, pilot)
        assert app.query_one(SourcePane).article_id == "herald"


@drive
async def test_source_says_copy_of_and_marks_what_differs(copies: Corpus) -> None:
    app = app_on(copies)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("a", "down", "enter")
        await settle(app, pilot)
        header = str(app.query_one("#source-header").render())
        assert "copy of Newswire" in header and "% shared)" in header
        source = app.query_one(SourceView)
        text = copies.article("herald").text
        at = text.index("Coast Herald")
        line = source.get_line(source.line_of(at))
        start = at - source.line_start(source.line_of(at))
        italic = [s for s in line.spans if isinstance(s.style, Style) and s.style.italic]
        assert any(s.start <= start < s.end for s in italic)
        # A passage the original prints is not marked.
        shared_at = text.index("Union leader")
        line = source.get_line(source.line_of(shared_at))
        assert not [s for s in line.spans if isinstance(s.style, Style) and s.style.italic]
        # The original itself says nothing of copies.
        await pilot.press("a", "enter")
        await settle(app, pilot)
        assert "copy of" not in str(app.query_one("#source-header").render())


@drive
async def test_counts_show_independent_sources(copies: Corpus) -> None:
    app = app_on(copies)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(app, pilot)
        people = app.query_one(PeoplePane)
        varga = next(p for p in copies.people if p.name == "Rosa Varga")
        assert "3 art (2 independent)" in people._prompt(app.view, varga).plain  # type: ignore[arg-type]
        figures = app.query_one(FiguresPane).table()
        rows = [figures.row_text(i) for i in range(figures.row_count)]
        assert any("CONFLICT ×3 (2 independent)" in r for r in rows), rows
        timeline = app.query_one(TimelinePane).table()
        rows = [timeline.row_text(i) for i in range(timeline.row_count)]
        assert any("×3 (2 independent)" in r for r in rows), rows
        assert any("×2 (1 independent)" in r for r in rows), rows


@drive
async def test_f_hides_copies(copies: Corpus) -> None:
    app = app_on(copies)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("f", "down", "enter")  # the first entry after "all"
        await settle(app, pilot)
        assert app.article_filter is not None
        assert app.article_filter.label == COPIES_HIDDEN
        assert app.article_filter.article_ids == {"wire", "daily", "tram"}
        events = app.query_one(TimelinePane).visible_events()
        assert events and all(e.article_id != "herald" for e in events)
        figures = app.query_one(FiguresPane).table()
        keys = figures.row_keys
        assert keys and not any("herald" in k.record_id for k in keys)
        people = [p.name for p in app.query_one(PeoplePane).visible_people()]
        assert "Tomas Brill" in people  # the original still names him
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.article_filter is None
