"""Search in Source (every match counted, stepped through forward and back, "no match") and
the article and outlet pickers filtered as you type."""

from __future__ import annotations

import re

from test_app import MakeApp, drive, settle
from textual.widgets import Static

from tui.app.panes.source import SourcePane
from tui.app.records import RecordKind
from tui.app.screens.triage import FilterChoiceScreen
from tui.records.models import Corpus


@drive
async def test_matches_are_counted_and_stepped_with_wraparound(
    make_app: MakeApp, corpus: Corpus
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.choose_person(corpus.people[0].id)
        await settle(app, pilot)
        await pilot.press("4")
        source = app.query_one(SourcePane)
        assert source.article_id is not None
        text = corpus.article(source.article_id).text
        spans = [(m.start(), m.end()) for m in re.finditer("the", text, re.IGNORECASE)]
        assert len(spans) >= 3
        await pilot.press("slash", *"THE")
        await settle(app, pilot)
        assert source.border_subtitle == f"1/{len(spans)}"
        assert source.highlighted == (source.article_id, *spans[0])
        await pilot.press("down", "down")  # in the search bar
        assert source.border_subtitle == f"3/{len(spans)}"
        assert source.highlighted == (source.article_id, *spans[2])
        await pilot.press("up", "up", "up")  # wraps to the last
        assert source.highlighted == (source.article_id, *spans[-1])
        await pilot.press("enter", "semicolon")  # kept; Source focused: ; and ,
        assert source.highlighted == (source.article_id, *spans[0])
        await pilot.press("comma")
        assert source.border_subtitle == f"{len(spans)}/{len(spans)}"
        await pilot.press("n")  # n still steps through the person's mentions
        await settle(app, pilot)
        assert app.selection is not None and app.selection.kind is RecordKind.MENTION


@drive
async def test_no_match_says_so(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("4", "slash", *"qqzx", "enter")
        await settle(app, pilot)
        source = app.query_one(SourcePane)
        assert source.border_subtitle == "no match"
        assert source.step_match(1) is False


@drive
async def test_article_picker_filters_as_you_type_and_counts_per_outlet(
    make_app: MakeApp, corpus: Corpus
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("a", "slash", *"newswire")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, FilterChoiceScreen)
        wire = [a.id for a in corpus.articles if a.source == "Newswire"]
        assert len(wire) == 2 and sorted(screen.matching()) == sorted(wire)
        count = str(screen.query_one("#pick-count", Static).render())
        assert count == f"2 of {len(corpus.articles)} · Newswire 2"
        second = screen.matching()[1]
        await pilot.press("down", "enter")
        await settle(app, pilot)
        assert app.query_one(SourcePane).article_id == second


@drive
async def test_outlet_picker_counts_articles_and_filters(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("f")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, FilterChoiceScreen)
        labels = {k: t.plain for k, t in screen.choices}
        assert labels["0"] == "outlet: Newswire · 2 articles"
        await pilot.press("slash", *"gazeta")
        await settle(app, pilot)
        assert [labels[k] for k in screen.matching()] == [
            t for t in labels.values() if "gazeta" in t.casefold()
        ]
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.article_filter is not None and "Gazeta" in app.article_filter.label
