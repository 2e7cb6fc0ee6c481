"""Search in Source: every match counted, stepped through forward and back, "no match"."""

from __future__ import annotations

import re

from test_app import MakeApp, drive, settle

from tui.app.panes.source import SourcePane
from tui.app.records import RecordKind
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
